// Agent-state ingest over HTTP into PostgreSQL, against the raw multi-row INSERT rate into the same
// table and indexes, measured in the same run. Prints JSON lines; never asserted in tests.
// Usage: npm run bench  (BENCH_STATES, BENCH_DATABASE_URL, BENCH_CONCURRENCY to change the defaults)
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPgDb } from '../packages/server/src/platform/db/pg-db.js';
import { migrate } from '../packages/server/src/platform/db/migrate.js';
import { freePort, spawnServer } from '../packages/server/src/test-support/spawn-server.js';

const states = Number(process.env.BENCH_STATES ?? 200_000);
const batch = 1000;
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const print = (bench: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench, value: Math.round(value * 1000) / 1000, unit, ...extra }));

function makeBatches(tenantTag: string) {
  const base = Date.parse('2024-04-17T00:00:00Z');
  return Array.from({ length: states / batch }, (_, b) =>
    Array.from({ length: batch }, (_, i) => {
      const n = b * batch + i;
      // 2,000 agents, one state change per agent every ~2,000 s of event time.
      return { loginId: `${tenantTag}-agent-${n % 2000}`, acdId: 'bench', eventCode: n % 3 ? 'Available' : 'OnCall', reasonCode: n % 7 ? '' : 'Break', eventUtcTime: new Date(base + n * 1000).toISOString() };
    }),
  );
}

async function withSchema<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const schema = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    return await fn(`${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

/** Baseline: 1,000-row INSERT statements from `pg` into acd_agent_state, `concurrency` connections. */
async function rawInsertRate(): Promise<number> {
  return withSchema(async (url) => {
    const db = await createPgDb({ connectionString: url, max: concurrency });
    await migrate(db);
    const tenant = '00000000-0000-4000-8000-000000000001';
    const batches = makeBatches('raw');
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let b = next++; b < batches.length; b = next++) {
          const rows = batches[b]!;
          const params: unknown[] = [];
          const values = rows.map((s, i) => {
            params.push(tenant, s.loginId, s.eventUtcTime, s.eventCode, s.reasonCode, s.acdId);
            const o = i * 6;
            return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, now())`;
          });
          await db.query(
            `INSERT INTO acd_agent_state (tenant_id, login_id, event_utc_time, event_code, reason_code, acd_id, accepted_at) VALUES ${values.join(', ')}`,
            params,
          );
        }
      }),
    );
    const rate = states / ((performance.now() - started) / 1000);
    await db.close();
    return rate;
  });
}

/** Through the real server (child process) over HTTP: JSON, auth, validation, dedupe, current state, events. */
async function httpRate(database: 'postgres' | 'pglite'): Promise<{ rate: number; p50: number; p99: number }> {
  const run = async (env: Record<string, string>) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'floorplan-bench-'));
    const server = await spawnServer({ ...env, DATA_DIR: dataDir, WFM_RATE_LIMIT_PER_S: '1000000', WFM_RATE_LIMIT_BURST: '1000000', LOG_LEVEL: 'error' }, await freePort());
    try {
      const creds = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8')) as { accessKeyId: string; accessKeySecret: string };
      const login = await fetch(`${server.url}/authentication/v1/token/access-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) });
      const token = ((await login.json()) as { access_token: string }).access_token;
      const bodies = makeBatches(database).map((list) => JSON.stringify({ agentStateList: list }));
      const latencies: number[] = [];
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let b = next++; b < bodies.length; b = next++) {
            const t0 = performance.now();
            const res = await fetch(`${server.url}/wfm/acd/v1/agent-states`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: bodies[b] });
            if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
            await res.arrayBuffer();
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const rate = states / ((performance.now() - started) / 1000);
      latencies.sort((a, b) => a - b);
      return { rate, p50: latencies[Math.floor(latencies.length * 0.5)]!, p99: latencies[Math.floor(latencies.length * 0.99)]! };
    } finally {
      await server.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  return database === 'postgres' ? withSchema((url) => run({ DATABASE_URL: url })) : run({});
}

const raw = await rawInsertRate();
print('wfm-ingest.raw-insert', raw, 'states/s', { rowsPerStatement: batch, concurrency, states });
const viaHttp = await httpRate('postgres');
print('wfm-ingest.http', viaHttp.rate, 'states/s', { batch, concurrency, states, database: 'postgres' });
print('wfm-ingest.http-request-p50', viaHttp.p50, 'ms', { statesPerRequest: batch });
print('wfm-ingest.http-request-p99', viaHttp.p99, 'ms', { statesPerRequest: batch });
print('wfm-ingest.ratio', viaHttp.rate / raw, 'http/raw', { goal: 0.5 });
if (process.env.BENCH_PGLITE !== '0') {
  const lite = await httpRate('pglite');
  print('wfm-ingest.http-pglite', lite.rate, 'states/s', { batch, concurrency: concurrency, states, database: 'pglite' });
}
