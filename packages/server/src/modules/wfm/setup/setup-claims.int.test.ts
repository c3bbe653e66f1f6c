import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../../platform/bus/bus.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { LOGIN_CODE_ID, LOGOFF_CODE_ID } from '../adherence/model.js';
import type { SetupChangedEvent } from '../events.js';

// Spec §9 checks 1 and 2: queue and login claims, the built-in codes; §1.1 change events.

describe('WFM setup claims and built-ins', () => {
  let t: TestApp;
  let a: TestTenant;
  const events: BusMessage<SetupChangedEvent>[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    a = await t.tenant();
    await t.platform.bus.subscribe(`floorplan.${a.tenantId}.wfm.setup.changed`, (m) => {
      events.push(m as BusMessage<SetupChangedEvent>);
    });
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { authorization: `Bearer ${a.adminToken}` } });
  const create = async (path: string, body: unknown) => {
    const res = await call('POST', path, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const eventFor = async (id: string) => {
    for (let i = 0; i < 100 && !events.some((e) => e.data.ids.includes(id)); i++) await new Promise((r) => setTimeout(r, 20));
    return events.filter((e) => e.data.ids.includes(id)).map((e) => e.data);
  };

  it('check 1: a second skill claiming queue 8057 gets 409 naming the owner', async () => {
    const sales = await create('/wfm/v1/skills', { name: 'Sales 8057', channel: 'VOICE', acdQueues: [{ queueValue: '8057' }] });
    const second = await call('POST', '/wfm/v1/skills', { name: 'Support', channel: 'VOICE', acdQueues: [{ queueValue: '77' }, { queueValue: '8057' }] });
    expect(second.statusCode).toBe(409);
    expect(second.json().statusReason).toBe('CONFLICT');
    expect(second.json().errors[0].path).toBe('acdQueues[1]');
    expect(second.json().errors[0].message).toBe(`queue '8057' belongs to skill 'Sales 8057' (${sales.id})`);
    expect((await call('GET', '/wfm/v1/skills?limit=1000')).json().items.map((s: { name: string }) => s.name)).not.toContain('Support');
    // The same value qualified by an ACD is another key; the owner may keep re-saving its own claim.
    const qualified = await create('/wfm/v1/skills', { name: 'Support', channel: 'VOICE', acdQueues: [{ queueValue: '8057', source: 'acd-2' }] });
    expect(qualified.acdQueues).toEqual([{ queueValue: '8057', source: 'acd-2' }]);
    const resave = await call('PUT', `/wfm/v1/skills/${sales.id}`, { name: 'Sales 8057', channel: 'VOICE', acdQueues: [{ queueValue: '8057' }] });
    expect(resave.statusCode, resave.body).toBe(200);
    const steal = await call('PUT', `/wfm/v1/skills/${qualified.id}`, { name: 'Support', channel: 'VOICE', acdQueues: [{ queueValue: '8057' }] });
    expect(steal.statusCode).toBe(409);
    expect(steal.json().errors[0].message).toContain(sales.id);
  });

  it('check 1: two employees cannot share an unqualified login; a qualified one may sit beside it', async () => {
    const ann = await create('/wfm/v1/employees', { name: 'Ann', email: 'ann@claims.test', acdLogins: [{ loginId: '5001' }] });
    const bob = await call('POST', '/wfm/v1/employees', { name: 'Bob', email: 'bob@claims.test', acdLogins: [{ loginId: '5001' }] });
    expect(bob.statusCode).toBe(409);
    expect(bob.json().errors[0]).toEqual({ path: 'acdLogins[0]', message: `login '5001' is held by employee 'Ann' (${ann.id})` });
    const qualified = await create('/wfm/v1/employees', { name: 'Bob', email: 'bob@claims.test', acdLogins: [{ loginId: '5001', source: 'acd-2' }] });
    expect(qualified.acdLogins).toEqual([{ loginId: '5001', source: 'acd-2' }]);
    const sameQualified = await call('POST', '/wfm/v1/employees', { name: 'Cy', email: 'cy@claims.test', acdLogins: [{ loginId: '5001', source: 'acd-2' }] });
    expect(sameQualified.statusCode).toBe(409);
    expect(sameQualified.json().errors[0].message).toBe(`login '5001' of source 'acd-2' is held by employee 'Bob' (${qualified.id})`);
    const twice = await call('POST', '/wfm/v1/employees', { name: 'Di', email: 'di@claims.test', acdLogins: [{ loginId: 'x' }, { loginId: 'x', source: '*' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].path).toBe('acdLogins[1]');
  });

  it('check 2: the tenant has Login and Logoff, which cannot be archived, renamed or scheduled', async () => {
    const login = (await call('GET', `/wfm/v1/activity-codes/${LOGIN_CODE_ID}`)).json();
    expect(login).toMatchObject({ name: 'Login', displayAs: 'OPEN', open: true, paid: true, priority: 10, schedulable: false, builtin: 'LOGIN', archived: false });
    const logoff = (await call('GET', `/wfm/v1/activity-codes/${LOGOFF_CODE_ID}`)).json();
    expect(logoff).toMatchObject({ name: 'Logoff', displayAs: 'OFFLINE', open: false, paid: false, schedulable: false, builtin: 'LOGOFF' });

    for (const id of [LOGIN_CODE_ID, LOGOFF_CODE_ID]) {
      const archive = await call('POST', `/wfm/v1/activity-codes/${id}/archive`);
      expect(archive.statusCode).toBe(422);
      expect(archive.json().statusReason).toBe('UNPROCESSABLE');
    }
    const base = { name: 'Login', displayAs: 'OPEN', priority: 10, open: true, paid: true, schedulable: false };
    const renamed = await call('PUT', `/wfm/v1/activity-codes/${LOGIN_CODE_ID}`, { ...base, name: 'Signed in' });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().errors[0].path).toBe('name');
    const scheduled = await call('PUT', `/wfm/v1/activity-codes/${LOGIN_CODE_ID}`, { ...base, schedulable: true });
    expect(scheduled.statusCode).toBe(422);
    expect(scheduled.json().errors[0].path).toBe('schedulable');
    const recoloured = await call('PUT', `/wfm/v1/activity-codes/${LOGIN_CODE_ID}`, { ...base, color: '#00AA00', payrollCode: 'LOGIN' });
    expect(recoloured.statusCode, recoloured.body).toBe(200);
    expect(recoloured.json()).toMatchObject({ name: 'Login', color: '#00AA00', payrollCode: 'LOGIN', version: 2, schedulable: false });
    expect((await call('GET', `/wfm/v1/activity-codes/${LOGIN_CODE_ID}`)).json().archived).toBe(false);
  });

  it('publishes wfm.setup.changed after each committed write, and nothing for a refused one', async () => {
    const su = await create('/wfm/v1/scheduling-units', { name: 'Events SU', timeZone: 'Asia/Tokyo' });
    expect(await eventFor(su.id)).toEqual([{ tenantId: a.tenantId, kind: 'schedulingUnit', ids: [su.id] }]);
    const code = await create('/wfm/v1/activity-codes', { name: 'Events code', displayAs: 'MEETING' });
    expect(await eventFor(code.id)).toEqual([{ tenantId: a.tenantId, kind: 'activityCode', ids: [code.id] }]);
    const archived = await call('POST', `/wfm/v1/activity-codes/${code.id}/archive`);
    expect(archived.statusCode).toBe(200);
    for (let i = 0; i < 100 && (await eventFor(code.id)).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await eventFor(code.id)).toHaveLength(2);
    const count = events.length;
    const refused = await call('POST', `/wfm/v1/activity-codes/${LOGIN_CODE_ID}/archive`);
    expect(refused.statusCode).toBe(422);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.slice(count).filter((e) => e.data.ids.includes(LOGIN_CODE_ID))).toEqual([]);
  });

  it('a committed write is visible to the engine setup cache at once', async () => {
    await t.app.wfm.ctx.setup.get(a.tenantId);
    const emp = await create('/wfm/v1/employees', { name: 'Cached', email: 'cached@claims.test', acdLogins: [{ loginId: 'c-1' }] });
    const setup = await t.app.wfm.ctx.setup.get(a.tenantId);
    expect(setup.employees.get(emp.id)?.logins).toEqual([{ loginId: 'c-1' }]);
  });

  it('is in the OpenAPI document with request and response schemas', async () => {
    const res = await t.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = (res.json() as { paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>> }).paths;
    for (const p of ['employees', 'scheduling-units', 'skills', 'activity-codes', 'event-mappings', 'adherence-rules']) {
      expect(paths[`/wfm/v1/${p}`]?.post?.requestBody, p).toBeDefined();
      expect(paths[`/wfm/v1/${p}/{id}`]?.put?.responses?.['200'], p).toBeDefined();
    }
    expect(paths['/wfm/v1/event-mappings']?.put?.requestBody).toBeDefined();
    expect(paths['/wfm/v1/setup/issues']?.get).toBeDefined();
  });
});
