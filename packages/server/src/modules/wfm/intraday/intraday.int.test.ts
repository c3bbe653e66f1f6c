import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BusMessage } from '../../../platform/bus/bus.js';
import { createManualClock } from '../../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { publishSchedule, seedWfm, type Seeded } from '../../../test-support/wfm-fixtures.js';
import { writeQueueHistory, type QueueHistoryRow } from '../../wfm-ingest/queue-history-import.js';
import { syntheticHistory } from '../forecast/synthetic-history.js';
import { calculateStaffing } from '../staffing/staffing.js';

// Spec §4 over HTTP (issue check 4; §9 checks 18–21): actuals summed over queues, forecast, the damped
// re-forecast, Erlang requirements, scheduled and staffed agents, paradigm separation and the push.

const I = 900_000;
const at = (iso: string) => Date.parse(iso);
const row = (start: string, queue: string, over: Partial<QueueHistoryRow> = {}): QueueHistoryRow => ({
  intervalStart: at(start),
  queue,
  contactsReceived: 0,
  abandonedShort: 0,
  abandonedLong: 0,
  handledShort: 0,
  handledLong: 0,
  handleTime: 0,
  workTime: 0,
  queueDelayTime: 0,
  paradigm: 'WCE',
  isOutbound: false,
  ...over,
});
const erlang = (contacts: number, aht: number, intervalSeconds: 900 | 3600 = 900, agents?: number) =>
  calculateStaffing({ model: 'ERLANG_C', contacts, intervalSeconds, ahtSeconds: aht, slPercent: 80, slSeconds: 20, maxOccupancy: 0.9, concurrency: 1, ...(agents === undefined ? {} : { agents }) });

describe('intraday manager', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let s: Seeded;
  const clock = createManualClock('2026-03-02T02:05:00Z'); // 8 closed intervals, the 02:00 one 5 minutes in
  const pushed: BusMessage[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    a = await t.tenant();
    b = await t.tenant();
    s = await seedWfm(t.db.db, a.tenantId, {
      codes: [
        { name: 'Open', displayAs: 'OPEN', open: true, priority: 5 },
        { name: 'Break', displayAs: 'BREAK', open: false, priority: 5 },
      ],
      skills: [
        { name: 'Voice', queues: ['Q1', 'Q2'] },
        { name: 'Small', queues: ['Q6'] },
        { name: 'Tti', queues: ['Q5'], paradigm: 'TTI' },
        { name: 'Tokyo', queues: ['Q7'], timeZone: 'Asia/Tokyo' },
      ],
      employees: [
        { name: 'Ann', logins: ['5001'], skills: ['Voice'] },
        { name: 'Bob', logins: ['5002'], skills: ['Voice', 'Small'] },
        { name: 'Cy', logins: ['5003'], skills: ['Voice'], canBeScheduled: false },
      ],
      mappings: [
        { eventCode: 'Available', reasonCode: '', code: 'Open' },
        { eventCode: 'Break', reasonCode: '', code: 'Break' },
      ],
    });
    const rows: QueueHistoryRow[] = [];
    // 2026-03-02: 110 offered per closed interval over two queues (55 + 55), AHT 200 s; Small gets 4 per interval.
    for (let k = 0; k < 8; k++) {
      const start = new Date(at('2026-03-02T00:00:00Z') + k * I).toISOString();
      rows.push(row(start, 'Q1', { contactsReceived: 56, abandonedShort: 1, handledShort: 50, handledLong: 5, handleTime: 10_000, workTime: 1_000, queueDelayTime: 550, abandonedLong: 0 }));
      rows.push(row(start, 'Q2', { contactsReceived: 55, handledShort: 44, handledLong: 11, handleTime: 11_000, abandonedLong: 0 }));
      rows.push(row(start, 'Q6', { contactsReceived: 4, handledShort: 4, handleTime: 800 }));
    }
    // 2026-03-01 00:00: check 18 (9 of 10 and 1 of 90 in threshold); 01:00 a TTI series on the WCE skill (check 19).
    rows.push(row('2026-03-01T00:00:00Z', 'Q1', { contactsReceived: 10, handledShort: 9, handledLong: 1, handleTime: 1_800 }));
    rows.push(row('2026-03-01T00:00:00Z', 'Q2', { contactsReceived: 90, handledShort: 1, handledLong: 89, handleTime: 16_200 }));
    rows.push(row('2026-03-01T01:00:00Z', 'Q1', { contactsReceived: 500, handledShort: 500, handleTime: 90_000, paradigm: 'TTI' }));
    await writeQueueHistory(t.db.db, a.tenantId, rows, { intervalMinutes: 15, now: clock.now() });

    // Ann: Open 02:00–02:15, Break 02:15–02:30, Open 02:30–02:37:30, Break to 02:45, Open to 03:00 (check 21).
    const [open, brk] = [s.codes.Open as string, s.codes.Break as string];
    const ann = s.employees.Ann as string;
    const seg = (code: string, start: string, end: string) => ({ employeeId: ann, activityCodeId: code, start: `2026-03-02T${start}Z`, end: `2026-03-02T${end}Z` });
    await publishSchedule(t.db.db, a.tenantId, {
      employeeIds: [ann],
      dates: ['2026-03-02'],
      segments: [seg(open, '02:00:00', '02:15:00'), seg(brk, '02:15:00', '02:30:00'), seg(open, '02:30:00', '02:37:30'), seg(brk, '02:37:30', '02:45:00'), seg(open, '02:45:00', '03:00:00')],
    });
    await t.platform.bus.subscribe(`floorplan.${a.tenantId}.wfm.intraday.updated`, (m) => {
      pushed.push(m);
    });
  });
  afterAll(async () => t?.close());

  const get = (url: string, token = a.adminToken) => t.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const post = (url: string, payload: unknown, token = a.adminToken) => t.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  const flat = (skillId: string, contacts: number, aht: number, paradigm?: 'WCE' | 'TTI') =>
    post('/wfm/v1/forecasts/import', {
      skillId,
      ...(paradigm ? { paradigm } : {}),
      rows: Array.from({ length: 96 }, (_, k) => ({ intervalStart: new Date(at('2026-03-02T00:00:00Z') + k * I).toISOString(), contacts, ahtSeconds: aht })),
    });

  it('sums queues, re-forecasts the rest of the day by the damped ratio and sizes every interval (issue check 4, check 20)', async () => {
    expect((await flat(s.skills.Voice as string, 100, 300)).statusCode).toBe(201);
    const res = await get(`/wfm/v1/intraday?skillId=${s.skills.Voice}&date=2026-03-02`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ paradigmMismatch: false, excludedSeries: [], granularityMinutes: 15, forecast: { version: 1, method: 'IMPORTED', paradigm: 'WCE' } });
    expect(body.reforecast.ratio).toBeCloseTo(1.1, 12);
    expect(body.reforecast.closedIntervals).toBe(8);
    const rows = body.intervals;
    expect(rows).toHaveLength(96);
    expect(rows[0]).toMatchObject({ label: '00:00', closed: true, actualContacts: 110, handled: 110, actualAhtSeconds: 200, forecastContacts: 100, forecastAhtSeconds: 300 });
    expect(rows[0].serviceLevelPct).toBe(85.45); // 94 / 110
    expect(rows[0].asaSeconds).toBe(5);
    expect(rows[0].acdServiceLevelPct).toBeNull(); // two queues
    expect(rows[0].requiredAgents).toBe(erlang(100, 300).requiredAgents);
    expect(rows[0].requiredAtActual).toBe(erlang(110, 200).requiredAgents);
    expect(rows[0].varianceContacts).toBe(10);
    expect(rows[0].varianceContactsPct).toBe(10);
    expect(rows[0].varianceAhtSeconds).toBe(-100);
    // §4.3: F' = F·(1 + (r − 1)·φ^h) for h = 1, 4, 16.
    expect(rows[8].reforecastContacts).toBeCloseTo(109.5, 9);
    expect(rows[11].reforecastContacts).toBeCloseTo(108.15, 2);
    expect(rows[11].reforecastContacts).toBeCloseTo(100 * (1 + 0.1 * 0.95 ** 4), 9);
    expect(rows[23].reforecastContacts).toBeCloseTo(104.4, 2);
    expect(rows[23].reforecastContacts).toBeCloseTo(100 * (1 + 0.1 * 0.95 ** 16), 9);
    expect(rows[7].reforecastContacts).toBeNull(); // closed
    expect(rows[8].requiredAtActual).toBeNull(); // not closed
    // AHT ratio q = Σ actual handle seconds / Σ forecast AHT · handled = 200/300 (clamped ≥ 0.5).
    expect(body.reforecast.ahtRatio).toBeCloseTo(2 / 3, 12);
    const aht8 = 300 * (1 + (2 / 3 - 1) * 0.95);
    expect(rows[8].reforecastAhtSeconds).toBeCloseTo(aht8, 3);
    expect(rows[8].requiredReforecast).toBe(erlang(100 * (1 + 0.1 * 0.95), aht8).requiredAgents);
    expect(body.total).toMatchObject({ label: 'total', actualContacts: 880, forecastContacts: 9600, varianceContacts: 80, varianceContactsPct: 10 });
  });

  it('shows forecast, actual and required agents of a generated day and re-forecasts it by §4.3 (issue check 4)', async () => {
    // 02:05Z is 11:05 in Tokyo: the local day began 2026-03-01T15:00Z, 44 intervals are closed.
    const day = syntheticHistory({ seed: 5, days: 1, startDate: '2026-03-02', zone: 'Asia/Tokyo' });
    const midnight = at('2026-03-01T15:00:00Z');
    const rates = Array.from(day.rates);
    const contacts = day.contacts.values as number[];
    const forecast = await post('/wfm/v1/forecasts/import', {
      skillId: s.skills.Tokyo,
      rows: rates.map((f, j) => ({ intervalStart: new Date(midnight + j * I).toISOString(), contacts: f, ahtSeconds: 300 })),
    });
    expect(forecast.statusCode).toBe(201);
    const closed = 44;
    await writeQueueHistory(
      t.db.db,
      a.tenantId,
      contacts.slice(0, closed).map((c, j) => row(new Date(midnight + j * I).toISOString(), 'Q7', { contactsReceived: c, handledShort: c, handleTime: 300 * c })),
      { intervalMinutes: 15, now: clock.now() },
    );
    const body = (await get(`/wfm/v1/intraday?skillId=${s.skills.Tokyo}&date=2026-03-02`)).json();
    const rows = body.intervals;
    expect(rows).toHaveLength(96);
    expect(rows[44].label).toBe('11:00');
    const sumA = contacts.slice(0, closed).reduce((x, y) => x + y, 0);
    const sumF = rates.slice(0, closed).reduce((x, y) => x + y, 0);
    expect(sumF).toBeGreaterThan(30);
    const r = Math.min(2, Math.max(0.5, sumA / sumF));
    expect(body.reforecast).toMatchObject({ closedIntervals: closed });
    expect(body.reforecast.ratio).toBeCloseTo(r, 12);
    rows.forEach((x: { actualContacts: number | null; forecastContacts: number; reforecastContacts: number | null; requiredAgents: number }, j: number) => {
      expect(x.forecastContacts).toBeCloseTo(rates[j] as number, 9);
      expect(x.requiredAgents).toBe(erlang(rates[j] as number, 300).requiredAgents);
      if (j < closed) {
        expect(x.actualContacts).toBe(contacts[j]);
        expect(x.reforecastContacts).toBeNull();
      } else {
        expect(x.actualContacts).toBeNull();
        expect(x.reforecastContacts).toBeCloseTo((rates[j] as number) * (1 + (r - 1) * 0.95 ** (j - closed + 1)), 9);
      }
    });
  });

  it('changes nothing while ΣF < 30 (check 20)', async () => {
    expect((await flat(s.skills.Small as string, 2, 300)).statusCode).toBe(201);
    const body = (await get(`/wfm/v1/intraday?skillId=${s.skills.Small}&date=2026-03-02`)).json();
    expect(body.reforecast.ratio).toBe(1);
    expect(body.intervals.slice(8).every((r: { reforecastContacts: number }) => r.reforecastContacts === 2)).toBe(true);
    expect(body.intervals[0].acdServiceLevelPct).toBe(100); // a single-queue skill shows the ACD's SL
  });

  it('two queues are summed: 9 of 10 and 1 of 90 in threshold give SL 10 % (check 18); a TTI series is excluded and listed (check 19)', async () => {
    const body = (await get(`/wfm/v1/intraday?skillId=${s.skills.Voice}&date=2026-03-01`)).json();
    expect(body.intervals[0]).toMatchObject({ actualContacts: 100, serviceLevelPct: 10, actualAhtSeconds: 180, forecastContacts: null, requiredAgents: null });
    expect(body.intervals[0].requiredAtActual).toBe(erlang(100, 180).requiredAgents);
    expect(body.intervals[4]).toMatchObject({ reported: true, actualContacts: 0 });
    expect(body.excludedSeries).toEqual([{ queueValue: 'Q1', paradigm: 'TTI', intervals: 1 }]);
    expect(body.total.actualContacts).toBe(100);
    expect(body.total.serviceLevelPct).toBe(10);
  });

  it('a WCE forecast on a TTI skill gives paradigmMismatch and null variances (check 19)', async () => {
    expect((await flat(s.skills.Tti as string, 100, 300)).statusCode).toBe(201);
    const body = (await get(`/wfm/v1/intraday?skillId=${s.skills.Tti}&date=2026-03-02`)).json();
    expect(body).toMatchObject({ paradigm: 'TTI', paradigmMismatch: true, reforecast: null, forecast: { paradigm: 'WCE' } });
    for (const r of body.intervals) {
      expect(r.varianceScheduledRequired).toBeNull();
      expect(r.varianceContacts).toBeNull();
      expect(r.reforecastContacts).toBeNull();
    }
    expect(body.total.overstaffed).toBeNull();
  });

  it('counts scheduled open time (a break interval 0, half open 0.5) and staffed open time from agent states (check 21)', async () => {
    const states = [
      { loginId: '5001', acdId: 'acd', eventCode: 'Available', reasonCode: '', eventUtcTime: '2026-03-02T01:00:00Z' },
      { loginId: '5001', acdId: 'acd', eventCode: 'Break', reasonCode: '', eventUtcTime: '2026-03-02T01:37:30Z' },
      { loginId: '5002', acdId: 'acd', eventCode: 'Available', reasonCode: '', eventUtcTime: '2026-03-02T02:00:00Z' },
      { loginId: '5003', acdId: 'acd', eventCode: 'Available', reasonCode: '', eventUtcTime: '2026-03-02T01:15:00Z' },
    ];
    const sent = await post('/wfm/acd/v1/agent-states', { agentStateList: states }, a.token);
    expect(sent.statusCode, sent.body).toBe(200);
    const rows = (await get(`/wfm/v1/intraday?skillId=${s.skills.Voice}&date=2026-03-02`)).json().intervals;
    expect(rows.slice(8, 13).map((r: { scheduledAgents: number }) => r.scheduledAgents)).toEqual([1, 0, 0.5, 1, 0]);
    // Ann 01:00–01:37:30 open, Cy (not schedulable, still staffed) from 01:15, Bob from 02:00 (5 of 5 elapsed minutes).
    expect(rows.slice(3, 9).map((r: { staffedAgents: number }) => r.staffedAgents)).toEqual([0, 1, 2, 1.5, 1, 2]);
    expect(rows[9].staffedAgents).toBeNull();
    expect(rows[8].projectedServiceLevelPct).toBe(Math.round(100 * erlang(100 * (1 + 0.1 * 0.95), 300 * (1 + (2 / 3 - 1) * 0.95), 900, 1).serviceLevel * 100) / 100);
    expect(rows[8].varianceScheduledRequired).toBe(1 - erlang(100, 300).requiredAgents);
  });

  it('coarser granularity sums components, then recomputes ratios and Erlang', async () => {
    const body = (await get(`/wfm/v1/intraday?skillId=${s.skills.Voice}&date=2026-03-02&granularity=60`)).json();
    expect(body.intervals).toHaveLength(24);
    expect(body.intervals[0]).toMatchObject({ label: '00:00', actualContacts: 440, forecastContacts: 400, serviceLevelPct: 85.45, closed: true });
    expect(body.intervals[0].requiredAgents).toBe(erlang(400, 300, 3600).requiredAgents);
    expect(body.intervals[2].scheduledAgents).toBe(0.625); // (1 + 0 + 0.5 + 1) / 4
    expect((await get(`/wfm/v1/intraday?skillId=${s.skills.Voice}&date=2026-03-02&granularity=20`)).statusCode).toBe(400);
  });

  it('staffing requirements apply the calculator to the active forecast', async () => {
    const res = await get(`/wfm/v1/staffing/requirements?skillId=${s.skills.Voice}&from=2026-03-02T09:00:00Z&to=2026-03-02T09:30:00Z`);
    expect(res.statusCode, res.body).toBe(200);
    const expected = erlang(100, 300);
    expect(res.json().items).toEqual([
      { intervalStart: '2026-03-02T09:00:00.000Z', contacts: 100, ahtSeconds: 300, requiredAgents: expected.requiredAgents, scheduledAgents: expected.scheduledAgents, serviceLevel: expected.serviceLevel, occupancy: expected.occupancy },
      { intervalStart: '2026-03-02T09:15:00.000Z', contacts: 100, ahtSeconds: 300, requiredAgents: expected.requiredAgents, scheduledAgents: expected.scheduledAgents, serviceLevel: expected.serviceLevel, occupancy: expected.occupancy },
    ]);
    expect((await get(`/wfm/v1/staffing/requirements?skillId=${s.skills.Voice}&from=2026-03-02T09:00:00Z&to=2026-03-02T09:30:00Z`, a.token)).statusCode).toBe(403);
  });

  it('a stored queue report publishes wfm.intraday.updated for the skill-day', async () => {
    const report = {
      acdType: 'Generic',
      reportVersion: '0',
      startDate: '2026-03-02T01:45:00.000Z',
      endDate: '2026-03-02T02:00:00.000Z',
      status: 'SUCCESS',
      statusReason: '',
      reportData: { queueReport: [{ queueValue: 'Q6', contactsReceived: 5, handledShort: 5 }], agentQueueReport: [], agentSystemPerformanceReport: [] },
    };
    expect((await post('/wfm/acd/v1/reports/queue', report, a.token)).statusCode).toBe(200);
    await vi.waitFor(() => expect(pushed.map((m) => m.data)).toContainEqual({ tenantId: a.tenantId, skillId: s.skills.Small, date: '2026-03-02' }), { timeout: 5000 });
    expect(pushed.map((m) => (m.data as { skillId: string }).skillId)).not.toContain(s.skills.Tti);
  });

  it('answers 403 without wfm.intraday.read and 404 for another tenant\'s skill', async () => {
    expect((await get(`/wfm/v1/intraday?skillId=${s.skills.Voice}&date=2026-03-02`, a.token)).statusCode).toBe(403);
    expect((await get(`/wfm/v1/intraday?skillId=${s.skills.Voice}&date=2026-03-02`, b.adminToken)).statusCode).toBe(404);
    expect((await get(`/wfm/v1/staffing/requirements?skillId=${s.skills.Voice}&from=2026-03-02T09:00:00Z&to=2026-03-02T09:30:00Z`, b.adminToken)).statusCode).toBe(404);
  });
});
