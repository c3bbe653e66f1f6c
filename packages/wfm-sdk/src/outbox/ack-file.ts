import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import type { AckState } from './pending-queue.js';

/** The acknowledgement file of an outbox directory. */
export const ackFileName = 'ack.json';

/**
 * Reads `ack.json`: `{ackedThrough}` as the spec has it, plus `acked`, the out-of-order acks above
 * the prefix (a Floorplan addition so pipelined deliveries are not re-sent after a restart). A missing
 * file means nothing is acknowledged; an unreadable one is reported and treated the same way, which
 * re-sends records (at-least-once) rather than losing any.
 */
export async function readAckFile(dir: string, report: (error: Error) => void): Promise<AckState> {
  let text: string;
  try {
    text = await readFile(join(dir, ackFileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ackedThrough: 0, acked: [] };
    throw error;
  }
  const state = parseAckState(text);
  if (state === null) {
    report(new Error(`Unreadable ${ackFileName} in ${dir}; pending records will be re-sent`));
    return { ackedThrough: 0, acked: [] };
  }
  return state;
}

function parseAckState(text: string): AckState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { ackedThrough, acked = [] } = value as { ackedThrough?: unknown; acked?: unknown };
  const isSeq = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!isSeq(ackedThrough) || !Array.isArray(acked) || !acked.every(isSeq)) return null;
  return { ackedThrough, acked };
}

/** Renders the file content; `acked` is left out when empty so the common case is exactly `{ackedThrough}`. */
export function renderAckState(state: AckState): string {
  return JSON.stringify(state.acked.length > 0 ? state : { ackedThrough: state.ackedThrough });
}

/** Replaces `ack.json` atomically (write-temp, fsync, rename). */
export async function writeAckFile(dir: string, content: string): Promise<void> {
  await writeFileAtomic(join(dir, ackFileName), content);
}
