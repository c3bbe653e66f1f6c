// wfm.rta.eventToBus (wfm-engine spec §8): agent states posted at a steady rate over a tenant of
// scheduled agents, on PostgreSQL + NATS with the server in its own process. Prints JSON lines;
// never asserted in tests.
//
// Timing points, all taken in this process with performance.now():
//  - S: ingest's `wfm.acd.agentState` (published right after the commit) arrives at our bus subscriber;
//  - U: the processor's `wfm.rta.agentUpdated` for that state arrives at the same subscriber;
//  - W: the same delta arrives at a WebSocket client of `/wfm/v1/rta/stream`;
//  - P: the HTTP request carrying the state was sent.
// U − S is the processor's share (apply + evaluate + publish + one bus hop); ingest's own publish
// hop is the baseline one-way, so commit → delta ≈ (U − S) + baseline / 2. U − P bounds it from
// above (HTTP, validation, commit included).
//
// Env (defaults): BENCH_RTA_AGENTS (10000), BENCH_RTA_RATE states/s (2000), BENCH_RTA_SECONDS (60),
// BENCH_RTA_BATCH_MS (50, one request per tick), BENCH_DATABASE_URL, BENCH_NATS_URL
// (nats://127.0.0.1:4222), BENCH_NATS_STREAM (FLOORPLAN_TEST: a stream on the same server must not
// overlap another's subjects, so the bench shares the test stream; tenants keep traffic apart).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { tenantSubject } from '../packages/server/src/platform/bus/bus.js';
import { createNatsBus } from '../packages/server/src/platform/bus/nats-bus.js';
import { freePort, spawnServer } from '../packages/server/src/test-support/spawn-server.js';
import { percentile, print, withSchema } from './support.js';

const agents = Number(process.env.BENCH_RTA_AGENTS ?? 10_000);
const rate = Number(process.env.BENCH_RTA_RATE ?? 2_000);
const seconds = Number(process.env.BENCH_RTA_SECONDS ?? 60);
const batchMs = Number(process.env.BENCH_RTA_BATCH_MS ?? 50);
const natsUrl = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
const stream = process.env.BENCH_NATS_STREAM ?? 'FLOORPLAN_TEST';

const OPEN = '10000000-0000-4000-8000-000000000001';
const BREAK = '10000000-0000-4000-8000-000000000002';

/** Codes, mappings, `agents` employees with one login each and a published day of Open around now. */
async function seed(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tenantId = (await client.query<{ id: string }>(`SELECT id FROM tenant WHERE name = 'demo'`)).rows[0]!.id;
    const now = Date.now();
    const day = new Date(now).toISOString().slice(0, 10);
    await client.query(
      `INSERT INTO activity_code (tenant_id, id, name, display_as, priority, open, paid) VALUES ($1, $2, 'Open', 'OPEN', 5, true, true), ($1, $3, 'Break', 'BREAK', 2, false, true)`,
      [tenantId, OPEN, BREAK],
    );
    await client.query(
      `INSERT INTO event_mapping (tenant_id, id, source, event_code, reason_code, activity_code_id)
       VALUES ($1, gen_random_uuid(), '*', 'AVAIL', '*', $2), ($1, gen_random_uuid(), '*', 'AUX', '*', $3)`,
      [tenantId, OPEN, BREAK],
    );
    await client.query(
      `INSERT INTO employee (tenant_id, id, name, email, scheduling_unit_id)
       SELECT $1, gen_random_uuid(), 'a' || i, 'a' || i || '@bench.test', $1 FROM generate_series(0, $2 - 1) AS i`,
      [tenantId, agents],
    );
    await client.query(`INSERT INTO employee_acd_login (tenant_id, login_id, employee_id) SELECT $1, name, id FROM employee WHERE tenant_id = $1`, [tenantId]);
    await client.query(`INSERT INTO schedule_version (tenant_id, version, kind, employee_ids, from_date, to_date) VALUES ($1, 1, 'IMPORT', '{}', $2, $2)`, [tenantId, day]);
    await client.query(`INSERT INTO schedule_day (tenant_id, employee_id, date, valid_from_version) SELECT $1, id, $2, 1 FROM employee WHERE tenant_id = $1`, [tenantId, day]);
    // Open from an hour ago to two hours ahead: every state flips an agent between IN and OUT_OPEN.
    await client.query(
      `INSERT INTO schedule_segment (tenant_id, employee_id, date, activity_code_id, start_at, end_at, valid_from_version)
       SELECT $1, id, $2, $3, $4, $5, 1 FROM employee WHERE tenant_id = $1`,
      [tenantId, day, OPEN, new Date(Math.floor(now / 60_000) * 60_000 - 3_600_000), new Date(Math.floor(now / 60_000) * 60_000 + 7_200_000)],
    );
    return tenantId;
  } finally {
    await client.end();
  }
}

async function run(url: string) {
  const dataDir = await mkdtemp(join(tmpdir(), 'floorplan-bench-rta-'));
  const server = await spawnServer(
    { DATA_DIR: dataDir, DATABASE_URL: url, NATS_URL: natsUrl, NATS_STREAM: stream, WFM_RATE_LIMIT_PER_S: '1000000', WFM_RATE_LIMIT_BURST: '1000000', LOG_LEVEL: 'error' },
    await freePort(),
  );
  const bus = await createNatsBus({ url: natsUrl, stream });
  try {
    const creds = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8')) as { accessKeyId: string; accessKeySecret: string; adminEmail: string };
    const operator = (await readFile(join(dataDir, 'operator.secret'), 'utf8')).trim();
    const tokenOf = async (accessKeyId: string, accessKeySecret: string) => {
      const res = await fetch(`${server.url}/authentication/v1/token/access-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessKeyId, accessKeySecret }) });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const connector = await tokenOf(creds.accessKeyId, creds.accessKeySecret);
    const keyRes = await fetch(`${server.url}/admin/v1/tenants/demo/keys`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` }, body: JSON.stringify({ userEmail: creds.adminEmail, purpose: 'general' }) });
    const adminKey = (await keyRes.json()) as { accessKeyId: string; accessKeySecret: string };
    const admin = await tokenOf(adminKey.accessKeyId, adminKey.accessKeySecret);
    const tenantId = await seed(url);

    // Baseline: round trip of an empty message through the same bus.
    const pingSubject = tenantSubject(tenantId, 'bench.ping');
    let pong: (() => void) | undefined;
    await bus.subscribe(pingSubject, () => pong?.());
    const rtts: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        pong = resolve;
        void bus.publish(pingSubject, {});
      });
      rtts.push(performance.now() - t0);
    }
    rtts.sort((a, b) => a - b);

    const S = new Map<string, number>();
    const U = new Map<string, number>();
    const W = new Map<string, number>();
    const P = new Map<string, number>();
    await bus.subscribe(tenantSubject(tenantId, 'wfm.acd.agentState'), (m) => {
      const d = m.data as { loginId: string; eventUtcTime: string };
      S.set(`${d.loginId}|${Date.parse(d.eventUtcTime)}`, performance.now());
    });
    await bus.subscribe(tenantSubject(tenantId, 'wfm.rta.agentUpdated'), (m) => {
      const a = (m.data as { agent: { name: string; actual: { since: string | null } } }).agent;
      if (a.actual.since !== null) U.set(`${a.name}|${Date.parse(a.actual.since)}`, performance.now());
    });
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/wfm/v1/rta/stream?access_token=${admin}`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.on('message', (raw: Buffer) => {
      const m = JSON.parse(raw.toString()) as { agent?: { name: string; actual: { since: string | null } } };
      if (m.agent?.actual.since) W.set(`${m.agent.name}|${Date.parse(m.agent.actual.since)}`, performance.now());
    });
    ws.send(JSON.stringify({ filter: {} }));

    const post = async (states: { loginId: string; acdId: string; eventCode: string; reasonCode: string; eventUtcTime: string }[]) => {
      const res = await fetch(`${server.url}/wfm/acd/v1/agent-states`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${connector}` }, body: JSON.stringify({ agentStateList: states }) });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    await fetch(`${server.url}/wfm/acd/v1/heartbeat`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${connector}` }, body: JSON.stringify({ connectorName: 'bench', connectorVersion: '1', sentAt: new Date().toISOString() }) });

    // Warm-up: the first state builds the tenant's board (10,000 agents, schedules, states).
    const w0 = performance.now();
    const warmTime = Date.now();
    await post([{ loginId: 'a0', acdId: 'bench', eventCode: 'AUX', reasonCode: '', eventUtcTime: new Date(warmTime).toISOString() }]);
    while (!U.has(`a0|${warmTime}`)) await new Promise((r) => setTimeout(r, 5));
    print('wfm.rta.boardBuild', performance.now() - w0, 'ms', { agents, note: 'first state → its delta, board built lazily in between' });

    // Load: `rate` states/s in one request per tick; each state flips its agent (AVAIL ↔ AUX).
    const perBatch = Math.max(1, Math.round((rate * batchMs) / 1000));
    const ticks = Math.round((seconds * 1000) / batchMs);
    const flips = new Map<number, boolean>();
    let next = 1;
    const lastOf = new Map<number, number>();
    const inflight: Promise<void>[] = [];
    const started = performance.now();
    for (let tick = 0; tick < ticks; tick++) {
      const due = started + tick * batchMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const states = [];
      const sentAt = performance.now();
      for (let i = 0; i < perBatch; i++) {
        const agent = next++ % agents;
        const on = !(flips.get(agent) ?? false);
        flips.set(agent, on);
        // Event times follow the wall clock (a global +1 ms per state would run ahead of it and be
        // clamped, §2.4); they only need to rise per agent, which flips every agents/rate seconds.
        const at = Math.max((lastOf.get(agent) ?? warmTime) + 1, Date.now());
        lastOf.set(agent, at);
        states.push({ loginId: `a${agent}`, acdId: 'bench', eventCode: on ? 'AVAIL' : 'AUX', reasonCode: '', eventUtcTime: new Date(at).toISOString() });
        P.set(`a${agent}|${at}`, sentAt);
      }
      inflight.push(post(states));
    }
    await Promise.all(inflight);
    const sendSeconds = (performance.now() - started) / 1000;
    // Let the last deltas arrive.
    for (let i = 0; i < 1200 && (S.size < P.size || U.size < P.size || W.size < P.size); i++) await new Promise((r) => setTimeout(r, 25));
    ws.close();

    const diffs = (to: Map<string, number>, from: Map<string, number>) => {
      const out: number[] = [];
      for (const [k, t0] of from) {
        const t1 = to.get(k);
        if (t1 !== undefined) out.push(t1 - t0);
      }
      return out.sort((a, b) => a - b);
    };
    const sToU = diffs(U, S);
    const pToU = diffs(U, P);
    const sToW = diffs(W, S);
    const sent = P.size;
    const common = { agents, rate, seconds, sent, achievedRate: Math.round(sent / sendSeconds), statesSeen: S.size, deltasSeen: U.size, wsSeen: W.size, pairs: sToU.length, statesPerRequest: perBatch };
    print('wfm.rta.baseline.busRoundTrip.p50', percentile(rtts, 0.5), 'ms', { samples: rtts.length });
    print('wfm.rta.baseline.busRoundTrip.p99', percentile(rtts, 0.99), 'ms', { samples: rtts.length });
    print('wfm.rta.eventToBus.p50', percentile(sToU, 0.5) + percentile(rtts, 0.5) / 2, 'ms', { ...common, measured: 'U−S + baseline p50 / 2' });
    print('wfm.rta.eventToBus.p99', percentile(sToU, 0.99) + percentile(rtts, 0.5) / 2, 'ms', { ...common, goal: 50, measured: 'U−S + baseline p50 / 2' });
    print('wfm.rta.processor.p50', percentile(sToU, 0.5), 'ms', { measured: 'U−S' });
    print('wfm.rta.processor.p99', percentile(sToU, 0.99), 'ms', { measured: 'U−S' });
    print('wfm.rta.requestToBus.p50', percentile(pToU, 0.5), 'ms', { measured: 'U−P, upper bound incl. HTTP and commit' });
    print('wfm.rta.requestToBus.p99', percentile(pToU, 0.99), 'ms', { measured: 'U−P, upper bound incl. HTTP and commit' });
    print('wfm.rta.eventToWebSocket.p50', percentile(sToW, 0.5) + percentile(rtts, 0.5) / 2, 'ms', { received: sToW.length });
    print('wfm.rta.eventToWebSocket.p99', percentile(sToW, 0.99) + percentile(rtts, 0.5) / 2, 'ms', { received: sToW.length, goal: 1000 });
  } finally {
    await bus.close();
    await server.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

await withSchema(run);
