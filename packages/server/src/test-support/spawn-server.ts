import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/** A free TCP port on loopback (the server binds it right after; good enough for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The CLI from its sources: `spawnServer(env, port, t, { command: [cliEntry, 'start', '--no-demo'] })`. */
export const cliEntry = fileURLToPath(new URL('../cli/entry.ts', import.meta.url));

/**
 * Starts the real server as a child process and waits until `/healthz` answers 200. `command`
 * replaces the default entry (main() directly) with another script and its arguments.
 */
export async function spawnServer(env: Record<string, string>, port: number, timeoutMs = 60_000, o: { command?: string[] } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ...(o.command ?? [entry])], {
    // The living demo is off unless a test asks for it: it would write into the bootstrap tenant in the background.
    env: { ...process.env, FLOORPLAN_DEMO: 'false', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output: () => out,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
