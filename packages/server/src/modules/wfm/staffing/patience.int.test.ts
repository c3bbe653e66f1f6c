import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { writeQueueHistory, type QueueHistoryRow } from '../../wfm-ingest/queue-history-import.js';
import { calculateStaffing } from './staffing.js';

// §6.3 over HTTP: an Erlang A skill without a set patience is sized with θ̂ from its last 8 weeks of
// queue reports (approximate: queue delay plus long abandons × ASA), and by Erlang C below 30 abandons.

const I = 900_000;
const DAY = 86_400_000;
const now = Date.parse('2026-03-02T06:00:00Z');

describe('Erlang A patience estimated from queue history', () => {
  let t: TestApp;
  let a: TestTenant;
  const ids: Record<string, string> = {};
  const clock = createManualClock(new Date(now).toISOString());

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.inject({ method, url, headers: { authorization: `Bearer ${a.adminToken}` }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    a = await t.tenant();
    const erlangA = { model: 'ERLANG_A', maxOccupancy: 0.9, shrinkage: 0, concurrency: 1, fractional: 'NONE' };
    for (const [name, queue, staffing] of [
      ['Estimated', 'QA', erlangA],
      ['Few abandons', 'QF', erlangA],
      ['Set', 'QS', { ...erlangA, patienceSeconds: 90 }],
    ] as const) {
      const res = await call('POST', '/wfm/v1/skills', { name, channel: 'VOICE', acdQueues: [{ queueValue: queue }], staffing });
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = res.json().id;
    }
    const row = (start: number, queue: string, over: Partial<QueueHistoryRow>): QueueHistoryRow => ({
      intervalStart: start, queue, contactsReceived: 0, abandonedShort: 0, abandonedLong: 0, handledShort: 0, handledLong: 0,
      handleTime: 0, workTime: 0, queueDelayTime: 0, paradigm: 'WCE', isOutbound: false, ...over,
    });
    const rows: QueueHistoryRow[] = [];
    // QA, one interval a day for 10 days before now: 20 handled waiting 600 s in all (ASA 30 s) and 4
    // long abandons. The 8-week window holds all 10: θ̂ = 40 / (10 × (600 + 4 × 30)) → patience 180 s.
    // A report from 9 weeks back (outside the window) and one from after `from` must not count.
    for (let d = 1; d <= 10; d++) rows.push(row(now - d * DAY, 'QA', { contactsReceived: 24, handledShort: 20, handleTime: 3600, queueDelayTime: 600, abandonedLong: 4 }));
    rows.push(row(now - 63 * DAY - I, 'QA', { contactsReceived: 1000, abandonedLong: 1000, queueDelayTime: 1 }));
    rows.push(row(now + 2 * I, 'QA', { contactsReceived: 1000, abandonedLong: 1000, queueDelayTime: 1 }));
    // QF: 29 long abandons in the window, one short of an estimate.
    rows.push(row(now - DAY, 'QF', { contactsReceived: 129, handledShort: 100, handleTime: 18_000, queueDelayTime: 1000, abandonedLong: 29 }));
    await writeQueueHistory(t.db.db, a.tenantId, rows, { intervalMinutes: 15, now: clock.now() });
    for (const name of Object.keys(ids)) {
      const imported = await call('POST', '/wfm/v1/forecasts/import', {
        skillId: ids[name],
        rows: [0, 1].map((k) => ({ intervalStart: new Date(now + 12 * I + k * I).toISOString(), contacts: 120, ahtSeconds: 180 })),
      });
      expect(imported.statusCode, imported.body).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  const requirements = async (name: string) => {
    const res = await call('GET', `/wfm/v1/staffing/requirements?skillId=${ids[name]}&from=${new Date(now + 12 * I).toISOString()}&to=${new Date(now + 14 * I).toISOString()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const expected = (patienceSeconds?: number) =>
    calculateStaffing({
      model: patienceSeconds === undefined ? 'ERLANG_C' : 'ERLANG_A', contacts: 120, intervalSeconds: 900, ahtSeconds: 180, slPercent: 80, slSeconds: 20,
      maxOccupancy: 0.9, concurrency: 1, shrinkage: 0, ...(patienceSeconds === undefined ? {} : { patienceSeconds }),
    });

  it('estimates the patience from the last 8 weeks and sizes the forecast by Erlang A with it', async () => {
    const body = await requirements('Estimated');
    expect(body.staffingModel).toBe('ERLANG_A');
    expect(body.patience).toEqual({ source: 'ESTIMATED', seconds: expect.closeTo(180, 9), approx: true, abandons: 40 });
    const e = expected(180);
    expect(body.items[0]).toMatchObject({ requiredAgents: e.requiredAgents, serviceLevel: expect.closeTo(e.serviceLevel, 9) });
    expect(e.requiredAgents).toBeLessThan(expected().requiredAgents);
  });

  it('falls back to Erlang C under 30 abandons, and a set patience overrides the estimate', async () => {
    const few = await requirements('Few abandons');
    expect(few).toMatchObject({ staffingModel: 'ERLANG_C', patience: null });
    expect(few.items[0].requiredAgents).toBe(expected().requiredAgents);
    const set = await requirements('Set');
    expect(set).toMatchObject({ staffingModel: 'ERLANG_A', patience: { source: 'SET', seconds: 90, approx: false, abandons: null } });
    expect(set.items[0].requiredAgents).toBe(expected(90).requiredAgents);
  });

  it('intraday tells which model and patience sized the day', async () => {
    const res = await call('GET', `/wfm/v1/intraday?skillId=${ids.Estimated}&date=2026-03-02`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ staffingModel: 'ERLANG_A', patience: { source: 'ESTIMATED', abandons: 40, approx: true } });
    const few = await call('GET', `/wfm/v1/intraday?skillId=${ids['Few abandons']}&date=2026-03-02`);
    expect(few.json()).toMatchObject({ staffingModel: 'ERLANG_C', patience: null });
  });
});
