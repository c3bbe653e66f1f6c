import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./outbox-child.ts', import.meta.url));

/** How an outbox child ended. */
export interface OutboxChildResult {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The seqs the child's append resolved with, before it died. */
  seqs: number[];
  stderr: string;
}

/**
 * Runs `outbox-child.ts` in a real Node process that appends to `dir` and dies without closing the
 * outbox: its lock (holding its now dead pid) and its segments stay as a crash leaves them.
 */
export function runOutboxChild(dir: string, count: number, acks = 0, how: 'exit' | 'sigkill' = 'exit'): Promise<OutboxChildResult> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry, dir, String(count), String(acks), how], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (!line.startsWith('[')) return reject(new Error(`outbox child failed (${code ?? signal}):\n${stderr}`));
      resolve({ pid: child.pid ?? 0, code, signal, seqs: JSON.parse(line) as number[], stderr });
    });
  });
}
