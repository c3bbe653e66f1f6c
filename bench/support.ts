// Shared plumbing of the benchmarks: a throwaway PostgreSQL schema, the raw-INSERT baseline, a real
// server process, and the JSON-line output every benchmark prints.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../packages/server/src/platform/db/migrate.js';
import { createPgDb } from '../packages/server/src/platform/db/pg-db.js';
import { freePort, spawnServer, type ServerProcess } from '../packages/server/src/test-support/spawn-server.js';

export const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const print = (bench: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench, value: Math.round(value * 1000) / 1000, unit, ...extra }));

export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

export interface BenchState {
  loginId: string;
  acdId: string;
  eventCode: string;
  reasonCode: string;
  eventUtcTime: string;
}

/** `count` states of 2,000 agents, one second of event time apart, cut into batches of `batch`. */
export function makeBatches(tag: string, count: number, batch: number): BenchState[][] {
  const base = Date.parse('2024-04-17T00:00:00Z');
  return Array.from({ length: Math.ceil(count / batch) }, (_, b) =>
    Array.from({ length: Math.min(batch, count - b * batch) }, (_, i) => {
      const n = b * batch + i;
      return { loginId: `${tag}-agent-${n % 2000}`, acdId: 'bench', eventCode: n % 3 ? 'Available' : 'OnCall', reasonCode: n % 7 ? '' : 'Break', eventUtcTime: new Date(base + n * 1000).toISOString() };
    }),
  );
}

/** A fresh schema for `fn`, dropped afterwards; `fn` gets a URL whose search path is that schema. */
export async function withSchema<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const schema = `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
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

/** Baseline: 1,000-row multi-row INSERT statements from `pg` into acd_agent_state (same table and indexes). */
export async function rawInsertRate(count: number, concurrency: number): Promise<number> {
  return withSchema(async (url) => {
    const db = await createPgDb({ connectionString: url, max: concurrency });
    await migrate(db);
    const tenant = '00000000-0000-4000-8000-000000000001';
    const batches = makeBatches('raw', count, 1000);
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
          await db.query(`INSERT INTO acd_agent_state (tenant_id, login_id, event_utc_time, event_code, reason_code, acd_id, accepted_at) VALUES ${values.join(', ')}`, params);
        }
      }),
    );
    const rate = count / ((performance.now() - started) / 1000);
    await db.close();
    return rate;
  });
}

export interface BenchServer {
  server: ServerProcess;
  creds: { accessKeyId: string; accessKeySecret: string };
  token(): Promise<string>;
  close(): Promise<void>;
}

/** A real server process (PostgreSQL at `databaseUrl`, or PGlite when null) with its demo credentials. */
export async function startBenchServer(database: string | null): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'floorplan-bench-'));
  const server = await spawnServer(
    { DATA_DIR: dataDir, WFM_RATE_LIMIT_PER_S: '1000000', WFM_RATE_LIMIT_BURST: '1000000', LOG_LEVEL: 'error', ...(database ? { DATABASE_URL: database } : {}) },
    await freePort(),
  );
  const creds = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8')) as { accessKeyId: string; accessKeySecret: string };
  return {
    server,
    creds,
    async token() {
      const login = await fetch(`${server.url}/authentication/v1/token/access-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) });
      return ((await login.json()) as { access_token: string }).access_token;
    },
    async close() {
      await server.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
