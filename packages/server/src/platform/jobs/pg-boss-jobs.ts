import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { PgBoss, type SendOptions } from 'pg-boss';
import type { Db } from '../db/db.js';
import type { Job, JobHandler, JobOptions, Jobs } from './jobs.js';
import { toPgBossDb } from './pg-boss-db.js';

export interface JobsOptions {
  /** PostgreSQL schema of pg-boss's tables (created and migrated on start). @default 'pgboss' */
  schema?: string;
  /** How often an idle worker looks for jobs (pg-boss minimum 0.5). @default 2 */
  pollingIntervalSeconds?: number;
  /** Jobs handed to one handler call when `work` does not say. @default 10 */
  batchSize?: number;
  /** pg-boss's background errors (maintenance, polling); without it they go to `console.error`. */
  onError?: (error: Error) => void;
}

// Keyless jobs get a key of their own so the queue's one-queued-job-per-key rule never catches them.
const ownKeyPrefix = '~job:';

/**
 * Durable jobs with pg-boss 12 on the same database as the data (PGlite or PostgreSQL). Every queue
 * uses pg-boss's `short` policy, which allows one queued job per singleton key: a job sent with
 * `singletonKey` is dropped (send returns null) while another with that key waits to run.
 *
 * @example
 * const jobs = await createJobs(db);
 * await jobs.work<{ tenantId: string }>('rta.recompute', async (batch) => { ... }, { batchSize: 20 });
 * await jobs.send('rta.recompute', { tenantId }, { singletonKey: tenantId });
 */
export async function createJobs(db: Db, options: JobsOptions = {}): Promise<Jobs> {
  const boss = new PgBoss({
    db: toPgBossDb(db),
    schema: options.schema ?? 'pgboss',
    // Schedules are not part of Jobs; without them pg-boss skips its schedule polling.
    schedule: false,
  });
  const onError = options.onError ?? ((error: Error) => console.error('[jobs]', error));
  // PgBoss is an EventEmitter, but its typings import node:events in a way our compiler settings
  // (no esModuleInterop) do not resolve. Without an 'error' listener an error event would crash the process.
  (boss as unknown as EventEmitter).on('error', onError);
  await boss.start();

  let stopping: Promise<void> | undefined;
  const queues = new Map<string, Promise<void>>();
  const ensureQueue = (name: string): Promise<void> => {
    let created = queues.get(name);
    if (!created) {
      created = boss.createQueue(name, { policy: 'short' });
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  };

  return {
    async send(name, data, jobOptions: JobOptions = {}) {
      await ensureQueue(name);
      const sendOptions: SendOptions = { singletonKey: jobOptions.singletonKey ?? `${ownKeyPrefix}${randomUUID()}` };
      if (jobOptions.startAfterSeconds !== undefined) sendOptions.startAfter = jobOptions.startAfterSeconds;
      if (jobOptions.retryLimit !== undefined) sendOptions.retryLimit = jobOptions.retryLimit;
      return boss.send(name, data, sendOptions);
    },

    async work<T extends object>(name: string, handler: JobHandler<T>, workOptions: { batchSize?: number } = {}) {
      await ensureQueue(name);
      await boss.work<T>(
        name,
        {
          batchSize: workOptions.batchSize ?? options.batchSize ?? 10,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        },
        async (batch) => {
          const jobs: Job<T>[] = batch.map((job) => ({ id: job.id, name: job.name, data: job.data }));
          await handler(jobs);
        },
      );
    },

    stop() {
      // Graceful: running handlers finish (and their jobs complete) before this resolves.
      stopping ??= boss.stop({ graceful: true, close: true, timeout: 30_000 });
      return stopping;
    },
  };
}
