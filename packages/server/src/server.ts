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
  /** Loopback address the server listens on; null while it is still starting. */
  url: string | null;
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

async function readLock(dataDir: string): Promise<ServerLock | null> {
  try {
    const lock = JSON.parse(await readFile(lockFile(dataDir), 'utf8')) as ServerLock;
    return isAlive(lock.pid) && lock.pid !== process.pid ? lock : null;
  } catch {
    return null;
  }
}

/**
 * The running server that owns this embedded data dir, if any (a stale lock of a dead process is
 * ignored). A server still starting holds the lock without a URL: wait up to `waitMs` for it.
 */
export async function readServerLock(dataDir: string, waitMs = 60_000): Promise<(ServerLock & { url: string }) | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = await readLock(dataDir);
    if (!lock) return null;
    if (lock.url) return { ...lock, url: lock.url };
    if (Date.now() > deadline) throw new Error(`the server (pid ${lock.pid}) owning ${dataDir} did not finish starting`);
    await new Promise((r) => setTimeout(r, 200));
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
  /** Loopback address of the listener (what the lock file tells the CLI). */
  localUrl: string;
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
    const other = await readLock(config.DATA_DIR);
    if (other) throw new Error(`another Floorplan server (pid ${other.pid}${other.url ? `, ${other.url}` : ''}) owns ${config.DATA_DIR}`);
    // Taken before PGlite opens the data dir, so a CLI started meanwhile waits instead of opening it too.
    await mkdir(config.DATA_DIR, { recursive: true });
    await writeFile(lockFile(config.DATA_DIR), JSON.stringify({ pid: process.pid, url: null, startedAt: new Date().toISOString() } satisfies ServerLock));
  }
  const url = publicUrl(config);
  let platform: Platform | undefined;
  let app: App | undefined;
  try {
    platform = await createPlatform(config, url, overrides);
    app = await buildApp({
      config,
      platform,
      publicUrl: url,
      operatorSecret: await operatorSecret(config.DATA_DIR),
      ...(overrides.logger === false ? { logger: false } : {}),
    });
    // Before listening, so a server that answers /healthz has its demo tenant.
    const demo = config.FLOORPLAN_BOOTSTRAP ? await bootstrapDemo(app.identity, config.DATA_DIR) : null;
    await app.http.listen({ port: config.PORT, host: config.HOST });
    const address = app.http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
    const localUrl = `http://${host}:${port}`;
    if (embedded) {
      await writeFile(lockFile(config.DATA_DIR), JSON.stringify({ pid: process.pid, url: localUrl, startedAt: new Date().toISOString() } satisfies ServerLock));
    }
    const running = { app, platform };
    let stopped = false;
    return {
      ...running,
      url: config.PUBLIC_URL ? url : `http://localhost:${port}`,
      localUrl,
      demo,
      async stop() {
        if (stopped) return;
        stopped = true;
        await running.app.close();
        await running.platform.close();
        if (embedded) await rm(lockFile(config.DATA_DIR), { force: true });
      },
    };
  } catch (error) {
    // A failed start (port in use, database down) must not leave the process hanging on open handles.
    await app?.close().catch(() => {});
    await platform?.close().catch(() => {});
    if (embedded) await rm(lockFile(config.DATA_DIR), { force: true });
    throw error;
  }
}
