import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test-support/test-db.js';
import { testTarget, uniqueName } from '../../test-support/test-target.js';
import type { Job, Jobs } from './jobs.js';
import { createJobs } from './pg-boss-jobs.js';

const target = testTarget();
// pg-boss's own schema, one per test file so parallel files on one PostgreSQL never share queues.
const schema = uniqueName('boss').toLowerCase();

let t: TestDb;
const opened: Jobs[] = [];
const errors: Error[] = [];

async function openJobs(): Promise<Jobs> {
  const jobs = await createJobs(t.db, { schema, pollingIntervalSeconds: 0.5, onError: (e) => errors.push(e) });
  opened.push(jobs);
  return jobs;
}

/** Resolves when `check` holds, polling; fails with `what` after `timeoutMs`. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function jobRow(id: string) {
  const { rows } = await t.db.query<{ state: string; retry_count: number; data: unknown }>(
    `SELECT state, retry_count, data FROM ${schema}.job WHERE id = $1`,
    [id],
  );
  return rows[0];
}

beforeAll(async () => {
  t = await createTestDb();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((j) => j.stop()));
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await t.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await t.close();
});

describe(`jobs on pg-boss (${target})`, () => {
  it('handles a sent job once, with its data, and completes it', async () => {
    const jobs = await openJobs();
    const seen: Job<{ n: number; text: string }>[] = [];
    await jobs.work<{ n: number; text: string }>('once', async (batch) => {
      seen.push(...batch);
    });
    const id = await jobs.send('once', { n: 1, text: 'ü' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until('the job to complete', async () => (await jobRow(id ?? ''))?.state === 'completed');
    // A few more polls would show a second delivery.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(seen).toEqual([{ id, name: 'once', data: { n: 1, text: 'ü' } }]);
  });

  it('retries a throwing handler up to retryLimit and completes when it succeeds', async () => {
    const jobs = await openJobs();
    const attempts: string[] = [];
    await jobs.work<{ n: number }>('flaky', async ([job]) => {
      attempts.push(job?.id ?? '');
      if (attempts.length < 3) throw new Error(`attempt ${attempts.length} fails`);
    });
    const id = await jobs.send('flaky', { n: 2 }, { retryLimit: 3 });
    await until('the job to complete', async () => (await jobRow(id ?? ''))?.state === 'completed');
    expect(attempts).toEqual([id, id, id]);
    expect((await jobRow(id ?? ''))?.retry_count).toBe(2);
  });

  it('fails a job for good once retryLimit retries have thrown', async () => {
    const jobs = await openJobs();
    let attempts = 0;
    await jobs.work('doomed', async () => {
      attempts++;
      throw new Error('always fails');
    });
    const id = await jobs.send('doomed', { n: 3 }, { retryLimit: 1 });
    await until('the job to fail', async () => (await jobRow(id ?? ''))?.state === 'failed');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(attempts).toBe(2);
  });

  it('drops a job whose singletonKey is already queued, and takes it again once that one ran', async () => {
    const jobs = await openJobs();
    const first = await jobs.send('dedupe', { v: 1 }, { singletonKey: 'tenant-1' });
    expect(first).not.toBeNull();
    expect(await jobs.send('dedupe', { v: 2 }, { singletonKey: 'tenant-1' })).toBeNull();
    const other = await jobs.send('dedupe', { v: 3 }, { singletonKey: 'tenant-2' });
    const keyless = [await jobs.send('dedupe', { v: 4 }), await jobs.send('dedupe', { v: 5 })];
    expect(new Set([first, other, ...keyless]).size).toBe(4);
    const seen: number[] = [];
    await jobs.work<{ v: number }>('dedupe', async (batch) => {
      seen.push(...batch.map((j) => j.data.v));
    });
    await until('four jobs', () => seen.length === 4);
    expect(seen.sort()).toEqual([1, 3, 4, 5]);
    await until('the first job to complete', async () => (await jobRow(first ?? ''))?.state === 'completed');
    const again = await jobs.send('dedupe', { v: 6 }, { singletonKey: 'tenant-1' });
    expect(again).not.toBeNull();
    await until('the re-sent job', () => seen.length === 5);
    expect(seen[4]).toBe(6);
  });

  it('keeps a job across a restart: sent, stopped before any worker, handled by a new instance', async () => {
    const before = await openJobs();
    const id = await before.send('durable', { n: 42 });
    await before.stop();
    opened.splice(opened.indexOf(before), 1);
    const after = await openJobs();
    const seen: Job<{ n: number }>[] = [];
    await after.work<{ n: number }>('durable', async (batch) => {
      seen.push(...batch);
    });
    await until('the job', () => seen.length === 1);
    expect(seen).toEqual([{ id, name: 'durable', data: { n: 42 } }]);
  });

  it('hands several jobs to one handler call, up to batchSize', async () => {
    const jobs = await openJobs();
    for (let n = 0; n < 7; n++) await jobs.send('batched', { n });
    const calls: number[][] = [];
    await jobs.work<{ n: number }>(
      'batched',
      async (batch) => {
        calls.push(batch.map((j) => j.data.n));
      },
      { batchSize: 5 },
    );
    await until('all seven jobs', () => calls.flat().length === 7);
    expect(calls.map((c) => c.length)).toEqual([5, 2]);
    expect(calls.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('holds a job back until startAfterSeconds have passed', async () => {
    const jobs = await openJobs();
    let handledAt = 0;
    await jobs.work('later', async () => {
      handledAt = Date.now();
    });
    const sentAt = Date.now();
    await jobs.send('later', { n: 1 }, { startAfterSeconds: 2 });
    await until('the deferred job', () => handledAt > 0);
    expect(handledAt - sentAt).toBeGreaterThanOrEqual(1900);
  });
});
