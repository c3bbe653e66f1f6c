import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantSubject } from '../../../platform/bus/bus.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { BUILT_IN_IDS, seedWfm, type Seeded } from '../../../test-support/wfm-fixtures.js';
import { wfmEvents, type ScheduleChangedEvent } from '../events.js';
import { loadTenantSetup } from '../setup/tenant-setup.js';
import { loadPublishedSchedules } from './published-schedule.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A tenant in Europe/Paris with a priority-5 Open and Admin, a priority-2 Break, and three employees. */
async function paris(): Promise<{ tenant: TestTenant; s: Seeded }> {
  const tenant = await t.tenant();
  const s = await seedWfm(t.platform.db, tenant.tenantId, {
    timeZone: 'Europe/Paris',
    codes: [
      { name: 'Open', displayAs: 'OPEN', open: true, priority: 5 },
      { name: 'Admin', displayAs: 'BUSY', open: false, priority: 5 },
      { name: 'Break', displayAs: 'BREAK', open: false, priority: 2 },
    ],
    employees: [
      { name: 'Ann', email: 'ann@example.test' },
      { name: 'Bob', email: 'bob@example.test' },
      { name: 'Cy', email: 'cy@example.test', canBeScheduled: false },
    ],
  });
  return { tenant, s };
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

function postCsv(tenant: TestTenant, query: string, csv: string) {
  return t.inject({ method: 'POST', url: `/wfm/v1/schedules/imports?${query}`, headers: { ...auth(tenant.adminToken), 'content-type': 'text/csv; charset=utf-8' }, payload: csv });
}

function getSchedules(token: string, query: string) {
  return t.inject({ method: 'GET', url: `/wfm/v1/schedules?${query}`, headers: auth(token) });
}

describe('schedule imports', () => {
  it('imports JSON, publishes with ?publish=true, and flattens a priority-2 break on a priority-5 shift into three segments (§9 check 5)', async () => {
    const { tenant, s } = await paris();
    const ann = s.employees.Ann as string;
    const res = await t.inject({
      method: 'POST',
      url: '/wfm/v1/schedules/imports?publish=true',
      headers: auth(tenant.adminToken),
      payload: {
        coverage: { employeeIds: [ann], fromDate: '2026-03-02', toDate: '2026-03-03' },
        segments: [
          { employeeId: 'ann@example.test', activityCodeId: 'Open', start: '2026-03-02 09:00', end: '2026-03-02 17:00' },
          { employeeId: ann, activityCodeId: s.codes.Break, start: '2026-03-02T11:00:00Z', end: '2026-03-02T11:15:00Z' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    const imp = res.json();
    expect(imp).toMatchObject({ status: 'PUBLISHED', format: 'JSON', publishedVersion: 1, errors: [], warnings: [] });
    expect(imp.counts).toEqual({ rows: 2, segments: 2, employees: 1, errors: 0, warnings: 0 });

    const flat = await getSchedules(tenant.adminToken, `from=2026-03-02&to=2026-03-03&employeeIds=${ann}`);
    expect(flat.statusCode).toBe(200);
    expect(flat.json()).toEqual({
      version: 1,
      nextCursor: null,
      items: [
        {
          employeeId: ann,
          schedulingUnitId: s.schedulingUnitId,
          coveredDates: ['2026-03-02', '2026-03-03'],
          segments: [
            { activityCodeId: s.codes.Open, start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T11:00:00.000Z' },
            { activityCodeId: s.codes.Break, start: '2026-03-02T11:00:00.000Z', end: '2026-03-02T11:15:00.000Z' },
            { activityCodeId: s.codes.Open, start: '2026-03-02T11:15:00.000Z', end: '2026-03-02T16:00:00.000Z' },
          ],
        },
      ],
    });
    // What RTA and adherence read is the same publication.
    const published = await loadPublishedSchedules(t.platform.db, await loadTenantSetup(t.platform.db, tenant.tenantId), {
      employeeIds: [ann],
      fromMs: Date.parse('2026-03-02T00:00:00Z'),
      toMs: Date.parse('2026-03-04T00:00:00Z'),
      fromDate: '2026-03-02',
      toDate: '2026-03-03',
    });
    expect(published.get(ann)?.segments).toEqual([
      { activityCodeId: s.codes.Open, start: Date.parse('2026-03-02T08:00:00Z'), end: Date.parse('2026-03-02T11:00:00Z') },
      { activityCodeId: s.codes.Break, start: Date.parse('2026-03-02T11:00:00Z'), end: Date.parse('2026-03-02T11:15:00Z') },
      { activityCodeId: s.codes.Open, start: Date.parse('2026-03-02T11:15:00Z'), end: Date.parse('2026-03-02T16:00:00Z') },
    ]);
    expect([...(published.get(ann)?.coveredDates ?? [])].sort()).toEqual(['2026-03-02', '2026-03-03']);
    const raw = await getSchedules(tenant.adminToken, `from=2026-03-02&to=2026-03-03&employeeIds=${ann}&flatten=false`);
    expect(raw.json().items[0].segments).toEqual([
      { activityCodeId: s.codes.Open, start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T16:00:00.000Z', priority: 5, date: '2026-03-02' },
      { activityCodeId: s.codes.Break, start: '2026-03-02T11:00:00.000Z', end: '2026-03-02T11:15:00.000Z', priority: 2, date: '2026-03-02' },
    ]);
  });

  it('rejects an equal-priority overlap with both CSV line numbers and publishes nothing (§9 check 5)', async () => {
    const { tenant, s } = await paris();
    const csv = [
      'employee,activityCode,start,end',
      'ann@example.test,Open,2026-03-02 09:00,2026-03-02 17:00',
      '',
      'ann@example.test,Admin,2026-03-02 16:00,2026-03-02 18:00',
      'bob@example.test,Open,2026-03-02 09:00,2026-03-02 17:00',
    ].join('\n');
    const res = await postCsv(tenant, `schedulingUnitId=${s.schedulingUnitId}&fromDate=2026-03-02&toDate=2026-03-02&publish=true`, csv);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body).toEqual({
      status: 'FAILURE',
      statusReason: 'UNPROCESSABLE',
      errors: [{ path: 'line 4', message: 'overlaps line 2 with the same priority (5)' }],
      importId: expect.any(String),
    });
    const stored = await t.inject({ method: 'GET', url: `/wfm/v1/schedules/imports/${body.importId}`, headers: auth(tenant.adminToken) });
    expect(stored.json()).toMatchObject({ status: 'INVALID', format: 'CSV', publishedVersion: null, errors: body.errors, counts: { rows: 3, segments: 0, employees: 3, errors: 1 } });
    const publish = await t.inject({ method: 'POST', url: `/wfm/v1/schedules/imports/${body.importId}/publish`, headers: auth(tenant.adminToken) });
    expect(publish.statusCode).toBe(422);
    const read = await getSchedules(tenant.adminToken, 'from=2026-03-02&to=2026-03-02');
    expect(read.json().version).toBeNull();
    expect(read.json().items.map((i: { segments: unknown[] }) => i.segments)).toEqual([[], [], []]);
  });

  it('reads local times in the SU zone: a skipped time is a row error, a repeated one takes the earlier offset', async () => {
    const { tenant, s } = await paris();
    const ann = s.employees.Ann as string;
    const skipped = await postCsv(tenant, `employeeIds=${ann}&fromDate=2026-03-29&toDate=2026-03-29`, 'employee,activityCode,start,end\nann@example.test,Open,2026-03-29 02:30,2026-03-29 06:00\n');
    expect(skipped.statusCode).toBe(422);
    expect(skipped.json().errors).toEqual([{ path: 'line 2', message: 'start: "2026-03-29 02:30" does not exist in Europe/Paris (clocks skip it)' }]);

    const repeated = await postCsv(tenant, `employeeIds=${ann}&fromDate=2026-10-25&toDate=2026-10-25&publish=true`, 'employee,activityCode,start,end\nann@example.test,Open,2026-10-25 02:30,2026-10-25 04:00\n');
    expect(repeated.statusCode).toBe(201);
    const read = await getSchedules(tenant.adminToken, `from=2026-10-25&to=2026-10-25&employeeIds=${ann}`);
    // 02:30 first happens at +02:00 (00:30Z); 04:00 is +01:00 (03:00Z).
    expect(read.json().items[0].segments).toEqual([{ activityCodeId: s.codes.Open, start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T03:00:00.000Z' }]);
  });

  it('validates rows: Login is not schedulable, unknown employee and code, whole minutes, order, 24 h, coverage dates, unschedulable employee', async () => {
    const { tenant, s } = await paris();
    const csv = [
      'employee,activityCode,start,end',
      'ann@example.test,Login,2026-03-02 09:00,2026-03-02 10:00',
      'nobody@example.test,Open,2026-03-02 09:00,2026-03-02 10:00',
      'bob@example.test,Lunch,2026-03-02 09:00,2026-03-02 10:00',
      'bob@example.test,Open,2026-03-02T09:00:30+01:00,2026-03-02 10:00',
      'bob@example.test,Open,2026-03-02 12:00,2026-03-02 11:00',
      'bob@example.test,Open,2026-03-02 12:00,2026-03-03 12:01',
      'bob@example.test,Open,2026-03-04 09:00,2026-03-04 10:00',
      'cy@example.test,Open,2026-03-02 09:00,2026-03-02 10:00',
    ].join('\r\n');
    const res = await postCsv(tenant, `schedulingUnitId=${s.schedulingUnitId}&fromDate=2026-03-02&toDate=2026-03-03`, csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { path: 'line 2', message: 'activity code "Login" is built in and cannot be scheduled' },
      { path: 'line 3', message: 'employee "nobody@example.test" does not exist' },
      { path: 'line 4', message: 'activity code "Lunch" does not exist' },
      { path: 'line 5', message: 'start and end must be whole minutes' },
      { path: 'line 6', message: 'start must be before end' },
      { path: 'line 7', message: 'a segment lasts at most 24 hours' },
      { path: 'line 8', message: 'belongs to a shift of 2026-03-04, outside the coverage 2026-03-02..2026-03-03' },
      { path: 'line 9', message: 'employee "cy@example.test" cannot be scheduled (canBeScheduled is false)' },
    ]);

    const login = await t.inject({
      method: 'PUT',
      url: `/wfm/v1/schedules/employees/${s.employees.Ann}/days/2026-03-02`,
      headers: auth(tenant.adminToken),
      payload: { segments: [{ activityCodeId: BUILT_IN_IDS.Login, start: '2026-03-02T08:00:00Z', end: '2026-03-02T09:00:00Z' }] },
    });
    expect(login.statusCode).toBe(422);
    expect(login.json().errors).toEqual([{ path: 'segments[0]', message: 'activity code "Login" is built in and cannot be scheduled' }]);
  });

  it('names JSON rows by their index and warns (only) outside operating hours', async () => {
    const { tenant, s } = await paris();
    await t.platform.db.query(`UPDATE scheduling_unit SET operating_hours = $2::jsonb WHERE tenant_id = $1 AND id = $1`, [
      tenant.tenantId,
      JSON.stringify([{ weekday: 1, open: '08:00', close: '18:00' }]),
    ]);
    t.app.wfm.ctx.setup.invalidate(tenant.tenantId);
    const res = await t.inject({
      method: 'POST',
      url: '/wfm/v1/schedules/imports',
      headers: auth(tenant.adminToken),
      payload: {
        coverage: { employeeIds: [s.employees.Ann], fromDate: '2026-03-02', toDate: '2026-03-02' },
        segments: [
          { employeeId: s.employees.Ann, activityCodeId: 'open', start: '2026-03-02 08:00', end: '2026-03-02 12:00' },
          { employeeId: s.employees.Ann, activityCodeId: 'open', start: '2026-03-02 17:00', end: '2026-03-02 19:00' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'VALID', publishedVersion: null, warnings: [{ path: 'segments[1]', message: 'outside the operating hours of the scheduling unit' }] });
  });
});

describe('publication', () => {
  it('separates a covered day off from no schedule, keeps versions for asOfVersion, refuses a second publish, and edits a day', async () => {
    const { tenant, s } = await paris();
    const ann = s.employees.Ann as string;
    const bob = s.employees.Bob as string;
    const first = await t.inject({
      method: 'POST',
      url: '/wfm/v1/schedules/imports',
      headers: auth(tenant.adminToken),
      payload: {
        coverage: { employeeIds: [ann], fromDate: '2026-03-02', toDate: '2026-03-03' },
        segments: [{ employeeId: ann, activityCodeId: 'Open', start: '2026-03-02 22:00', end: '2026-03-03 06:00' }],
      },
    });
    expect(first.statusCode).toBe(201);
    const id = first.json().id as string;
    const published = await t.inject({ method: 'POST', url: `/wfm/v1/schedules/imports/${id}/publish`, headers: auth(tenant.adminToken) });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toEqual({ version: 1, employeeIds: [ann], from: '2026-03-02', to: '2026-03-03' });
    const again = await t.inject({ method: 'POST', url: `/wfm/v1/schedules/imports/${id}/publish`, headers: auth(tenant.adminToken) });
    expect(again.statusCode).toBe(409);

    const v1 = await getSchedules(tenant.adminToken, `from=2026-03-01&to=2026-03-04&employeeIds=${ann},${bob}&flatten=false`);
    const [annV1, bobV1] = v1.json().items.sort((a: { employeeId: string }, b: { employeeId: string }) => (a.employeeId === ann ? -1 : b.employeeId === ann ? 1 : 0));
    // The night shift is dated by its start; 03-03 is covered without segments (day off); 03-01 and 03-04 have no schedule.
    expect(annV1.coveredDates).toEqual(['2026-03-02', '2026-03-03']);
    expect(annV1.segments).toEqual([{ activityCodeId: s.codes.Open, start: '2026-03-02T21:00:00.000Z', end: '2026-03-03T05:00:00.000Z', priority: 5, date: '2026-03-02' }]);
    expect(bobV1).toMatchObject({ employeeId: bob, coveredDates: [], segments: [] });

    const edit = await t.inject({
      method: 'PUT',
      url: `/wfm/v1/schedules/employees/${ann}/days/2026-03-02`,
      headers: auth(tenant.adminToken),
      payload: { segments: [{ activityCodeId: s.codes.Admin, start: '2026-03-02T08:00:00Z', end: '2026-03-02T12:00:00Z' }] },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toEqual({ version: 2, employeeIds: [ann], from: '2026-03-02', to: '2026-03-02' });
    const dayOff = await t.inject({ method: 'PUT', url: `/wfm/v1/schedules/employees/${ann}/days/2026-03-03`, headers: auth(tenant.adminToken), payload: { segments: [] } });
    expect(dayOff.json().version).toBe(3);

    const latest = await getSchedules(tenant.adminToken, `from=2026-03-01&to=2026-03-04&employeeIds=${ann}`);
    expect(latest.json().version).toBe(3);
    expect(latest.json().items[0]).toMatchObject({
      coveredDates: ['2026-03-02', '2026-03-03'],
      segments: [{ activityCodeId: s.codes.Admin, start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T12:00:00.000Z' }],
    });
    const asOf1 = await getSchedules(tenant.adminToken, `from=2026-03-01&to=2026-03-04&employeeIds=${ann}&asOfVersion=1`);
    expect(asOf1.json().version).toBe(1);
    expect(asOf1.json().items[0].segments).toEqual([{ activityCodeId: s.codes.Open, start: '2026-03-02T21:00:00.000Z', end: '2026-03-03T05:00:00.000Z' }]);
    const future = await getSchedules(tenant.adminToken, `from=2026-03-01&to=2026-03-04&asOfVersion=4`);
    expect(future.statusCode).toBe(404);

    const versions = await t.platform.db.query<{ version: number; kind: string }>('SELECT version, kind FROM schedule_version WHERE tenant_id = $1 ORDER BY version', [tenant.tenantId]);
    expect(versions.rows).toEqual([{ version: 1, kind: 'IMPORT' }, { version: 2, kind: 'DAY_EDIT' }, { version: 3, kind: 'DAY_EDIT' }]);
  });

  it('announces wfm.schedule.changed after commit', async () => {
    const { tenant, s } = await paris();
    const ann = s.employees.Ann as string;
    const received: ScheduleChangedEvent[] = [];
    const sub = await t.platform.bus.subscribe(tenantSubject(tenant.tenantId, wfmEvents.scheduleChanged), (m) => {
      received.push(m.data as ScheduleChangedEvent);
    });
    try {
      const res = await t.inject({ method: 'PUT', url: `/wfm/v1/schedules/employees/${ann}/days/2026-03-05`, headers: auth(tenant.adminToken), payload: { segments: [] } });
      expect(res.statusCode).toBe(200);
      await expect.poll(() => received.length).toBe(1);
      expect(received[0]).toEqual({ tenantId: tenant.tenantId, version: 1, employeeIds: [ann], from: '2026-03-05', to: '2026-03-05' });
    } finally {
      await sub.unsubscribe();
    }
  });

  it('serialises concurrent publications of a tenant into consecutive versions', async () => {
    const { tenant, s } = await paris();
    const ann = s.employees.Ann as string;
    const days = ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04'];
    const answers = await Promise.all(
      days.map((d) => t.inject({ method: 'PUT', url: `/wfm/v1/schedules/employees/${ann}/days/${d}`, headers: auth(tenant.adminToken), payload: { segments: [] } })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.json().version as number).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('access', () => {
  it('answers 403 to the connector token and 404 for another tenant’s ids', async () => {
    const { tenant, s } = await paris();
    const other = await paris();
    const forbidden = await getSchedules(tenant.token, 'from=2026-03-02&to=2026-03-02');
    expect(forbidden.statusCode).toBe(403);
    const forbiddenImport = await postCsv({ ...tenant, adminToken: tenant.token }, `schedulingUnitId=${s.schedulingUnitId}&fromDate=2026-03-02&toDate=2026-03-02`, 'employee,activityCode,start,end\n');
    expect(forbiddenImport.statusCode).toBe(403);

    const foreign = other.s.employees.Ann as string;
    const edit = await t.inject({ method: 'PUT', url: `/wfm/v1/schedules/employees/${foreign}/days/2026-03-02`, headers: auth(tenant.adminToken), payload: { segments: [] } });
    expect(edit.statusCode).toBe(404);
    const coverage = await t.inject({
      method: 'POST',
      url: '/wfm/v1/schedules/imports',
      headers: auth(tenant.adminToken),
      payload: { coverage: { employeeIds: [foreign], fromDate: '2026-03-02', toDate: '2026-03-02' }, segments: [] },
    });
    expect(coverage.statusCode).toBe(404);
    const read = await getSchedules(tenant.adminToken, `from=2026-03-02&to=2026-03-02&employeeIds=${foreign}`);
    expect(read.statusCode).toBe(404);
    const otherImport = await t.inject({ method: 'POST', url: '/wfm/v1/schedules/imports', headers: auth(other.tenant.adminToken), payload: { coverage: { employeeIds: [foreign], fromDate: '2026-03-02', toDate: '2026-03-02' }, segments: [] } });
    const stolen = await t.inject({ method: 'GET', url: `/wfm/v1/schedules/imports/${otherImport.json().id}`, headers: auth(tenant.adminToken) });
    expect(stolen.statusCode).toBe(404);
    const missing = await t.inject({ method: 'POST', url: `/wfm/v1/schedules/imports/${randomUUID()}/publish`, headers: auth(tenant.adminToken) });
    expect(missing.statusCode).toBe(404);
  });

  it('shows a viewer scoped to one SU only the employees of that SU', async () => {
    const { tenant, s } = await paris();
    const su2 = randomUUID();
    await t.platform.db.query(`INSERT INTO scheduling_unit (tenant_id, id, name, time_zone) VALUES ($1, $2, 'Lisbon', 'Europe/Lisbon')`, [tenant.tenantId, su2]);
    await t.platform.db.query('UPDATE employee SET scheduling_unit_id = $3 WHERE tenant_id = $1 AND id = $2', [tenant.tenantId, s.employees.Bob, su2]);
    t.app.wfm.ctx.setup.invalidate(tenant.tenantId);
    const viewer = await t.userToken(tenant, 'supervisor', [su2]);

    const all = await getSchedules(viewer, 'from=2026-03-02&to=2026-03-02');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((i: { employeeId: string }) => i.employeeId)).toEqual([s.employees.Bob]);
    const hidden = await getSchedules(viewer, `from=2026-03-02&to=2026-03-02&employeeIds=${s.employees.Ann}`);
    expect(hidden.statusCode).toBe(404);
    const otherSu = await getSchedules(viewer, `from=2026-03-02&to=2026-03-02&schedulingUnitId=${s.schedulingUnitId}`);
    expect(otherSu.statusCode).toBe(404);
  });

  it('pages employees with limit and cursor', async () => {
    const { tenant, s } = await paris();
    const ids = [s.employees.Ann, s.employees.Bob, s.employees.Cy].sort() as string[];
    const first = await getSchedules(tenant.adminToken, 'from=2026-03-02&to=2026-03-02&limit=2');
    expect(first.json().items.map((i: { employeeId: string }) => i.employeeId)).toEqual(ids.slice(0, 2));
    expect(first.json().nextCursor).toBe(ids[1]);
    const second = await getSchedules(tenant.adminToken, `from=2026-03-02&to=2026-03-02&limit=2&cursor=${ids[1]}`);
    expect(second.json()).toMatchObject({ nextCursor: null, items: [{ employeeId: ids[2] }] });
  });
});
