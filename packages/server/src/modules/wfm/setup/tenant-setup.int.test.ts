import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { BUILT_IN_IDS, publishSchedule, seedWfm } from '../../../test-support/wfm-fixtures.js';
import { LOGIN_CODE_ID, LOGOFF_CODE_ID } from '../adherence/model.js';
import { loadPublishedSchedules } from '../schedules/published-schedule.js';
import { createLoginIndex, loadTenantSetup } from './tenant-setup.js';

let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await t.tenant();
});
afterAll(async () => t.close());

describe('tenant defaults and the setup loader', () => {
  it('gives every new tenant the built-in codes under the ids the model knows, and a default SU', async () => {
    expect(BUILT_IN_IDS).toEqual({ Login: LOGIN_CODE_ID, Logoff: LOGOFF_CODE_ID });
    const setup = await loadTenantSetup(t.db.db, tenant.tenantId);
    expect(setup.codeSetups.get(LOGIN_CODE_ID)).toMatchObject({ name: 'Login', open: true, displayAs: 'OPEN', builtin: 'LOGIN', schedulable: false });
    expect(setup.codeSetups.get(LOGOFF_CODE_ID)).toMatchObject({ name: 'Logoff', open: false, displayAs: 'OFFLINE', builtin: 'LOGOFF', paid: false });
    expect([...setup.schedulingUnits.values()]).toEqual([
      expect.objectContaining({ id: tenant.tenantId, name: tenant.name, isDefault: true, thresholds: { alarmThresholdSeconds: 300, exceptionThresholdSeconds: 0 } }),
    ]);
    expect(setup.intervalMs).toBe(900_000);
    expect(setup.adherenceSource).toBe('REPORTS_THEN_STATES');
  });

  it('reads employees with logins and skills, mappings and rules in the model types, scoped to the tenant', async () => {
    const other = await t.tenant();
    await seedWfm(t.db.db, other.tenantId, { employees: [{ name: 'Elsewhere', logins: ['5001'] }] });
    const s = await seedWfm(t.db.db, tenant.tenantId, {
      codes: [
        { name: 'Open', displayAs: 'OPEN', open: true },
        { name: 'Break', displayAs: 'BREAK', open: false, priority: 2 },
      ],
      skills: [{ name: 'Sales', queues: ['8057', '8058'] }],
      employees: [{ name: 'Ann', logins: ['5001'], skills: ['Sales'] }],
      mappings: [{ eventCode: 'Available', reasonCode: '*', code: 'Open' }, { eventCode: 'Unavailable', reasonCode: 'Break', code: 'Break', source: 'acd-2' }],
      rules: [{ scheduled: 'BREAK', actual: 'OPEN', adherence: 'NEUTRAL', by: 'CATEGORY', alarmThresholdSeconds: 60 }],
    });
    await t.db.db.query("INSERT INTO employee_acd_login (tenant_id, source, login_id, employee_id) VALUES ($1, 'acd-2', '5001', $2)", [tenant.tenantId, s.employees.Ann]);
    const setup = await loadTenantSetup(t.db.db, tenant.tenantId);
    expect([...setup.employees.values()].map((e) => e.name)).toEqual(['Ann']);
    expect(setup.employees.get(s.employees.Ann!)).toMatchObject({
      schedulingUnitId: tenant.tenantId,
      logins: [{ loginId: '5001' }, { loginId: '5001', source: 'acd-2' }],
      skillIds: [s.skills.Sales],
    });
    expect(setup.skills.get(s.skills.Sales!)?.queues).toEqual([{ queueValue: '8057' }, { queueValue: '8058' }]);
    expect(setup.mappings).toEqual(
      expect.arrayContaining([
        { eventCode: 'Available', reasonCode: '*', activityCodeId: s.codes.Open },
        { source: 'acd-2', eventCode: 'Unavailable', reasonCode: 'Break', activityCodeId: s.codes.Break },
      ]),
    );
    expect(setup.rules).toEqual([{ scheduled: { category: 'BREAK' }, actual: { category: 'OPEN' }, adherence: 'NEUTRAL', alarmThresholdSeconds: 60 }]);

    const logins = createLoginIndex(setup.employees);
    expect(logins.resolve('5001')).toBe(s.employees.Ann);
    expect(logins.resolve('5001', 'acd-2')).toBe(s.employees.Ann);
    expect(logins.resolve('5002')).toBeUndefined();
  });

  it('reads the latest published schedule, flattened, with covered days off', async () => {
    const s = await seedWfm(t.db.db, tenant.tenantId, {
      codes: [{ name: 'Phones', displayAs: 'OPEN', open: true, priority: 5 }, { name: 'Lunch', displayAs: 'LUNCH', open: false, priority: 2 }],
      employees: [{ name: 'Bob', logins: ['6001'] }, { name: 'Cid', logins: ['6002'], canBeScheduled: false }],
    });
    const bob = s.employees.Bob!;
    await publishSchedule(t.db.db, tenant.tenantId, {
      employeeIds: [bob],
      dates: ['2026-03-02', '2026-03-03'],
      segments: [{ employeeId: bob, activityCodeId: s.codes.Phones!, start: '2026-03-02T08:00:00Z', end: '2026-03-02T16:00:00Z' }],
    });
    // A second publication of the 2nd replaces it; the 3rd stays a covered day off.
    await publishSchedule(t.db.db, tenant.tenantId, {
      employeeIds: [bob],
      dates: ['2026-03-02'],
      segments: [
        { employeeId: bob, activityCodeId: s.codes.Phones!, start: '2026-03-02T09:00:00Z', end: '2026-03-02T17:00:00Z' },
        { employeeId: bob, activityCodeId: s.codes.Lunch!, start: '2026-03-02T12:00:00Z', end: '2026-03-02T13:00:00Z' },
      ],
    });
    const setup = await loadTenantSetup(t.db.db, tenant.tenantId);
    const range = { fromMs: Date.parse('2026-03-02T00:00:00Z'), toMs: Date.parse('2026-03-04T00:00:00Z'), fromDate: '2026-03-02', toDate: '2026-03-04' };
    const all = await loadPublishedSchedules(t.db.db, setup, range);
    expect(all.get(bob)).toEqual({
      segments: [
        { start: Date.parse('2026-03-02T09:00:00Z'), end: Date.parse('2026-03-02T12:00:00Z'), activityCodeId: s.codes.Phones },
        { start: Date.parse('2026-03-02T12:00:00Z'), end: Date.parse('2026-03-02T13:00:00Z'), activityCodeId: s.codes.Lunch },
        { start: Date.parse('2026-03-02T13:00:00Z'), end: Date.parse('2026-03-02T17:00:00Z'), activityCodeId: s.codes.Phones },
      ],
      coveredDates: new Set(['2026-03-02', '2026-03-03']),
    });
    // Not schedulable: covered every day, nothing scheduled.
    expect(all.get(s.employees.Cid!)).toEqual({ segments: [], coveredDates: new Set(['2026-03-02', '2026-03-03', '2026-03-04']) });
    const one = await loadPublishedSchedules(t.db.db, setup, { ...range, employeeIds: [bob] });
    expect([...one.keys()]).toEqual([bob]);
  });
});

describe('scheduling-unit scope of console users', () => {
  it('puts the user\'s scheduling units in the token and the auth context; unknown units are refused', async () => {
    const token = await t.userToken(tenant, 'supervisor', [tenant.tenantId]);
    expect(decodeJwt(token).su).toEqual([tenant.tenantId]);
    expect(await t.app.identity.verifier.verify(token)).toMatchObject({ schedulingUnitIds: [tenant.tenantId] });
    expect(decodeJwt(tenant.adminToken).su).toBeUndefined();
    expect(await t.app.identity.verifier.verify(tenant.adminToken)).toMatchObject({ schedulingUnitIds: null });
    const other = await t.tenant();
    await expect(t.userToken(tenant, 'supervisor', [other.tenantId])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'schedulingUnitIds', message: expect.stringMatching(/no scheduling unit/) }] });
  });
});
