import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantSubject } from '../../../platform/bus/bus.js';
import { createManualClock } from '../../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { publishSchedule, seedWfm, type Seeded } from '../../../test-support/wfm-fixtures.js';
import { wfmEvents } from '../events.js';

const clock = createManualClock('2026-03-02T16:05:00Z');
const HEADER =
  'employeeId,employeeName,schedulingUnit,date,intervalStart,scheduledSeconds,inSeconds,outSeconds,neutralSeconds,unmappedSeconds,' +
  'unscheduledWorkedSeconds,adherencePct,scheduledProductiveSeconds,workedProductiveSeconds,conformancePct,exceptionCount,notCalculatedReason';

describe('historical adherence (spec §3)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WFM_RECOMPUTE_DELAY_S: '0' } });
  });
  afterAll(async () => t?.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const states = (tenant: TestTenant, login: string, list: [string, string][]) =>
    t.inject({
      method: 'POST',
      url: '/wfm/acd/v1/agent-states',
      headers: auth(tenant.token),
      payload: { agentStateList: list.map(([at, eventCode]) => ({ loginId: login, acdId: 'acd', eventCode, reasonCode: '', eventUtcTime: at })) },
    });
  const get = async (url: string, token: string) => {
    const res = await t.inject({ method: 'GET', url, headers: auth(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  /** Tokens expire with the manual clock: after a jump, fresh ones for the tenant. */
  const travel = async (tenant: TestTenant, at: string) => {
    clock.set(at);
    const res = await t.inject({ method: 'POST', url: '/authentication/v1/token/access-key', payload: tenant.key });
    tenant.token = (res.json() as { access_token: string }).access_token;
    tenant.adminToken = await t.userToken(tenant, 'admin');
  };
  const recompute = (tenantId: string, ids: string[], from: string, to = from) => t.app.wfm.adherence.recomputeNow(tenantId, ids, from, to);
  /** Polls until `check` holds (the job path: pg-boss picks jobs up on its polling interval). */
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 300; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('condition not reached');
  };
  const dayRow = async (tenantId: string, employeeId: string, date: string) =>
    (
      await t.db.db.query<{ in_ms: string; out_ms: string; neutral_ms: string; exception_count: number; not_calculated_reason: string | null; computed_at: Date }>(
        `SELECT in_ms::text, out_ms::text, neutral_ms::text, exception_count, not_calculated_reason, computed_at FROM adh_agent_day
          WHERE tenant_id = $1 AND employee_id = $2 AND date = $3`,
        [tenantId, employeeId, date],
      )
    ).rows[0];

  const seedBasic = (tenant: TestTenant, threshold: number, employees: { name: string; logins?: string[] }[]) =>
    seedWfm(t.db.db, tenant.tenantId, {
      thresholds: { exceptionThresholdSeconds: threshold },
      codes: [
        { name: 'Open', displayAs: 'OPEN', open: true },
        { name: 'Break', displayAs: 'BREAK', open: false },
      ],
      employees,
      mappings: [
        { eventCode: 'Avail', reasonCode: '*', code: 'Open' },
        { eventCode: 'Break', reasonCode: '*', code: 'Break' },
        { eventCode: 'Logoff', reasonCode: '*', code: 'Logoff' },
      ],
    });
  const schedule = (tenant: TestTenant, s: Seeded, employee: string, date: string, segments: [string, string, string][]) =>
    publishSchedule(t.db.db, tenant.tenantId, {
      employeeIds: [s.employees[employee] as string],
      dates: [date],
      segments: segments.map(([code, start, end]) => ({ employeeId: s.employees[employee] as string, activityCodeId: s.codes[code] as string, start, end, date })),
    });

  it('§3.8 example 3 end to end: forgiven blip, overtime, then two late states', async () => {
    clock.set('2026-03-02T16:05:00Z');
    const a = await t.tenant();
    const s = await seedBasic(a, 120, [{ name: 'Ann', logins: ['5001'] }]);
    const ann = s.employees.Ann as string;
    await schedule(a, s, 'Ann', '2026-03-02', [['Open', '2026-03-02T13:00:00Z', '2026-03-02T15:00:00Z']]);
    const posted = await states(a, '5001', [
      ['2026-03-02T12:45:00Z', 'Avail'],
      ['2026-03-02T13:40:00Z', 'Break'],
      ['2026-03-02T13:41:30Z', 'Avail'],
      ['2026-03-02T15:45:00Z', 'Logoff'],
    ]);
    expect(posted.statusCode, posted.body).toBe(200);

    const report = async () => (await get(`/wfm/v1/adherence/report?from=2026-03-02&to=2026-03-02&employeeIds=${ann}`, a.adminToken)).json();
    const first = await report();
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({
      employeeId: ann,
      employeeName: 'Ann',
      date: '2026-03-02',
      intervalStart: null,
      scheduledSeconds: 7200,
      inSeconds: 7200,
      outSeconds: 0,
      unscheduledWorkedSeconds: 3600,
      adherencePct: 100,
      scheduledProductiveSeconds: 7200,
      workedProductiveSeconds: 10710,
      conformancePct: 148.75,
      exceptionCount: 0,
      notCalculatedReason: null,
    });

    const wce = (await get(`/wfm/v1/adherence/activities?from=2026-03-02&to=2026-03-02&employeeIds=${ann}`, a.adminToken)).json();
    expect(wce.items.filter((r: { activity: string }) => r.activity !== 'Logoff').map((r: { intervalStart: string; activity: string; seconds: number }) => [r.intervalStart, r.activity, r.seconds]).sort()).toEqual([
      ['2026-03-02T13:30:00.000Z', 'Break', 90],
      ['2026-03-02T13:30:00.000Z', 'Open', 3300],
      ['2026-03-02T15:30:00.000Z', 'Open', 7410],
    ]);
    const tti = (await get(`/wfm/v1/adherence/activities?paradigm=TTI&from=2026-03-02&to=2026-03-02&employeeIds=${ann}`, a.adminToken)).json();
    const secondOpen = tti.items.filter((r: { activity: string; intervalStart: string }) => r.activity === 'Open' && r.intervalStart >= '2026-03-02T13:30');
    expect(secondOpen.map((r: { seconds: number }) => r.seconds)).toEqual([
      // 13:30 holds the first Open's 600 s too; from 13:45 only the second Open.
      600 + 210, 900, 900, 900, 900, 900, 900, 900, 900,
    ]);

    await travel(a, '2026-03-02T16:10:00Z');
    const late = await states(a, '5001', [
      ['2026-03-02T14:10:00Z', 'Break'],
      ['2026-03-02T14:25:00Z', 'Avail'],
    ]);
    expect(late.statusCode, late.body).toBe(200);
    const after = await report();
    expect(after.items[0]).toMatchObject({ inSeconds: 6300, outSeconds: 900, adherencePct: 87.5, workedProductiveSeconds: 9810, conformancePct: 136.25, exceptionCount: 1 });
    const exceptions = (await get(`/wfm/v1/adherence/exceptions?from=2026-03-02&to=2026-03-02`, a.adminToken)).json();
    expect(exceptions.items).toEqual([
      {
        employeeId: ann,
        employeeName: 'Ann',
        date: '2026-03-02',
        start: '2026-03-02T14:10:00.000Z',
        end: '2026-03-02T14:25:00.000Z',
        durationSeconds: 900,
        scheduledActivityId: s.codes.Open,
        scheduledActivity: 'Open',
        actualActivityId: s.codes.Break,
        actualActivity: 'Break',
        eventCode: 'Break',
        reasonCode: '',
      },
    ]);

    // The late states also queued a recompute (job path); the stored row agrees.
    await eventually(async () => (await dayRow(a.tenantId, ann, '2026-03-02'))?.exception_count === 1);
    expect(await dayRow(a.tenantId, ann, '2026-03-02')).toMatchObject({ in_ms: '6300000', out_ms: '900000', exception_count: 1, not_calculated_reason: null });
  });

  it('§3.8 example 1 per day and per interval from stored rows', async () => {
    clock.set('2026-03-03T18:00:00Z');
    const a = await t.tenant();
    const s = await seedBasic(a, 0, [{ name: 'Bob', logins: ['6001'] }]);
    const bob = s.employees.Bob as string;
    await schedule(a, s, 'Bob', '2026-03-03', [['Open', '2026-03-03T09:00:00Z', '2026-03-03T17:00:00Z']]);
    await states(a, '6001', [
      ['2026-03-03T09:30:00Z', 'Avail'],
      ['2026-03-03T17:30:00Z', 'Logoff'],
    ]);
    await travel(a, '2026-03-06T08:00:00Z');
    const outcome = await recompute(a.tenantId, [bob], '2026-03-03');
    expect(outcome.written).toEqual([{ employeeId: bob, date: '2026-03-03' }]);

    const day = (await get(`/wfm/v1/adherence/report?from=2026-03-03&to=2026-03-03&employeeIds=${bob}`, a.adminToken)).json();
    expect(day.items[0]).toMatchObject({ scheduledSeconds: 28800, inSeconds: 27000, outSeconds: 1800, unscheduledWorkedSeconds: 1800, adherencePct: 93.75, conformancePct: 100, exceptionCount: 1 });
    expect(day.totals).toMatchObject({ scheduledSeconds: 28800, adherencePct: 93.75, conformancePct: 100, exceptionCount: 1 });

    const intervals = (await get(`/wfm/v1/adherence/report?from=2026-03-03&to=2026-03-03&employeeIds=${bob}&granularity=interval&limit=1000`, a.adminToken)).json();
    expect(intervals.items).toHaveLength(34); // 32 scheduled + 2 worked after the shift
    const at = (hhmm: string) => intervals.items.find((r: { intervalStart: string }) => r.intervalStart === `2026-03-03T${hhmm}:00.000Z`);
    for (const hhmm of ['09:00', '09:15']) expect(at(hhmm)).toMatchObject({ scheduledSeconds: 900, outSeconds: 900, adherencePct: 0, conformancePct: 0, exceptionCount: hhmm === '09:00' ? 1 : 0 });
    for (const hhmm of ['17:00', '17:15']) expect(at(hhmm)).toMatchObject({ scheduledSeconds: 0, adherencePct: null, conformancePct: null, workedProductiveSeconds: 900 });
    const sum = intervals.items.reduce((n: number, r: { inSeconds: number }) => n + r.inSeconds, 0);
    expect(sum).toBe(27000);
    const page1 = (await get(`/wfm/v1/adherence/report?from=2026-03-03&to=2026-03-03&granularity=interval&limit=20`, a.adminToken)).json();
    expect(page1.items).toEqual(intervals.items.slice(0, 20));
    const page2 = (await get(`/wfm/v1/adherence/report?from=2026-03-03&to=2026-03-03&granularity=interval&limit=20&cursor=${page1.nextCursor}`, a.adminToken)).json();
    expect(page2.items).toEqual(intervals.items.slice(20));
    expect(page2.nextCursor).toBeNull();
    expect(page2.totals).toEqual(day.totals);
  });

  it('§9 check 4: states of an unknown login are kept; adding the login gives the past days rows', async () => {
    clock.set('2026-03-04T12:00:00Z');
    const a = await t.tenant();
    const s = await seedBasic(a, 0, [{ name: 'Cleo' }]);
    const cleo = s.employees.Cleo as string;
    await schedule(a, s, 'Cleo', '2026-03-04', [['Open', '2026-03-04T08:00:00Z', '2026-03-04T10:00:00Z']]);
    expect((await states(a, 'ghost-7', [['2026-03-04T08:00:00Z', 'Avail'], ['2026-03-04T09:00:00Z', 'Break']])).statusCode).toBe(200);
    await travel(a, '2026-03-07T12:00:00Z');
    const kept = await t.db.db.query('SELECT 1 FROM acd_agent_state WHERE tenant_id = $1 AND login_id = $2', [a.tenantId, 'ghost-7']);
    expect(kept.rows).toHaveLength(2);
    const before = (await get(`/wfm/v1/adherence/report?from=2026-03-04&to=2026-03-04`, a.adminToken)).json();
    expect(before.items[0]).toMatchObject({ employeeId: cleo, notCalculatedReason: 'NO_ACD_LOGIN', adherencePct: null, scheduledSeconds: null });

    await t.db.db.query('INSERT INTO employee_acd_login (tenant_id, login_id, employee_id) VALUES ($1, $2, $3)', [a.tenantId, 'ghost-7', cleo]);
    await t.platform.bus.publish(tenantSubject(a.tenantId, wfmEvents.setupChanged), { tenantId: a.tenantId, kind: 'employee', ids: [cleo] });
    await eventually(async () => (await dayRow(a.tenantId, cleo, '2026-03-04'))?.not_calculated_reason === null);
    expect(await dayRow(a.tenantId, cleo, '2026-03-04')).toMatchObject({ in_ms: '3600000', out_ms: '3600000', exception_count: 1 });
    const after = (await get(`/wfm/v1/adherence/report?from=2026-03-04&to=2026-03-04`, a.adminToken)).json();
    expect(after.items[0]).toMatchObject({ adherencePct: 50, notCalculatedReason: null });
  });

  it('§9 check 16: a re-sent activity report replaces results without doubling; identical content writes nothing', async () => {
    clock.set('2026-03-05T12:00:00Z');
    const a = await t.tenant();
    const s = await seedBasic(a, 0, [{ name: 'Dan', logins: ['8001'] }]);
    const dan = s.employees.Dan as string;
    await schedule(a, s, 'Dan', '2026-03-05', [['Open', '2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z']]);
    const report = (activities: { state: string; startTime: string; duration: number }[]) =>
      t.inject({
        method: 'POST',
        url: '/wfm/acd/v1/reports/agent-activity',
        headers: auth(a.token),
        payload: { startDate: '2026-03-05T10:45:00Z', endDate: '2026-03-05T11:00:00Z', reportData: [{ agentValue: '8001', agentActivity: activities }] },
      });
    const v1 = [{ state: 'Avail', startTime: '2026-03-05T10:00:00Z', duration: 3_600_000 }];
    expect((await report(v1)).statusCode).toBe(200);
    await travel(a, '2026-03-08T12:00:00Z');
    // The stored report also queued a recompute: whichever of the two runs first writes, the other finds the same input hash.
    await recompute(a.tenantId, [dan], '2026-03-05');
    const first = await dayRow(a.tenantId, dan, '2026-03-05');
    expect(first).toMatchObject({ in_ms: '3600000', out_ms: '0' });

    expect((await report(v1)).statusCode).toBe(200);
    await travel(a, '2026-03-08T12:05:00Z');
    expect((await recompute(a.tenantId, [dan], '2026-03-05')).written).toEqual([]);
    expect((await dayRow(a.tenantId, dan, '2026-03-05'))?.computed_at).toEqual(first?.computed_at);

    const v2 = [
      { state: 'Avail', startTime: '2026-03-05T10:00:00Z', duration: 1_800_000 },
      { state: 'Break', startTime: '2026-03-05T10:30:00Z', duration: 1_800_000 },
    ];
    expect((await report(v2)).statusCode).toBe(200);
    await travel(a, '2026-03-08T12:10:00Z');
    await recompute(a.tenantId, [dan], '2026-03-05');
    expect(await dayRow(a.tenantId, dan, '2026-03-05')).toMatchObject({ in_ms: '1800000', out_ms: '1800000', exception_count: 1 });
    const wce = await t.db.db.query<{ activity_code_id: string; ms: string }>(
      `SELECT t.activity_code_id, u.ms::text AS ms FROM adh_agent_day_activity t, unnest(t.ms) AS u(ms)
        WHERE t.tenant_id = $1 AND t.employee_id = $2 AND t.paradigm = 'WCE'`,
      [a.tenantId, dan],
    );
    expect(wce.rows.map((r) => [r.activity_code_id, r.ms]).sort()).toEqual([[s.codes.Break, '1800000'], [s.codes.Open, '1800000']].sort());
  });

  it('§9 check 17: CSV header, one row per agent-day or agent-interval, null as an empty cell', async () => {
    clock.set('2026-03-10T12:00:00Z');
    const a = await t.tenant();
    const s = await seedBasic(a, 0, [{ name: 'Eve', logins: ['9001'] }, { name: 'Finn', logins: ['9002'] }]);
    await schedule(a, s, 'Eve', '2026-03-05', [['Open', '2026-03-05T09:00:00Z', '2026-03-05T10:00:00Z']]);
    await schedule(a, s, 'Eve', '2026-03-06', [['Open', '2026-03-06T09:00:00Z', '2026-03-06T09:30:00Z']]);
    await schedule(a, s, 'Finn', '2026-03-05', []);
    await states(a, '9001', [['2026-03-05T09:00:00Z', 'Avail'], ['2026-03-05T10:00:00Z', 'Logoff'], ['2026-03-06T09:00:00Z', 'Avail'], ['2026-03-06T09:15:00Z', 'Logoff']]);
    const ids = [s.employees.Eve as string, s.employees.Finn as string];
    await recompute(a.tenantId, ids, '2026-03-05', '2026-03-06');

    const csv = (await get('/wfm/v1/adherence/report.csv?from=2026-03-05&to=2026-03-06', a.adminToken));
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(5);
    const eve = s.employees.Eve as string;
    const finn = s.employees.Finn as string;
    expect(lines.slice(1)).toEqual([
      `${eve},Eve,${a.name},2026-03-05,,3600,3600,0,0,0,0,100,3600,3600,100,0,`,
      `${eve},Eve,${a.name},2026-03-06,,1800,900,900,0,0,0,50,1800,900,50,1,`,
      // A covered day off: nothing scheduled, so both ratios are empty cells.
      `${finn},Finn,${a.name},2026-03-05,,0,0,0,0,0,0,,0,0,,0,`,
      `${finn},Finn,${a.name},2026-03-06,,,,,,,,,,,,,NO_SCHEDULE`,
    ]);
    const json = (await get('/wfm/v1/adherence/report?from=2026-03-05&to=2026-03-06&granularity=interval&limit=1000', a.adminToken)).json();
    const intervalCsv = (await get('/wfm/v1/adherence/report.csv?from=2026-03-05&to=2026-03-06&granularity=interval', a.adminToken)).body.trimEnd().split('\n');
    expect(intervalCsv).toHaveLength(1 + json.items.length);
    expect(json.items).toHaveLength(6);
    expect(intervalCsv[1]).toBe(`${eve},Eve,${a.name},2026-03-05,2026-03-05T09:00:00Z,900,900,0,0,0,0,100,900,900,100,0,`);
    const exCsv = (await get('/wfm/v1/adherence/exceptions.csv?from=2026-03-05&to=2026-03-06', a.adminToken)).body.trimEnd().split('\n');
    expect(exCsv).toEqual([
      'employeeId,employeeName,date,start,end,durationSeconds,scheduledActivity,actualActivity,eventCode,reasonCode',
      `${eve},Eve,2026-03-06,2026-03-06T09:15:00Z,2026-03-06T09:30:00Z,900,Open,Logoff,Logoff,`,
    ]);
  });

  it('a neutral period makes scheduled time neutral, and deleting it restores the result', async () => {
    clock.set('2026-03-03T12:00:00Z');
    const a = await t.tenant();
    const s = await seedBasic(a, 0, [{ name: 'Gus', logins: ['4001'] }]);
    const gus = s.employees.Gus as string;
    await schedule(a, s, 'Gus', '2026-03-03', [['Open', '2026-03-03T09:00:00Z', '2026-03-03T11:00:00Z']]);
    await states(a, '4001', [['2026-03-03T09:30:00Z', 'Avail'], ['2026-03-03T11:00:00Z', 'Logoff']]);
    await travel(a, '2026-03-09T12:00:00Z');
    await recompute(a.tenantId, [gus], '2026-03-03');
    expect(await dayRow(a.tenantId, gus, '2026-03-03')).toMatchObject({ out_ms: '1800000', neutral_ms: '0' });

    const posted = await t.inject({
      method: 'POST',
      url: '/wfm/v1/adherence/neutral-periods',
      headers: auth(a.adminToken),
      payload: { schedulingUnitId: s.schedulingUnitId, from: '2026-03-03T08:45:00Z', to: '2026-03-03T09:30:00Z', reason: 'ACD outage' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json().id as string;
    // The post queued the recompute; with a 0 s delay the worker stores the neutral result.
    await eventually(async () => (await dayRow(a.tenantId, gus, '2026-03-03'))?.neutral_ms === '1800000');
    expect(await dayRow(a.tenantId, gus, '2026-03-03')).toMatchObject({ in_ms: '5400000', out_ms: '0', exception_count: 0 });
    const report = (await get(`/wfm/v1/adherence/report?from=2026-03-03&to=2026-03-03`, a.adminToken)).json();
    expect(report.items[0]).toMatchObject({ neutralSeconds: 1800, adherencePct: 100 });

    const bad = await t.inject({ method: 'POST', url: '/wfm/v1/adherence/neutral-periods', headers: auth(a.adminToken), payload: { from: '2026-03-03T08:45:00Z', to: '2026-03-03T09:30:00Z', reason: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect((await t.inject({ method: 'DELETE', url: `/wfm/v1/adherence/neutral-periods/${randomUUID()}`, headers: auth(a.adminToken) })).statusCode).toBe(404);
    expect((await t.inject({ method: 'DELETE', url: `/wfm/v1/adherence/neutral-periods/${id}`, headers: auth(a.adminToken) })).statusCode).toBe(204);
    await eventually(async () => (await dayRow(a.tenantId, gus, '2026-03-03'))?.neutral_ms === '0');
    expect(await dayRow(a.tenantId, gus, '2026-03-03')).toMatchObject({ out_ms: '1800000', exception_count: 1 });
  });

  it('POST recompute queues jobs that store the days', async () => {
    clock.set('2026-03-11T12:00:00Z');
    const a = await t.tenant();
    const s = await seedBasic(a, 0, [{ name: 'Hal', logins: ['3001'] }]);
    const hal = s.employees.Hal as string;
    await schedule(a, s, 'Hal', '2026-03-09', [['Open', '2026-03-09T09:00:00Z', '2026-03-09T10:00:00Z']]);
    await states(a, '3001', [['2026-03-09T09:00:00Z', 'Avail']]);
    const res = await t.inject({ method: 'POST', url: '/wfm/v1/adherence/recompute', headers: auth(a.adminToken), payload: { from: '2026-03-08', to: '2026-03-09', employeeIds: [hal] } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ jobsQueued: 2 });
    await eventually(async () => (await dayRow(a.tenantId, hal, '2026-03-09')) !== undefined && (await dayRow(a.tenantId, hal, '2026-03-08')) !== undefined);
    expect(await dayRow(a.tenantId, hal, '2026-03-09')).toMatchObject({ in_ms: '3600000', not_calculated_reason: null });
    expect(await dayRow(a.tenantId, hal, '2026-03-08')).toMatchObject({ not_calculated_reason: 'NO_SCHEDULE' });
    const unknown = await t.inject({ method: 'POST', url: '/wfm/v1/adherence/recompute', headers: auth(a.adminToken), payload: { from: '2026-03-08', to: '2026-03-09', employeeIds: [randomUUID()] } });
    expect(unknown.statusCode).toBe(404);
    const backwards = await t.inject({ method: 'POST', url: '/wfm/v1/adherence/recompute', headers: auth(a.adminToken), payload: { from: '2026-03-09', to: '2026-03-08' } });
    expect(backwards.statusCode).toBe(400);
  });

  it('filters by the caller’s scheduling units, answers 403 without the permission and nothing for another tenant', async () => {
    clock.set('2026-03-12T12:00:00Z');
    const a = await t.tenant();
    const b = await t.tenant();
    const s = await seedBasic(a, 0, [{ name: 'Ida', logins: ['2001'] }, { name: 'Jon', logins: ['2002'] }]);
    const other = randomUUID();
    await t.db.db.query(`INSERT INTO scheduling_unit (tenant_id, id, name, time_zone) VALUES ($1, $2, 'Night', 'Europe/Paris')`, [a.tenantId, other]);
    await t.db.db.query('UPDATE employee SET scheduling_unit_id = $3 WHERE tenant_id = $1 AND id = $2', [a.tenantId, s.employees.Jon, other]);
    const scoped = await t.userToken(a, 'supervisor', [s.schedulingUnitId]);
    const url = `/wfm/v1/adherence/report?from=2026-03-10&to=2026-03-10&employeeIds=${s.employees.Ida},${s.employees.Jon}`;
    const seen = (await get(url, scoped)).json();
    expect(seen.items.map((r: { employeeName: string }) => r.employeeName)).toEqual(['Ida']);
    const all = (await get(url, a.adminToken)).json();
    expect(all.items.map((r: { employeeName: string; schedulingUnit: string }) => [r.employeeName, r.schedulingUnit])).toEqual([['Ida', a.name], ['Jon', 'Night']]);
    const scopedCsv = (await get('/wfm/v1/adherence/report.csv?from=2026-03-10&to=2026-03-10', scoped)).body.trimEnd().split('\n');
    expect(scopedCsv).toHaveLength(2);

    for (const path of ['report', 'report.csv', 'exceptions', 'exceptions.csv', 'activities']) {
      const res = await t.inject({ method: 'GET', url: `/wfm/v1/adherence/${path}?from=2026-03-10&to=2026-03-10`, headers: auth(a.token) });
      expect(res.statusCode, path).toBe(403);
    }
    for (const [method, path] of [['POST', 'neutral-periods'], ['DELETE', `neutral-periods/${randomUUID()}`], ['POST', 'recompute']] as const) {
      const res = await t.inject({ method, url: `/wfm/v1/adherence/${path}`, headers: auth(a.token), ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode, path).toBe(403);
    }
    const fromB = (await get(url, b.adminToken)).json();
    expect(fromB.items).toEqual([]);
    const nOther = await t.inject({
      method: 'POST',
      url: '/wfm/v1/adherence/neutral-periods',
      headers: auth(b.adminToken),
      payload: { employeeIds: [s.employees.Ida], from: '2026-03-10T08:00:00Z', to: '2026-03-10T09:00:00Z', reason: 'x' },
    });
    expect(nOther.statusCode).toBe(404);
    const suOther = await t.inject({
      method: 'POST',
      url: '/wfm/v1/adherence/neutral-periods',
      headers: auth(scoped),
      payload: { schedulingUnitId: other, from: '2026-03-10T08:00:00Z', to: '2026-03-10T09:00:00Z', reason: 'x' },
    });
    expect(suOther.statusCode).toBe(404);
  });

  it('documents its routes in the OpenAPI description', async () => {
    const doc = (t.app.http as unknown as { swagger(): { paths: Record<string, unknown> } }).swagger();
    for (const path of ['report', 'report.csv', 'exceptions', 'exceptions.csv', 'activities', 'neutral-periods', 'neutral-periods/{id}', 'recompute']) {
      expect(Object.keys(doc.paths), path).toContain(`/wfm/v1/adherence/${path}`);
    }
  });

  it('a schedule change queues the recompute; CSV instants are SU-local with offset', async () => {
    clock.set('2026-03-13T12:00:00Z');
    const a = await t.tenant();
    const s = await seedBasic(a, 0, [{ name: 'Kim', logins: ['1001'] }]);
    const kim = s.employees.Kim as string;
    await t.db.db.query(`UPDATE scheduling_unit SET time_zone = 'Europe/Paris' WHERE tenant_id = $1 AND id = $1`, [a.tenantId]);
    await states(a, '1001', [['2026-03-10T09:00:00Z', 'Avail'], ['2026-03-10T09:20:00Z', 'Logoff']]);
    await schedule(a, s, 'Kim', '2026-03-10', [['Open', '2026-03-10T09:00:00Z', '2026-03-10T09:30:00Z']]);
    await t.platform.bus.publish(tenantSubject(a.tenantId, wfmEvents.scheduleChanged), { tenantId: a.tenantId, version: 1, employeeIds: [kim], from: '2026-03-10', to: '2026-03-10' });
    await eventually(async () => (await dayRow(a.tenantId, kim, '2026-03-10')) !== undefined);
    expect(await dayRow(a.tenantId, kim, '2026-03-10')).toMatchObject({ in_ms: '1200000', out_ms: '600000', exception_count: 1 });
    const csv = (await get('/wfm/v1/adherence/report.csv?from=2026-03-10&to=2026-03-10&granularity=interval', a.adminToken)).body.trimEnd().split('\n');
    expect(csv.slice(1).map((l) => l.split(',')[4])).toEqual(['2026-03-10T10:00:00+01:00', '2026-03-10T10:15:00+01:00']);
    const ex = (await get('/wfm/v1/adherence/exceptions.csv?from=2026-03-10&to=2026-03-10', a.adminToken)).body.trimEnd().split('\n');
    expect(ex[1]).toBe(`${kim},Kim,2026-03-10,2026-03-10T10:20:00+01:00,2026-03-10T10:30:00+01:00,600,Open,Logoff,Logoff,`);
  });
});
