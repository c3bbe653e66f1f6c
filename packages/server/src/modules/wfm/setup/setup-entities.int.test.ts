import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';

// Spec §1.1–1.7: every setup entity's CRUD through HTTP, with versions, lists and name rules.

describe('WFM setup entities', () => {
  let t: TestApp;
  let a: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    a = await t.tenant();
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { authorization: `Bearer ${a.adminToken}`, ...headers } });
  const create = async (path: string, body: unknown) => {
    const res = await call('POST', path, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  /**
   * The shared contract of §1.1 on one entity: 201 + ETag, get, replace with If-Match (200, then
   * 412 with the stale version), a two-item list paged one by one, and archive or delete.
   */
  async function exercise(path: string, first: object, second: object, changed: object, retire: 'archive' | 'delete') {
    const created = await call('POST', path, first);
    expect(created.statusCode, created.body).toBe(201);
    const x = created.json();
    expect(x.version).toBe(1);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`${path}/${x.id}`);
    const other = await create(path, second);

    const got = await call('GET', `${path}/${x.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(x);
    expect(got.headers.etag).toBe('"1"');

    const updated = await call('PUT', `${path}/${x.id}`, changed, { 'if-match': '"1"' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().version).toBe(2);
    expect(updated.headers.etag).toBe('"2"');
    const stale = await call('PUT', `${path}/${x.id}`, changed, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().statusReason).toBe('PRECONDITION_FAILED');
    expect((await call('GET', `${path}/${x.id}`)).json().version).toBe(2);

    const ids = [x.id, other.id].sort();
    const page1 = await call('GET', `${path}?limit=1`);
    expect(page1.statusCode, page1.body).toBe(200);
    const p1 = page1.json();
    expect(p1.items).toHaveLength(1);
    expect(p1.nextCursor).not.toBeNull();
    const all = (await call('GET', `${path}?limit=1000`)).json();
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ids));
    // Pages partition the list in id order.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const res = (await call('GET', `${path}?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      walked.push(...res.items.map((i: { id: string }) => i.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all.items.map((i: { id: string }) => i.id));
    expect([...walked].sort()).toEqual(walked);

    if (retire === 'archive') {
      const staleArchive = await call('POST', `${path}/${x.id}/archive`, undefined, { 'if-match': '"1"' });
      expect(staleArchive.statusCode).toBe(412);
      const archived = await call('POST', `${path}/${x.id}/archive`, undefined, { 'if-match': '"2"' });
      expect(archived.statusCode, archived.body).toBe(200);
      expect(archived.json()).toMatchObject({ archived: true, version: 3 });
      expect(archived.json().archivedAt).toMatch(/Z$/);
      const listed = (await call('GET', `${path}?limit=1000`)).json().items.map((i: { id: string }) => i.id);
      expect(listed).not.toContain(x.id);
      const withArchived = (await call('GET', `${path}?limit=1000&includeArchived=true`)).json().items.map((i: { id: string }) => i.id);
      expect(withArchived).toContain(x.id);
      expect((await call('GET', `${path}/${x.id}`)).json().archived).toBe(true);
      expect((await call('DELETE', `${path}/${x.id}`)).statusCode).toBe(404);
    } else {
      expect((await call('DELETE', `${path}/${x.id}`, undefined, { 'if-match': '"1"' })).statusCode).toBe(412);
      const deleted = await call('DELETE', `${path}/${x.id}`, undefined, { 'if-match': '"2"' });
      expect(deleted.statusCode, deleted.body).toBe(204);
      expect((await call('GET', `${path}/${x.id}`)).statusCode).toBe(404);
      expect((await call('DELETE', `${path}/${x.id}`)).statusCode).toBe(404);
    }
    return { id: x.id as string, other: other as Record<string, unknown> & { id: string } };
  }

  it('employees: CRUD with defaults, lower-cased unique email, archive', async () => {
    const { other } = await exercise(
      '/wfm/v1/employees',
      { name: 'Ann Lee', email: 'Ann.Lee@Example.COM', acdLogins: [{ loginId: 'e-5001' }] },
      { name: 'Bob Roe', email: 'bob@example.com' },
      { name: 'Ann Lee-Smith', email: 'ann.lee@example.com', acdLogins: [{ loginId: 'e-5001' }, { loginId: 'e-5001', source: 'acd-2' }], canBeScheduled: false },
      'archive',
    );
    expect(other).toMatchObject({
      name: 'Bob Roe',
      email: 'bob@example.com',
      acdLogins: [],
      schedulingUnitId: a.tenantId,
      skills: [],
      canBeScheduled: true,
      active: true,
      userId: null,
      archived: false,
      archivedAt: null,
    });
    const dup = await call('POST', '/wfm/v1/employees', { name: 'Bobby', email: 'BOB@example.com' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('email');
    expect(dup.json().errors[0].message).toContain('Bob Roe');
  });

  it('employee writes are validated and refer only to the tenant (400 lists issues, 422 references)', async () => {
    const bad = await call('POST', '/wfm/v1/employees', { name: '', email: 'not-an-email', acdLogins: Array.from({ length: 11 }, (_, i) => ({ loginId: `l${i}` })) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['acdLogins', 'email', 'name']);
    const unknownSu = await call('POST', '/wfm/v1/employees', { name: 'Cy', email: 'cy@example.com', schedulingUnitId: '00000000-0000-4000-8000-0000000000aa' });
    expect(unknownSu.statusCode).toBe(422);
    expect(unknownSu.json().errors[0].path).toBe('schedulingUnitId');
    const unknownSkill = await call('POST', '/wfm/v1/employees', { name: 'Cy', email: 'cy@example.com', skills: [{ skillId: '00000000-0000-4000-8000-0000000000bb' }] });
    expect(unknownSkill.statusCode).toBe(422);
    expect(unknownSkill.json().errors[0].path).toBe('skills[0].skillId');
    expect((await call('GET', '/wfm/v1/employees?limit=1000')).json().items.map((e: { email: string }) => e.email)).not.toContain('cy@example.com');
    const badCursor = await call('GET', '/wfm/v1/employees?cursor=%%%');
    expect(badCursor.statusCode).toBe(400);
    const badLimit = await call('GET', '/wfm/v1/employees?limit=1001');
    expect(badLimit.statusCode).toBe(400);
  });

  it('scheduling units: CRUD, IANA zone, operating hours, unique names ignoring case, archive rules', async () => {
    const { other } = await exercise(
      '/wfm/v1/scheduling-units',
      { name: 'Berlin', timeZone: 'Europe/Berlin', operatingHours: [{ weekday: 1, open: '08:00', close: '24:00' }] },
      { name: 'Lisbon', timeZone: 'Europe/Lisbon' },
      { name: 'Berlin Mitte', timeZone: 'Europe/Berlin', firstDayOfWeek: 7, adherence: { exceptionThresholdSeconds: 60, alarmThresholdSeconds: 0 } },
      'archive',
    );
    expect(other).toMatchObject({ firstDayOfWeek: 1, operatingHours: { allDay: true }, adherence: { exceptionThresholdSeconds: 0, alarmThresholdSeconds: 300 }, isDefault: false });

    const zone = await call('POST', '/wfm/v1/scheduling-units', { name: 'Mars', timeZone: 'Mars/Olympus_Mons' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors[0].path).toBe('timeZone');
    const hours = await call('POST', '/wfm/v1/scheduling-units', { name: 'Bad hours', operatingHours: [{ weekday: 8, open: '24:00', close: '25:00' }] });
    expect(hours.statusCode).toBe(400);
    expect(hours.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['operatingHours[0].close', 'operatingHours[0].open', 'operatingHours[0].weekday']);

    const nameClash = await call('POST', '/wfm/v1/scheduling-units', { name: 'LISBON', timeZone: 'UTC' });
    expect(nameClash.statusCode).toBe(409);
    expect(nameClash.json().errors[0].path).toBe('name');

    const dflt = (await call('GET', `/wfm/v1/scheduling-units/${a.tenantId}`)).json();
    expect(dflt).toMatchObject({ name: a.name, timeZone: 'UTC', isDefault: true, archived: false });
    const archiveDefault = await call('POST', `/wfm/v1/scheduling-units/${a.tenantId}/archive`);
    expect(archiveDefault.statusCode).toBe(422);
    expect(archiveDefault.json().statusReason).toBe('UNPROCESSABLE');

    await create('/wfm/v1/employees', { name: 'Lis Boa', email: 'lis@example.com', schedulingUnitId: other.id });
    const busy = await call('POST', `/wfm/v1/scheduling-units/${other.id}/archive`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().errors[0].message).toContain('1 employee');
  });

  it('skills: CRUD with defaults by channel, zone from the tenant, outbound without goal', async () => {
    await call('PUT', `/wfm/v1/scheduling-units/${a.tenantId}`, { name: a.name, timeZone: 'America/New_York' });
    const { other } = await exercise(
      '/wfm/v1/skills',
      { name: 'Sales', channel: 'VOICE', acdQueues: [{ queueValue: 'sk-1' }] },
      { name: 'Mail', channel: 'EMAIL' },
      { name: 'Sales EU', channel: 'VOICE', acdQueues: [{ queueValue: 'sk-1' }, { queueValue: '-4', source: 'acd-2' }], paradigm: 'TTI', timeZone: 'Europe/Paris' },
      'archive',
    );
    expect(other).toMatchObject({
      color: '#4060C0',
      category: 'DEFERRABLE',
      serviceLevelGoal: { percent: 90, seconds: 86_400 },
      shortAbandonThresholdSeconds: 5,
      acdQueues: [],
      paradigm: 'WCE',
      timeZone: 'America/New_York',
      staffing: { model: 'ERLANG_C', maxOccupancy: 0.9, shrinkage: 0, concurrency: 1, fractional: 'NONE' },
    });
    const voice = await create('/wfm/v1/skills', { name: 'Voice 2', channel: 'CHAT', staffing: { model: 'ERLANG_A', patienceSeconds: 90 } });
    expect(voice).toMatchObject({ category: 'REAL_TIME', serviceLevelGoal: { percent: 80, seconds: 20 }, staffing: { model: 'ERLANG_A', patienceSeconds: 90, maxOccupancy: 0.9 } });
    const outbound = await create('/wfm/v1/skills', { name: 'Dialer', channel: 'OUTBOUND' });
    expect(outbound).toMatchObject({ category: 'REAL_TIME', serviceLevelGoal: null });
    const outboundGoal = await call('POST', '/wfm/v1/skills', { name: 'Dialer 2', channel: 'OUTBOUND', serviceLevelGoal: { percent: 80, seconds: 20 } });
    expect(outboundGoal.statusCode).toBe(400);
    expect(outboundGoal.json().errors[0].path).toBe('serviceLevelGoal');
    const clash = await call('POST', '/wfm/v1/skills', { name: 'mail', channel: 'EMAIL' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors[0]).toMatchObject({ path: 'name' });
    const range = await call('POST', '/wfm/v1/skills', { name: 'Range', channel: 'VOICE', color: 'red', staffing: { maxOccupancy: 0.4, shrinkage: 0.95, concurrency: 21 } });
    expect(range.statusCode).toBe(400);
    expect(range.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['color', 'staffing.concurrency', 'staffing.maxOccupancy', 'staffing.shrinkage']);
  });

  it('activity codes: CRUD with defaults, unique names ignoring case', async () => {
    const { other } = await exercise(
      '/wfm/v1/activity-codes',
      { name: 'Open', displayAs: 'OPEN' },
      { name: 'Break', displayAs: 'BREAK', priority: 2, paid: false, payrollCode: 'BRK' },
      { name: 'Open work', displayAs: 'OPEN', color: '#00FF00' },
      'archive',
    );
    expect(other).toMatchObject({ displayAs: 'BREAK', priority: 2, open: false, paid: false, payrollCode: 'BRK', color: '#808080', schedulable: true, builtin: null });
    const clash = await call('POST', '/wfm/v1/activity-codes', { name: 'bREAK', displayAs: 'BREAK' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors[0].message).toContain("'Break'");
    const login = await call('POST', '/wfm/v1/activity-codes', { name: 'login', displayAs: 'OPEN' });
    expect(login.statusCode).toBe(409);
  });

  it('event mappings: CRUD (deleted, not archived), unique key, code of the tenant', async () => {
    const code = await create('/wfm/v1/activity-codes', { name: 'Aux', displayAs: 'BREAK' });
    await exercise(
      '/wfm/v1/event-mappings',
      { eventCode: 'AUX', reasonCode: '*', activityCodeId: code.id },
      { eventCode: 'AUX', reasonCode: '2', source: 'acd-1', activityCodeId: code.id },
      { eventCode: 'AUX', reasonCode: '', activityCodeId: '00000000-0000-4000-8000-000000000002' },
      'delete',
    );
    const dup = await call('POST', '/wfm/v1/event-mappings', { eventCode: 'AUX', reasonCode: '2', source: 'acd-1', activityCodeId: code.id });
    expect(dup.statusCode).toBe(409);
    const unknown = await call('POST', '/wfm/v1/event-mappings', { eventCode: 'X', reasonCode: '', activityCodeId: '00000000-0000-4000-8000-0000000000cc' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('activityCodeId');
  });

  it('event mappings: PUT replaces the whole set, keeping ids of unchanged keys', async () => {
    const b = await t.tenant();
    const put = (mappings: unknown[]) =>
      t.inject({ method: 'PUT', url: '/wfm/v1/event-mappings', payload: { mappings }, headers: { authorization: `Bearer ${b.adminToken}` } });
    const login = '00000000-0000-4000-8000-000000000001';
    const logoff = '00000000-0000-4000-8000-000000000002';
    const first = await put([
      { eventCode: 'LOGIN', reasonCode: '', activityCodeId: login },
      { eventCode: 'LOGOUT', reasonCode: '*', activityCodeId: logoff },
    ]);
    expect(first.statusCode, first.body).toBe(200);
    const before = new Map(first.json().items.map((m: { eventCode: string; id: string }) => [m.eventCode, m]));
    const second = await put([
      { eventCode: 'LOGIN', reasonCode: '', activityCodeId: login },
      { eventCode: 'LOGOUT', reasonCode: '*', activityCodeId: login },
      { eventCode: 'READY', reasonCode: '', source: 'acd-9', activityCodeId: login },
    ]);
    expect(second.statusCode, second.body).toBe(200);
    const after = second.json().items as { eventCode: string; id: string; version: number; source?: string }[];
    expect(after).toHaveLength(3);
    const byCode = new Map(after.map((m) => [m.eventCode, m]));
    expect(byCode.get('LOGIN')).toEqual(before.get('LOGIN'));
    expect(byCode.get('LOGOUT')).toMatchObject({ id: (before.get('LOGOUT') as { id: string }).id, version: 2, activityCodeId: login });
    expect(byCode.get('READY')).toMatchObject({ source: 'acd-9', version: 1 });
    const dup = await put([
      { eventCode: 'A', reasonCode: '', activityCodeId: login },
      { eventCode: 'A', reasonCode: '', activityCodeId: logoff },
    ]);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].path).toBe('mappings[1]');
    const badCode = await put([{ eventCode: 'A', reasonCode: '', activityCodeId: '00000000-0000-4000-8000-0000000000dd' }]);
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json().errors[0].path).toBe('mappings[0].activityCodeId');
    const listed = await t.inject({ method: 'GET', url: '/wfm/v1/event-mappings', headers: { authorization: `Bearer ${b.adminToken}` } });
    expect(listed.json().items).toHaveLength(3);
    const cleared = await put([]);
    expect(cleared.json().items).toEqual([]);
  });

  it('adherence rules: CRUD (deleted), sides by code or category, unique pair', async () => {
    const brk = await create('/wfm/v1/activity-codes', { name: 'Rule break', displayAs: 'BREAK' });
    await exercise(
      '/wfm/v1/adherence-rules',
      { scheduled: { activityCodeId: brk.id }, actual: { category: 'OPEN' }, adherence: 'NEUTRAL' },
      { scheduled: { category: 'LUNCH' }, actual: { activityCodeId: '00000000-0000-4000-8000-000000000002' }, adherence: 'IN', alarmThresholdSeconds: 0 },
      { scheduled: { activityCodeId: brk.id }, actual: { category: 'OPEN' }, adherence: 'OUT', exceptionThresholdSeconds: 120 },
      'delete',
    );
    const dup = await call('POST', '/wfm/v1/adherence-rules', { scheduled: { category: 'LUNCH' }, actual: { activityCodeId: '00000000-0000-4000-8000-000000000002' }, adherence: 'OUT' });
    expect(dup.statusCode).toBe(409);
    const both = await call('POST', '/wfm/v1/adherence-rules', { scheduled: { category: 'LUNCH', activityCodeId: brk.id }, actual: { category: 'OPEN' }, adherence: 'OUT' });
    expect(both.statusCode).toBe(400);
    const unknown = await call('POST', '/wfm/v1/adherence-rules', { scheduled: { activityCodeId: '00000000-0000-4000-8000-0000000000ee' }, actual: { category: 'OPEN' }, adherence: 'OUT' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('scheduled.activityCodeId');
  });

  it('two concurrent creates of one name: one wins, the other gets 409 on name', async () => {
    const results = await Promise.all([1, 2].map(() => call('POST', '/wfm/v1/skills', { name: 'Race', channel: 'VOICE' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().errors[0].path).toBe('name');
    const raced = (await call('GET', '/wfm/v1/skills?limit=1000')).json().items.filter((s: { name: string }) => s.name === 'Race');
    expect(raced).toHaveLength(1);
  });
});
