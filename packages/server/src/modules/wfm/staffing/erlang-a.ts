// Erlang A (M/M/n+M, spec §6.3): Erlang C plus exponential patience with mean 1/θ. Computed through
// the scaled incomplete gamma S of `scaled-lower-gamma.ts`, in logs, so nothing overflows or cancels
// from an idle system to one with ten times the traffic its agents can carry.
import { createErlangBTable, erlangB, type ErlangBTable } from './erlang-b.js';
import { checkGoal, erlangCMetrics, MAX_AGENTS, meetsGoal, minimumAgentsForOccupancy, type QueueMetrics, type StaffingGoal } from './erlang-c.js';
import { interpolateAgents } from './fractional-agents.js';
import { scaledLowerGamma } from './scaled-lower-gamma.js';

/** A staffing level to evaluate under Erlang A. */
export interface ErlangAInput {
  /** Offered traffic in Erlangs, `λ·AHT_eff`. */
  A: number;
  /** Agents, a non-negative integer. */
  n: number;
  ahtEff: number;
  /** Mean patience `1/θ`, seconds. */
  patienceSeconds: number;
  slSeconds: number;
}

/**
 * Erlang A metrics. `asaSeconds` is `E[W]`, the mean wait of all arrivals including the time
 * abandoners waited (`P(Ab)/θ`); `serviceLevel` counts contacts served within t among all arrivals;
 * `occupancy` is the carried load per agent, `λ·(1 − P(Ab))·AHT_eff / n`.
 */
export interface ErlangAMetrics extends QueueMetrics {
  pAbandon: number;
  pAbandonGivenWait: number;
  /** `P(W > t)`: still waiting at the threshold, whatever happens next. */
  pWaitLongerThan: number;
}

/** An Erlang C goal plus the patience that turns it into an Erlang A one. */
export interface ErlangAGoal extends StaffingGoal {
  patienceSeconds: number;
}

/**
 * Erlang A metrics for `n` agents (spec §6.3) with `x = nμ/θ`, `y = λ/θ`, `𝒜 = S(x, y)`:
 * `P(W>0) = 𝒜E / (1 + (𝒜 − 1)E)`, `P(Ab|W>0) = 1/(ρ𝒜) + 1 − 1/ρ`, `E[W] = P(Ab)/θ`,
 * `P(W>t) = P(W>0)·e^{−θt}·P(x, y e^{−θt}) / P(x, y)` and SL as the spec words it.
 *
 * @example
 * erlangAMetrics({ A: 10, n: 12, ahtEff: 180, patienceSeconds: 300, slSeconds: 20 });
 * // { pWait: 0.331802, pAbandon: 0.042711, asaSeconds: 12.813 (0.213556 min), serviceLevel: 0.772279, ... }
 */
export function erlangAMetrics(input: ErlangAInput, e: number = erlangB(input.n, input.A)): ErlangAMetrics {
  const { A, n, ahtEff, patienceSeconds, slSeconds } = input;
  const thetaT = slSeconds / patienceSeconds;
  if (A === 0) {
    return { pWait: 0, serviceLevel: 1, asaSeconds: 0, occupancy: n > 0 ? 0 : Number.NaN, pAbandon: 0, pAbandonGivenWait: 0, pWaitLongerThan: 0 };
  }
  if (n === 0) {
    // Nobody is ever served: every contact waits out its patience.
    return { pWait: 1, serviceLevel: 0, asaSeconds: patienceSeconds, occupancy: Number.NaN, pAbandon: 1, pAbandonGivenWait: 1, pWaitLongerThan: Math.exp(-thetaT) };
  }
  const r = patienceSeconds / ahtEff; // μ/θ
  const x = n * r;
  const y = A * r;
  const rho = A / n;
  const sy = scaledLowerGamma(x, y);
  // P(W>0) = 1 / (1 + (1 − E)/(E·𝒜)), in logs because 𝒜 overflows when n ≪ A.
  const pWait = e === 0 ? 0 : 1 / (1 + Math.exp(Math.log1p(-e) - Math.log(e) - sy.lnS));
  // 1/(ρ𝒜) + 1 − 1/ρ cancels when ρ < 1; the series gives the same number as a sum of positive terms.
  const pAbandonGivenWait = rho < 1 && !Number.isNaN(sy.abandonShare) ? sy.abandonShare : Math.exp(-sy.lnS) / rho + 1 - 1 / rho;
  const pAbandon = pAbandonGivenWait * pWait;
  const u = y * Math.exp(-thetaT);
  const su = scaledLowerGamma(x, u);
  // P(x, u) / P(x, y) = (u/y)^x·e^{y−u}·S(x, u)/S(x, y).
  const ratio = Math.exp(-x * thetaT - y * Math.expm1(-thetaT) + su.lnS - sy.lnS);
  const pWaitLongerThan = pWait * Math.exp(-thetaT) * ratio;
  // F(v)/P(x, v) = v − x·P(x+1, v)/P(x, v); c/y·[F(y) − F(u)] with c = P(W>0)/P(x, y).
  const abandonedWithin = (pWait / y) * (y - x * sy.complement - ratio * (u - x * su.complement));
  return {
    pWait,
    // Clamped: when nearly nobody is served, the last bits of two near-equal terms can dip below 0.
    serviceLevel: Math.min(1, Math.max(0, 1 - pWaitLongerThan - abandonedWithin)),
    asaSeconds: pAbandon * patienceSeconds,
    occupancy: Math.min(1, (A * (1 - pAbandon)) / n),
    pAbandon,
    pAbandonGivenWait,
    pWaitLongerThan,
  };
}

function meetsErlangAGoal(n: number, m: ErlangAMetrics, goal: ErlangAGoal): boolean {
  return (
    n >= 1 &&
    m.serviceLevel >= goal.slGoal &&
    (goal.maxOccupancy === undefined || m.occupancy <= goal.maxOccupancy) &&
    (goal.asaGoal === undefined || m.asaSeconds <= goal.asaGoal)
  );
}

/**
 * The smallest integer staff meeting `goal` under Erlang A (at least 1 with traffic; fewer than A
 * is possible, abandons keep the queue stable). Every goal is monotone in n, so the answer is
 * bracketed (g·A below, the Erlang C answer above) and the bracket closed by discrete Newton steps
 * on ln(1 − SL): about five evaluations on the spec §8 grid, Erlang B from one shared table.
 *
 * @example
 * requiredAgentsErlangA({ A: 10, ahtEff: 180, slSeconds: 20, slGoal: 0.8, patienceSeconds: 300 }).agents; // 13
 */
export function requiredAgentsErlangA(goal: ErlangAGoal): { agents: number; metrics: ErlangAMetrics } {
  checkGoal(goal);
  if (!(goal.patienceSeconds > 0 && Number.isFinite(goal.patienceSeconds))) throw new RangeError(`patienceSeconds must be > 0, got ${goal.patienceSeconds}`);
  const { A, ahtEff, patienceSeconds, slSeconds, slGoal } = goal;
  if (A === 0) return { agents: 0, metrics: erlangAMetrics({ A, n: 0, ahtEff, patienceSeconds, slSeconds }, 1) };
  const table = createErlangBTable(A);
  const seen = new Map<number, ErlangAMetrics>();
  const evaluate = (n: number): ErlangAMetrics => {
    let m = seen.get(n);
    if (!m) {
      m = erlangAMetrics({ A, n, ahtEff, patienceSeconds, slSeconds }, table.at(n));
      seen.set(n, m);
    }
    return m;
  };
  const ok = (n: number) => meetsErlangAGoal(n, evaluate(n), goal);

  // hi: the Erlang C answer (same table), which abandons rarely push up. lo: below g·A no staff
  // meets the SL goal, since SL ≤ served share = carried load / A ≤ n / A. lo fails, hi meets.
  let hi = erlangCAnswer(goal, table);
  let lo = Math.min(hi - 1, Math.max(0, Math.ceil(slGoal * A) - 1));
  for (let step = 1; !ok(hi); step *= 2) {
    if (hi >= MAX_AGENTS) throw new RangeError(`the goal needs more than ${MAX_AGENTS} agents`);
    lo = hi;
    hi = Math.min(hi + step, MAX_AGENTS);
  }
  // Discrete Newton steps on ln(1 − SL), which falls almost linearly in n above the knee (Erlang C:
  // ln C − (n − A)·t/AHT): each step probes a point and its neighbour toward the answer, so the
  // slope is local and the pair also tells whether the point is the answer. Two steps that leave
  // the bracket more than half as wide fall back to bisection.
  const shortfall = (n: number) => Math.log(Math.max(1 - evaluate(n).serviceLevel, 1e-300));
  const target = Math.log(1 - slGoal);
  const settle = (n: number) => {
    if (ok(n)) hi = n;
    else lo = n;
  };
  let point = hi;
  let width = hi - lo;
  let steps = 0;
  while (hi - lo > 1) {
    const neighbour = point === hi ? point - 1 : point + 1;
    if (neighbour > lo && neighbour < hi) settle(neighbour);
    if (hi - lo <= 1) break;
    let next = Math.floor((lo + hi) / 2);
    const base = Math.min(point, neighbour);
    const slope = shortfall(base + 1) - shortfall(base);
    if (steps < 2 && slope < 0) {
      // Clamped into the bracket: a guess at or past an end means the answer is next to that end.
      next = Math.min(hi - 1, Math.max(lo + 1, Math.ceil(base + (target - shortfall(base)) / slope)));
    }
    point = next;
    settle(point);
    steps += 1;
    if (hi - lo <= width / 2) {
      width = hi - lo;
      steps = 0;
    }
  }
  return { agents: hi, metrics: evaluate(hi) };
}

/** The Erlang C search of `erlang-c.ts` on a shared table: the smallest n meeting `goal` without abandons. */
function erlangCAnswer(goal: StaffingGoal, table: ErlangBTable): number {
  const { A, ahtEff, slSeconds } = goal;
  for (let n = Math.max(Math.floor(A) + 1, minimumAgentsForOccupancy(A, goal.maxOccupancy)); ; n++) {
    if (meetsGoal(n, erlangCMetrics({ A, n, ahtEff, slSeconds }, table.at(n)), goal)) return n;
    if (n >= MAX_AGENTS) throw new RangeError(`the goal needs more than ${MAX_AGENTS} agents`);
  }
}

/**
 * Fractional Erlang A staff by LINEAR interpolation between n − 1 and n (spec §6.3: GAMMA has no
 * Erlang A counterpart), over every goal that n − 1 misses; `n` when none can be interpolated.
 *
 * @example
 * fractionalAgentsErlangA({ A: 10, ahtEff: 180, slSeconds: 20, slGoal: 0.8, patienceSeconds: 300 }); // 12.3227…
 */
export function fractionalAgentsErlangA(goal: ErlangAGoal, integer = requiredAgentsErlangA(goal)): number {
  const n = integer.agents;
  if (n === 0) return 0;
  const { A, ahtEff, patienceSeconds, slSeconds } = goal;
  const before = erlangAMetrics({ A, n: n - 1, ahtEff, patienceSeconds, slSeconds });
  const after = integer.metrics;
  const crossings: number[] = [];
  if (before.serviceLevel < goal.slGoal) crossings.push(interpolateAgents(n, before.serviceLevel, after.serviceLevel, goal.slGoal));
  if (goal.maxOccupancy !== undefined && !(before.occupancy <= goal.maxOccupancy)) {
    crossings.push(Number.isFinite(before.occupancy) ? interpolateAgents(n, before.occupancy, after.occupancy, goal.maxOccupancy) : n);
  }
  if (goal.asaGoal !== undefined && before.asaSeconds > goal.asaGoal) crossings.push(interpolateAgents(n, before.asaSeconds, after.asaSeconds, goal.asaGoal));
  return crossings.length === 0 ? n : Math.min(n, Math.max(...crossings));
}

/**
 * Mean patience from a skill's history (spec §6.3): `θ̂ = Σ abandonedLong / Σ waiting seconds`.
 * `null` means "use Erlang C": under 30 abandons the estimate is noise, and below θ = 1e−9 per
 * second (or with no recorded waiting) Erlang A adds nothing.
 *
 * @example
 * estimatePatience({ abandonedLong: 120, waitingSeconds: 36_000 }); // { theta: 0.00333.., patienceSeconds: 300 }
 */
export function estimatePatience(totals: { abandonedLong: number; waitingSeconds: number }): { theta: number; patienceSeconds: number } | null {
  const { abandonedLong, waitingSeconds } = totals;
  if (!(abandonedLong >= 30) || !(waitingSeconds > 0)) return null;
  const theta = abandonedLong / waitingSeconds;
  return theta < 1e-9 || !Number.isFinite(theta) ? null : { theta, patienceSeconds: 1 / theta };
}

/**
 * Waiting seconds where no exact waits exist (spec §6.3): `queueDelayTime` covers handled contacts
 * only, so each long abandon adds one ASA. Results built on it are flagged `patienceApprox`.
 *
 * @example
 * approximateWaitingSeconds({ queueDelayTime: 30_000, abandonedLong: 40, asaSeconds: 25 }); // 31000
 */
export function approximateWaitingSeconds(report: { queueDelayTime: number; abandonedLong: number; asaSeconds: number }): number {
  return report.queueDelayTime + report.abandonedLong * report.asaSeconds;
}
