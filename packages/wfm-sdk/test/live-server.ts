import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnServer, type ServerProcess } from '../../server/src/test-support/spawn-server.js';
import { createPgSchema } from '../../server/src/test-support/pg-schema.js';
import { testTarget } from '../../server/src/test-support/test-target.js';

export interface LiveServer {
  url: string;
  dataDir: string;
  creds: { accessKeyId: string; accessKeySecret: string; tenant: string; adminEmail: string };
  /** Token of a general-purpose admin key, for reading back through `/wfm/v1`. */
  adminToken(): Promise<string>;
  process(): ServerProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and data, with `extraEnv` on top of the first start's. */
  restart(extraEnv?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real Floorplan server in a child process on the current test target (PGlite data dir, or a fresh
 * PostgreSQL schema), with its demo tenant; can be killed and restarted on the same port and data.
 */
export async function startLiveServer(env: Record<string, string> = {}): Promise<LiveServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'floorplan-sdk-'));
  const fullEnv: Record<string, string> = { DATA_DIR: dataDir, WFM_RATE_LIMIT_PER_S: '100000', WFM_RATE_LIMIT_BURST: '100000', ...env };
  const pgSchema = testTarget() === 'services' ? await createPgSchema('sdk') : null;
  if (pgSchema) fullEnv.DATABASE_URL = pgSchema.url;
  const port = await freePort();
  let server = await spawnServer(fullEnv, port);
  const creds = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8')) as LiveServer['creds'];
  let adminToken: string | null = null;
  const live: LiveServer = {
    url: server.url,
    dataDir,
    creds,
    async adminToken() {
      if (adminToken) return adminToken;
      const res = await fetch(`${server.url}/admin/v1/tenants/demo/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${(await readFile(join(dataDir, 'operator.secret'), 'utf8')).trim()}` },
        body: JSON.stringify({ userEmail: creds.adminEmail, purpose: 'general' }),
      });
      const key = (await res.json()) as { accessKeyId: string; accessKeySecret: string };
      const login = await fetch(`${server.url}/authentication/v1/token/access-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(key) });
      adminToken = ((await login.json()) as { access_token: string }).access_token;
      return adminToken;
    },
    process: () => server,
    kill: (signal = 'SIGKILL') => server.kill(signal),
    async restart(extraEnv = {}) {
      server = await spawnServer({ ...fullEnv, ...extraEnv }, port);
    },
    async close() {
      await server.kill('SIGTERM');
      await pgSchema?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return live;
}

/** GET a read endpoint with the admin token. */
export async function readBack<T>(live: LiveServer, path: string): Promise<T> {
  const res = await fetch(`${live.url}${path}`, { headers: { authorization: `Bearer ${await live.adminToken()}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
