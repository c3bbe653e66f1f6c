import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp, type App } from './app.js';
import { bootstrapDemo, type DemoCredentials } from './bootstrap.js';
import { publicUrl, type Config } from './config.js';
import { createPlatform, type Platform, type PlatformOverrides } from './platform/create-platform.js';

/** What a running server publishes in its embedded data dir so the CLI can reach it. */
export interface ServerLock {
  pid: number;
  url: string;
  startedAt: string;
}

export const lockFile = (dataDir: string) => join(dataDir, 'server.json');
export const operatorSecretFile = (dataDir: string) => join(dataDir, 'operator.secret');

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running server that owns this embedded data dir, if any (a stale lock of a dead process is ignored). */
export async function readServerLock(dataDir: string): Promise<ServerLock | null> {
  try {
    const lock = JSON.parse(await readFile(lockFile(dataDir), 'utf8')) as ServerLock;
    return isAlive(lock.pid) && lock.pid !== process.pid ? lock : null;
  } catch {
    return null;
  }
}

/** The operator secret of a data dir, created (mode 0600) on first use. */
export async function operatorSecret(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  try {
    return (await readFile(operatorSecretFile(dataDir), 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await writeFile(operatorSecretFile(dataDir), `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(() => {});
    return (await readFile(operatorSecretFile(dataDir), 'utf8')).trim();
  }
}

export interface RunningServer {
  app: App;
  platform: Platform;
  url: string;
  /** Set on the very first start with FLOORPLAN_BOOTSTRAP: the demo tenant's credentials. */
  demo: DemoCredentials | null;
  stop(): Promise<void>;
}

/**
 * Starts the platform and the HTTP server. With the embedded database it takes the data dir's lock
 * file, refusing to start when another live process holds it (PGlite is single-process).
 */
export async function startServer(config: Config, overrides: PlatformOverrides & { logger?: boolean } = {}): Promise<RunningServer> {
  const embedded = !config.DATABASE_URL && !overrides.db;
  if (embedded) {
    const other = await readServerLock(config.DATA_DIR);
    if (other) throw new Error(`another Floorplan server (pid ${other.pid}, ${other.url}) owns ${config.DATA_DIR}`);
  }
  const url = publicUrl(config);
  const platform = await createPlatform(config, url, overrides);
  const app = await buildApp({
    config,
    platform,
    publicUrl: url,
    operatorSecret: await operatorSecret(config.DATA_DIR),
    ...(overrides.logger === false ? { logger: false } : {}),
  });
  // Before listening, so a server that answers /healthz has its demo tenant.
  const demo = config.FLOORPLAN_BOOTSTRAP ? await bootstrapDemo(app.identity, config.DATA_DIR) : null;
  await app.http.listen({ port: config.PORT, host: config.HOST });
  if (embedded) {
    const lock: ServerLock = { pid: process.pid, url, startedAt: new Date().toISOString() };
    await writeFile(lockFile(config.DATA_DIR), JSON.stringify(lock));
  }
  let stopped = false;
  return {
    app,
    platform,
    url,
    demo,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await platform.close();
      if (embedded) await rm(lockFile(config.DATA_DIR), { force: true });
    },
  };
}
