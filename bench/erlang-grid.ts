// wfm.erlangC.grid (engine spec §8): the required-agents search over 1 000 skills × 96 intervals with
// seeded traffic A in 1–500 Erlangs at 80/20, against the Erlang B loop alone up to the same staff
// (the floor any exact search pays), measured in the same run; plus the Erlang A grid. Prints JSON
// lines; never asserted in tests. Env: BENCH_SKILLS (1000), BENCH_RUNS (7).
import { requiredAgentsErlangA } from '../packages/server/src/modules/wfm/staffing/erlang-a.js';
import { erlangB } from '../packages/server/src/modules/wfm/staffing/erlang-b.js';
import { requiredAgents } from '../packages/server/src/modules/wfm/staffing/erlang-c.js';
import { print } from './support.js';

const skills = Number(process.env.BENCH_SKILLS ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const intervals = 96;

/** mulberry32: the same grid on every machine and run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// Per skill an AHT of 120–600 s and a mean patience of 60–600 s; per interval A uniform in [1, 500].
const next = random(20_260_417);
const cells = Array.from({ length: skills * intervals }, (_, i) => ({ A: 1 + 499 * next(), skill: Math.floor(i / intervals) }));
const aht = Array.from({ length: skills }, () => 120 + 480 * next());
const patience = Array.from({ length: skills }, () => 60 + 540 * next());

/** Median and best of `runs` timed passes, after one warm-up pass for the JIT. */
function time(pass: () => number): { median: number; best: number; checksum: number } {
  const checksum = pass();
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    if (pass() !== checksum) throw new Error('a pass gave a different answer');
    seconds.push((performance.now() - started) / 1000);
  }
  seconds.sort((a, b) => a - b);
  return { median: seconds[Math.floor(runs / 2)]!, best: seconds[0]!, checksum };
}

const staff = new Int32Array(cells.length);
const search = time(() => {
  let total = 0;
  cells.forEach((cell, i) => {
    const n = requiredAgents({ A: cell.A, ahtEff: aht[cell.skill]!, slSeconds: 20, slGoal: 0.8 }).agents;
    staff[i] = n;
    total += n;
  });
  return total;
});
// Baseline: B_0 … B_n for each cell's answer n, nothing else.
const baseline = time(() => {
  let total = 0;
  cells.forEach((cell, i) => {
    total += erlangB(staff[i]!, cell.A);
  });
  return total;
});
const erlangA = time(() => {
  let total = 0;
  for (const cell of cells) {
    total += requiredAgentsErlangA({ A: cell.A, ahtEff: aht[cell.skill]!, slSeconds: 20, slGoal: 0.8, patienceSeconds: patience[cell.skill]! }).agents;
  }
  return total;
});

const grid = { skills, intervals, cells: cells.length, runs };
print('wfm.erlangC.grid', search.median, 's', { ...grid, best: search.best, target: 0.2, agents: search.checksum });
print('wfm.erlangC.grid.erlangB-loop', baseline.median, 's', { ...grid, best: baseline.best, recurrenceSteps: staff.reduce((s, n) => s + n, 0) });
print('wfm.erlangC.grid.ratio', search.median / baseline.median, 'search/B-loop');
print('wfm.erlangA.grid', erlangA.median, 's', { ...grid, best: erlangA.best, target: 1, agents: erlangA.checksum });
