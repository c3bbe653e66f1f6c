import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { seedWfm } from '../../../test-support/wfm-fixtures.js';

// The nightly regeneration at 02:00 skill time (spec §5.6), driven by a manual clock: the tick sends
// a pg-boss job per due skill-day, the worker runs it once, repeats are skipped.

describe('nightly forecast', () => {
  let t: TestApp;
  let a: TestTenant;
  let skills: Record<string, string>;
  const clock = createManualClock('2026-03-02T01:30:00Z'); // 02:30 in Paris, 01:30 in UTC

  beforeAll(async () => {
    t = await createTestApp({ clock });
    a = await t.tenant();
    ({ skills } = await seedWfm(t.db.db, a.tenantId, { skills: [{ name: 'Paris', queues: ['P1'], timeZone: 'Europe/Paris' }, { name: 'Utc', queues: ['U1'] }] }));
  });
  afterAll(async () => t?.close());

  const runs = async (skillId: string) =>
    (await t.inject({ method: 'GET', url: `/wfm/v1/forecasts?skillId=${skillId}`, headers: { authorization: `Bearer ${a.adminToken}` } })).json().items as {
      params: Record<string, unknown>;
      horizonFrom: string;
      horizonDays: number;
      requestedMethod: string;
    }[];

  it('runs skills whose local time is in the 02:00 hour, once per skill-day', async () => {
    const sent = await t.app.wfm.forecastNightly.tick();
    expect(sent.filter((j) => j.tenantId === a.tenantId)).toEqual([{ tenantId: a.tenantId, skillId: skills.Paris, date: '2026-03-02' }]);
    await vi.waitFor(async () => expect(await runs(skills.Paris as string)).toHaveLength(1), { timeout: 15_000, interval: 200 });
    expect((await runs(skills.Paris as string))[0]).toMatchObject({ params: { nightly: '2026-03-02', historyWeeks: 8 }, horizonFrom: '2026-03-02', horizonDays: 28, requestedMethod: 'AUTO' });
    expect(await t.app.wfm.forecastNightly.runJob({ tenantId: a.tenantId, skillId: skills.Paris as string, date: '2026-03-02' })).toBe('skipped');
    expect(await runs(skills.Utc as string)).toHaveLength(0);

    clock.set('2026-03-02T02:10:00Z'); // 02:10 UTC: the UTC skill is due, Paris (03:10) no longer
    const later = await t.app.wfm.forecastNightly.tick();
    expect(later.filter((j) => j.tenantId === a.tenantId).map((j) => j.skillId)).toEqual([skills.Utc]);
    await vi.waitFor(async () => expect(await runs(skills.Utc as string)).toHaveLength(1), { timeout: 15_000, interval: 200 });
    expect(await runs(skills.Paris as string)).toHaveLength(1);
  });
});
