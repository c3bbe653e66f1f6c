import type { Clock } from '../../platform/clock.js';
import type { Queryable } from '../../platform/db/db.js';
import type { ConnectionTracker } from './connections.js';
import type { UnmappedTracker } from './unmapped-tracker.js';

const rawRetentionMs = 35 * 86_400_000;
const connectionEventRetentionMs = 30 * 86_400_000;

export interface Housekeeping {
  /** Evaluates every tenant's connections now, and applies retention at most hourly. */
  run(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The ingestion module's periodic work: connection evaluation (every `everyMs`, 10 s by default; 0
 * leaves it to explicit `run()` calls, as tests with a manual clock do), retention of the raw archive
 * (35 days) and connection transitions (30 days), and the write-behind of unmapped-key counts (2 s).
 */
export function startHousekeeping(o: { db: Queryable; clock: Clock; tracker: ConnectionTracker; unmapped: UnmappedTracker; everyMs: number }): Housekeeping {
  let lastPurge = 0;
  let running = false;
  async function run(): Promise<void> {
    const now = o.clock.now();
    await o.tracker.evaluateAll(now);
    if (now.getTime() - lastPurge > 3_600_000) {
      lastPurge = now.getTime();
      await o.db.query('DELETE FROM acd_raw_payload WHERE received_at < $1', [new Date(now.getTime() - rawRetentionMs)]);
      await o.db.query('DELETE FROM acd_connection_event WHERE at < $1', [new Date(now.getTime() - connectionEventRetentionMs)]);
    }
  }
  const timer =
    o.everyMs > 0
      ? setInterval(() => {
          if (running) return;
          running = true;
          run()
            .catch((e) => console.error('wfm-ingest: housekeeping failed', e))
            .finally(() => {
              running = false;
            });
        }, o.everyMs)
      : null;
  timer?.unref();
  const flushTimer = setInterval(() => void o.unmapped.flush().catch((e) => console.error('wfm-ingest: unmapped flush failed', e)), 2000);
  flushTimer.unref();
  return {
    run,
    async stop() {
      if (timer) clearInterval(timer);
      clearInterval(flushTimer);
      await o.unmapped.flush().catch(() => {});
    },
  };
}
