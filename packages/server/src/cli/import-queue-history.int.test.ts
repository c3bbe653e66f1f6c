import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSkillQueueHistory } from '../modules/wfm-ingest/queue-history-reads.js';
import { createTestApp, type TestApp, type TestTenant } from '../test-support/test-app.js';
import { buildProgram } from './main.js';
import { createCliContext } from './cli-context.js';
import { importQueueHistory } from './import-queue-history.js';

// `floorplan import queue-history`: the import core against the test database (both targets), read
// back through the same function the forecast and intraday use.

const header = 'intervalStart,queue,contactsReceived,abandonedShort,abandonedLong,handledShort,handledLong,handleTime,workTime,queueDelayTime';

describe('floorplan import queue-history', () => {
  let t: TestApp;
  let a: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    a = await t.tenant();
  });
  afterAll(async () => t?.close());

  const count = async () =>
    Number((await t.db.db.query<{ n: string }>('SELECT count(*) AS n FROM acd_queue_interval WHERE tenant_id = $1', [a.tenantId])).rows[0]?.n);

  it('stores rows and marks windows so reads see them like ACD reports', async () => {
    const csv = [
      header,
      '2026-01-05T09:00:00Z,8057,12,2,1,8,1,900,90,30',
      '2026-01-05T09:00:00Z,8058,5,0,0,5,0,500,0,0',
      '2026-01-05T09:30:00Z,8057,3,0,0,3,0,300,0,0',
    ].join('\n');
    const progress: number[] = [];
    const result = await importQueueHistory(t.db.db, { tenant: a.name, csv, now: new Date('2026-02-01T00:00:00Z'), onProgress: (n) => progress.push(n) });
    expect(result).toEqual({ rows: 3, windows: 2 });
    expect(progress).toEqual([3]);
    const h = await readSkillQueueHistory(t.db.db, a.tenantId, { queues: [{ queueValue: '8057' }, { queueValue: '8058' }], paradigm: 'WCE', outbound: false }, {
      fromMs: Date.parse('2026-01-05T09:00:00Z'),
      toMs: Date.parse('2026-01-05T10:00:00Z'),
      intervalMs: 900_000,
    });
    expect(h.intervals.map((i) => [i.reported, i.offered, i.handled, i.handleSeconds, i.abandonedLong, i.queueDelaySeconds])).toEqual([
      [true, 15, 14, 1490, 1, 30],
      [false, 0, 0, 0, 0, 0],
      [true, 3, 3, 300, 0, 0],
      [false, 0, 0, 0, 0, 0],
    ]);
  });

  it('reports every bad line with its number and writes nothing', async () => {
    const before = await count();
    const csv = [header, '2026-01-06T09:00:00Z,8057,12,2,1,8,1,900,90,30', '2026-01-06T09:07:00Z,8057,-1,0,0,0,0,0,0,0', '2026-01-06T09:15:00Z,,1,0,0,0,0,0,0,0'].join('\n');
    await expect(importQueueHistory(t.db.db, { tenant: a.name, csv, now: new Date() })).rejects.toThrow(
      /3 error\(s\) in the file, nothing was imported:\n {2}line 3: intervalStart must be aligned to a 15-minute UTC boundary\n {2}line 3: contactsReceived must be a whole number ≥ 0\n {2}line 4: queue must be 1–256 characters/,
    );
    expect(await count()).toBe(before);
    await expect(importQueueHistory(t.db.db, { tenant: 'no-such-tenant', csv: header, now: new Date() })).rejects.toThrow('no tenant named no-such-tenant');
    await expect(importQueueHistory(t.db.db, { tenant: a.name, csv: 'intervalStart,queue\n', now: new Date() })).rejects.toThrow('line 1: contactsReceived column is required');
  });

  it('is registered under `floorplan import`', () => {
    const program = buildProgram(createCliContext({}));
    const imports = program.commands.filter((c) => c.name() === 'import');
    expect(imports).toHaveLength(1);
    expect(imports[0]?.commands.map((c) => c.name())).toContain('queue-history');
  });
});
