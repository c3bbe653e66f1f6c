import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteDb } from '../src/platform/db/pglite-db.js';
import { createPgSchema } from '../src/test-support/pg-schema.js';
import { freePort, spawnServer, type ServerProcess } from '../src/test-support/spawn-server.js';
import { testTarget } from '../src/test-support/test-target.js';

const total = 10_000;
const perBatch = 100;

describe('SIGKILL during ingestion', () => {
  let dataDir = '';
  let dropSchema: (() => Promise<void>) | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill();
    await dropSchema?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every state that got a 200, exactly once, across two kills and restarts', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'floorplan-crash-'));
    const env: Record<string, string> = { DATA_DIR: dataDir, WFM_RATE_LIMIT_PER_S: '100000', WFM_RATE_LIMIT_BURST: '100000' };
    if (testTarget() === 'services') {
      const pgSchema = await createPgSchema('crash');
      dropSchema = pgSchema.drop;
      env.DATABASE_URL = pgSchema.url;
    }
    const port = await freePort();
    server = await spawnServer(env, port);
    const creds = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8')) as { accessKeyId: string; accessKeySecret: string };
    const login = await fetch(`${server.url}/authentication/v1/token/access-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) });
    const token = ((await login.json()) as { access_token: string }).access_token;

    const base = Date.parse('2024-04-17T08:00:00Z');
    const batches = Array.from({ length: total / perBatch }, (_, b) => ({
      agentStateList: Array.from({ length: perBatch }, (_, i) => {
        const n = b * perBatch + i;
        return { loginId: `agent-${n % 50}`, eventCode: n % 3 ? 'Available' : 'OnCall', reasonCode: '', eventUtcTime: new Date(base + n * 1000).toISOString() };
      }),
    }));

    let acknowledged = 0;
    let refused = 0;
    const kills = new Set([30, 70]);
    for (let b = 0; b < batches.length; b++) {
      if (kills.has(b)) {
        kills.delete(b);
        // Kill while a request is in flight: its answer is lost, the client retries it after restart.
        const inFlight = fetch(`${server.url}/wfm/acd/v1/agent-states`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(batches[b]) }).catch(() => null);
        await server.kill('SIGKILL');
        await inFlight;
        server = await spawnServer(env, port);
      }
      for (;;) {
        try {
          const res = await fetch(`${server.url}/wfm/acd/v1/agent-states`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(batches[b]) });
          if (res.status === 200) {
            acknowledged += perBatch;
            break;
          }
          refused++;
        } catch {
          refused++;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(acknowledged).toBe(total);
    await server.kill('SIGTERM');
    server = undefined;

    const count = async (q: { query: (s: string) => Promise<{ rows: { n: number | string; d: number | string }[] }> }) =>
      (await q.query("SELECT count(*)::int AS n, count(DISTINCT (login_id, event_utc_time, event_code))::int AS d FROM acd_agent_state")).rows[0]!;
    let result: { n: number | string; d: number | string };
    if (testTarget() === 'services') {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      result = await count(c);
      await c.end();
    } else {
      const db = await createPgliteDb(join(dataDir, 'db'));
      result = await count(db);
      await db.close();
    }
    expect({ n: Number(result.n), d: Number(result.d) }).toEqual({ n: total, d: total });
  }, 300_000);
});
