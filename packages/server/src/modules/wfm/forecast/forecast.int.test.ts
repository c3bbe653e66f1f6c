import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { seedWfm } from '../../../test-support/wfm-fixtures.js';
import { writeQueueHistory, type QueueHistoryRow } from '../../wfm-ingest/queue-history-import.js';
import { accuracyReport } from './accuracy.js';
import { pickWinner } from './backtest.js';
import { syntheticHistory } from './synthetic-history.js';

// Issue check 3 and spec §9 checks 23–24 over HTTP: history written the way the CLI import writes it,
// forecasts run, stored, listed and scored through the API.

const START = '2026-01-05'; // a Monday
const DAY = 86_400_000;
const I = 900_000;

/** Queue rows of a synthetic history on UTC slots (history zone UTC). */
function rowsOf(queue: string, h: ReturnType<typeof syntheticHistory>, fromDay = 0, toDay = h.contacts.values.length / 96): QueueHistoryRow[] {
  const base = Date.parse(`${START}T00:00:00Z`);
  const rows: QueueHistoryRow[] = [];
  for (let i = fromDay * 96; i < toDay * 96; i++) {
    rows.push({
      intervalStart: base + i * I,
      queue,
      contactsReceived: h.contacts.values[i] ?? 0,
      abandonedShort: 0,
      abandonedLong: 0,
      handledShort: h.handled.values[i] ?? 0,
      handledLong: 0,
      handleTime: h.handleSeconds.values[i] ?? 0,
      workTime: 0,
      queueDelayTime: 0,
      paradigm: 'WCE',
      isOutbound: false,
    });
  }
  return rows;
}

describe('forecast runs, accuracy, import and special days', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let skills: Record<string, string>;
  let otherSkill: string;
  const history = syntheticHistory({ seed: 11, days: 70, startDate: START });
  const clock = createManualClock('2026-03-02T06:00:00Z'); // day 57: history is days 1–56

  beforeAll(async () => {
    t = await createTestApp({ clock });
    a = await t.tenant();
    b = await t.tenant();
    ({ skills } = await seedWfm(t.db.db, a.tenantId, {
      skills: [
        { name: 'Sales', queues: ['Q1'] },
        { name: 'Spiky', queues: ['Q2'] },
        { name: 'Calm', queues: ['Q3'] },
        { name: 'Empty', queues: ['Q4'] },
      ],
    }));
    otherSkill = (await seedWfm(t.db.db, b.tenantId, { skills: [{ name: 'Theirs', queues: ['Q1'] }] })).skills.Theirs as string;
    // Spiky and Calm share one history except a 10× day on 2026-02-16 (a Monday, 2 weeks before the horizon).
    const spikeDay = 42;
    const spiky = rowsOf('Q2', history, 0, 56).map((r) =>
      Math.floor((r.intervalStart - Date.parse(`${START}T00:00:00Z`)) / DAY) === spikeDay ? { ...r, contactsReceived: r.contactsReceived * 10 } : r,
    );
    await writeQueueHistory(t.db.db, a.tenantId, [...rowsOf('Q1', history), ...spiky, ...rowsOf('Q3', history, 0, 56)], { intervalMinutes: 15, now: clock.now() });
  });
  afterAll(async () => t?.close());

  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = a.adminToken, headers: Record<string, string> = {}) =>
    t.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }) });

  it('AUTO back-tests every candidate, picks the lowest WAPE, beats seasonal naive and stores the run (checks 3, 24)', async () => {
    const res = await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [skills.Sales] });
    expect(res.statusCode, res.body).toBe(201);
    const [run] = res.json().runs;
    expect(run).toMatchObject({ version: 1, status: 'ACTIVE', requestedMethod: 'AUTO', paradigm: 'WCE', horizonFrom: '2026-03-02', horizonDays: 28, historyFrom: '2026-01-05', historyTo: '2026-03-01' });
    expect(run.backtest.map((c: { method: string }) => c.method)).toEqual(['WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS']);
    for (const c of run.backtest) for (const k of ['wape', 'bias', 'mase', 'wapeFloor']) expect(typeof c[k]).toBe('number');
    expect(run.method).toBe(pickWinner(run.backtest));
    const winner = run.backtest.find((c: { method: string }) => c.method === run.method);

    // Seasonal naive over the same 14 held-out days: the last training week repeated.
    const values = history.contacts.values as number[];
    const trainEnd = 42 * 96;
    let err = 0;
    let sum = 0;
    for (let i = trainEnd; i < 56 * 96; i++) {
      const naive = values[trainEnd - 7 * 96 + ((i - trainEnd) % (7 * 96))] ?? 0;
      err += Math.abs((values[i] ?? 0) - naive);
      sum += values[i] ?? 0;
    }
    expect(winner.wape).toBeLessThan(err / sum);
    expect(winner.mase).toBeLessThan(1);

    const intervals = await req('GET', `/wfm/v1/forecasts/${skills.Sales}/intervals?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z`);
    expect(intervals.statusCode).toBe(200);
    expect(intervals.json().items).toHaveLength(96);
    expect(intervals.json().items[0].intervalStart).toBe('2026-03-02T00:00:00.000Z');
    // Daytime slots hold enough contacts for the AHT (synthetic mean 300 s) to stand on its own.
    const daytime = intervals.json().items.slice(36, 68);
    expect(daytime.every((r: { ahtSeconds: number | null }) => r.ahtSeconds !== null && Math.abs(r.ahtSeconds - 300) < 30)).toBe(true);

    // Accuracy of the stored run against days 57–70, recomputed here from the same inputs.
    const acc = await req('GET', `/wfm/v1/forecasts/${skills.Sales}/accuracy?from=2026-03-02&to=2026-03-15`);
    expect(acc.statusCode, acc.body).toBe(200);
    const body = acc.json();
    const all = await req('GET', `/wfm/v1/forecasts/${skills.Sales}/intervals`);
    const forecast = all.json().items.slice(0, 14 * 96).map((r: { contacts: number }) => r.contacts);
    const expected = accuracyReport(values.slice(56 * 96, 70 * 96), forecast, values.slice(0, 56 * 96), { slotsPerDay: 96 });
    expect(body.interval.wape).toBeCloseTo(expected.interval.wape as number, 12);
    expect(body.interval.bias).toBeCloseTo(expected.interval.bias as number, 12);
    expect(body.interval.mase).toBeCloseTo(expected.interval.mase as number, 12);
    expect(body.interval.wapeFloor).toBeCloseTo(expected.interval.wapeFloor as number, 12);
    expect(body.day.wape).toBeCloseTo(expected.day.wape as number, 12);
    expect(body.perHorizonDay).toHaveLength(14);
    expect(body.perHorizonDay[13]).toMatchObject({ date: '2026-03-15', horizonDay: 14 });
    expect(body.interval.wape).toBeLessThan(0.2);
  });

  it('a second run supersedes the first; the list is newest first and pages by version', async () => {
    const res = await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [skills.Sales], method: 'WHI', horizonDays: 7 });
    expect(res.json().runs[0]).toMatchObject({ version: 2, method: 'WHI', status: 'ACTIVE' });
    expect(res.json().runs[0].backtest.map((c: { method: string }) => c.method)).toEqual(['WHI']);
    const list = await req('GET', `/wfm/v1/forecasts?skillId=${skills.Sales}&limit=1`);
    expect(list.json().items.map((r: { version: number; status: string }) => [r.version, r.status])).toEqual([[2, 'ACTIVE']]);
    const next = await req('GET', `/wfm/v1/forecasts?skillId=${skills.Sales}&limit=1&cursor=${list.json().nextCursor}`);
    expect(next.json()).toMatchObject({ items: [{ version: 1, status: 'SUPERSEDED' }], nextCursor: null });
    const old = await req('GET', `/wfm/v1/forecasts/${skills.Sales}/intervals?version=1&from=2026-03-20T00:00:00Z&to=2026-03-20T01:00:00Z`);
    expect(old.json().items).toHaveLength(4);
  });

  it('a 10× spike on a special day leaves WHI, PROFILE and AUTO forecasts unchanged (check 23)', async () => {
    const sd = await req('POST', '/wfm/v1/special-days', { date: '2026-02-16', all: true, label: 'Outage recovery' });
    expect(sd.statusCode, sd.body).toBe(201);
    for (const method of ['WHI', 'PROFILE', 'AUTO']) {
      const res = await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [skills.Spiky, skills.Calm], method, horizonDays: 14 });
      expect(res.statusCode).toBe(201);
      const [spiky, calm] = res.json().runs;
      expect(spiky.method).toBe(calm.method);
      const read = async (id: string) => (await req('GET', `/wfm/v1/forecasts/${id}/intervals`)).json().items.map((r: { contacts: number }) => r.contacts);
      expect(await read(skills.Spiky as string)).toEqual(await read(skills.Calm as string));
    }
    expect((await req('DELETE', `/wfm/v1/special-days/${sd.json().id}`)).statusCode).toBe(204);
    const without = await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [skills.Spiky, skills.Calm], method: 'WHI', horizonDays: 14 });
    const [spiky, calm] = without.json().runs;
    const total = async (run: { skillId: string }) => (await req('GET', `/wfm/v1/forecasts/${run.skillId}/intervals`)).json().items.reduce((s: number, r: { contacts: number }) => s + r.contacts, 0);
    expect(await total(spiky)).toBeGreaterThan((await total(calm)) * 1.1);
  });

  it('a special-day factor scales that date of the forecast', async () => {
    const base = await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [skills.Calm], method: 'WHI', horizonDays: 7 });
    expect(base.statusCode).toBe(201);
    const before = (await req('GET', `/wfm/v1/forecasts/${skills.Calm}/intervals?from=2026-03-04T00:00:00Z&to=2026-03-05T00:00:00Z`)).json().items;
    await req('POST', '/wfm/v1/special-days', { date: '2026-03-04', skillIds: [skills.Calm], label: 'Promo', excludeFromHistory: false, factor: 1.5 });
    await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [skills.Calm], method: 'WHI', horizonDays: 7 });
    const after = (await req('GET', `/wfm/v1/forecasts/${skills.Calm}/intervals?from=2026-03-04T00:00:00Z&to=2026-03-05T00:00:00Z`)).json().items;
    after.forEach((r: { contacts: number }, i: number) => expect(r.contacts).toBeCloseTo(before[i].contacts * 1.5, 9));
  });

  it('a skill without any reported interval stores INSUFFICIENT_HISTORY and keeps no active run', async () => {
    // Tenant b's ACD never reported: every interval is missing, not 0 (§5.1).
    const res = await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [otherSkill] }, b.adminToken);
    expect(res.json().runs[0]).toMatchObject({ version: 1, status: 'INSUFFICIENT_HISTORY', method: null, error: '0 days of history, at least 7 needed' });
    expect((await req('GET', `/wfm/v1/forecasts/${otherSkill}/intervals`, undefined, b.adminToken)).statusCode).toBe(404);
  });

  it('a queue without rows on reported windows counts 0, not missing', async () => {
    const res = await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [skills.Empty], method: 'WHI', horizonDays: 1 });
    expect(res.json().runs[0]).toMatchObject({ version: 1, status: 'ACTIVE', method: 'WHI' });
    const items = (await req('GET', `/wfm/v1/forecasts/${skills.Empty}/intervals`)).json().items;
    expect(items).toHaveLength(96);
    expect(items.every((r: { contacts: number; ahtSeconds: number | null }) => r.contacts === 0 && r.ahtSeconds === null)).toBe(true);
  });

  it('imports a forecast as JSON and as CSV (method IMPORTED, paradigm as declared)', async () => {
    const json = await req('POST', '/wfm/v1/forecasts/import', {
      skillId: skills.Empty,
      paradigm: 'TTI',
      rows: [
        { intervalStart: '2026-03-02T09:00:00Z', contacts: 40, ahtSeconds: 300 },
        { intervalStart: '2026-03-02T09:15:00Z', contacts: 44.5, ahtSeconds: null },
      ],
    });
    expect(json.statusCode, json.body).toBe(201);
    expect(json.json()).toMatchObject({ method: 'IMPORTED', paradigm: 'TTI', status: 'ACTIVE', horizonFrom: '2026-03-02', horizonDays: 1, version: 2 });
    const csv = 'intervalStart,contacts,ahtSeconds\n2026-03-03T09:00:00Z,10,200\n2026-03-03T09:15:00Z,12,\n';
    const res = await req('POST', `/wfm/v1/forecasts/import?skillId=${skills.Empty}`, csv, a.adminToken, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ method: 'IMPORTED', paradigm: 'WCE', version: 3 });
    const items = (await req('GET', `/wfm/v1/forecasts/${skills.Empty}/intervals`)).json().items;
    expect(items).toEqual([
      { intervalStart: '2026-03-03T09:00:00.000Z', contacts: 10, ahtSeconds: 200 },
      { intervalStart: '2026-03-03T09:15:00.000Z', contacts: 12, ahtSeconds: null },
    ]);
    const bad = await req('POST', `/wfm/v1/forecasts/import?skillId=${skills.Empty}`, 'intervalStart,contacts,ahtSeconds\n2026-03-03T09:00:00Z,10,200\n2026-03-03T09:07:00Z,x,\n', a.adminToken, { 'content-type': 'text/csv' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details ?? bad.json().errors ?? bad.json()).toBeDefined();
    expect(bad.body).toContain('line 3.contacts');
    expect((await req('GET', `/wfm/v1/forecasts?skillId=${skills.Empty}`)).json().items).toHaveLength(3);
  });

  it('special days CRUD with versions', async () => {
    const created = await req('POST', '/wfm/v1/special-days', { date: '2026-12-25', skillIds: [skills.Sales], label: 'Christmas', factor: 0.2 });
    expect(created.json()).toMatchObject({ date: '2026-12-25', skillIds: [skills.Sales], all: false, excludeFromHistory: true, factor: 0.2, version: 1 });
    expect(created.headers.etag).toBe('"1"');
    const id = created.json().id;
    const stale = await req('PUT', `/wfm/v1/special-days/${id}`, { date: '2026-12-25', all: true, label: 'Xmas' }, a.adminToken, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    const updated = await req('PUT', `/wfm/v1/special-days/${id}`, { date: '2026-12-25', all: true, label: 'Xmas' }, a.adminToken, { 'if-match': '"1"' });
    expect(updated.json()).toMatchObject({ skillIds: null, all: true, label: 'Xmas', factor: 1, version: 2 });
    expect((await req('GET', '/wfm/v1/special-days?from=2026-12-01')).json().items.map((d: { id: string }) => d.id)).toEqual([id]);
    expect((await req('POST', '/wfm/v1/special-days', { date: '2026-12-26', label: 'x' })).statusCode).toBe(400);
    expect((await req('POST', '/wfm/v1/special-days', { date: '2026-02-30', all: true, label: 'x' })).statusCode).toBe(400);
    expect((await req('GET', `/wfm/v1/special-days/${id}`, undefined, b.adminToken)).statusCode).toBe(404);
    expect((await req('DELETE', `/wfm/v1/special-days/${id}`)).statusCode).toBe(204);
    expect((await req('GET', `/wfm/v1/special-days/${id}`)).statusCode).toBe(404);
  });

  it('answers 403 without the permission and 404 for another tenant\'s skill (check 27)', async () => {
    expect((await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [skills.Sales] }, a.token)).statusCode).toBe(403);
    expect((await req('GET', `/wfm/v1/forecasts?skillId=${skills.Sales}`, undefined, a.token)).statusCode).toBe(403);
    expect((await req('GET', '/wfm/v1/special-days', undefined, a.token)).statusCode).toBe(403);
    expect((await req('POST', '/wfm/v1/forecasts/import', { skillId: skills.Sales, rows: [{ intervalStart: '2026-03-02T09:00:00Z', contacts: 1, ahtSeconds: 1 }] }, a.token)).statusCode).toBe(403);
    const notFound = await req('POST', '/wfm/v1/forecasts/runs', { skillIds: [otherSkill] });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.body).toContain('skillIds[0]');
    expect((await req('GET', `/wfm/v1/forecasts/${otherSkill}/accuracy?from=2026-03-02&to=2026-03-03`)).statusCode).toBe(404);
    expect((await req('GET', `/wfm/v1/forecasts/${skills.Sales}/intervals?version=99`)).statusCode).toBe(404);
  });
});
