import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { publishSchedule, seedWfm, type Seeded } from '../../../test-support/wfm-fixtures.js';
import { createRtaProcessor, RESTART_SEQ_GAP } from './processor.js';
import { latestOf, rtaHarness } from './test-fixtures.js';

// §9 checks 6–11 through the whole pipeline: ingest HTTP → commit → bus → processor → bus, on a
// manual clock; `tick()` stands in for the real timer so alarms and boundaries are exact.

const DAY = '2026-03-02';
const clock = createManualClock(`${DAY}T09:00:00Z`);

const spec = {
  codes: [
    { name: 'Open', displayAs: 'OPEN', open: true, priority: 5 },
    { name: 'Break', displayAs: 'BREAK', open: false, priority: 2 },
    { name: 'Lunch', displayAs: 'LUNCH', open: false, priority: 2 },
  ],
  skills: [{ name: 'Sales', queues: ['8057'] }],
  mappings: [
    { eventCode: 'AVAIL', reasonCode: '*', code: 'Open' },
    { eventCode: 'AUX', reasonCode: 'BRK', code: 'Break' },
    { eventCode: 'AUX', reasonCode: 'LUN', code: 'Lunch' },
    { eventCode: 'LOGIN', reasonCode: '*', code: 'Login' },
    { eventCode: 'LOGOUT', reasonCode: '*', code: 'Logoff' },
  ],
};

describe('RTA processor (§2, §9 checks 6–11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WFM_CONNECTOR_RATE_LIMIT_PER_S: '1000' } });
  });
  afterAll(async () => t?.close());

  async function setupTenant(employees: { name: string; logins?: string[]; skills?: string[] }[]) {
    const tenant = await t.tenant();
    const seeded = await seedWfm(t.db.db, tenant.tenantId, { ...spec, employees });
    return { tenant, seeded };
  }
  const segment = (s: Seeded, employee: string, code: string, from: string, to: string) => ({
    employeeId: s.employees[employee]!,
    activityCodeId: s.codes[code]!,
    start: `${DAY}T${from}:00Z`,
    end: `${DAY}T${to}:00Z`,
  });

  it('check 6: scheduled Open — Open → IN; Break → OUT_OPEN, then SEVERE at out start + 300 s with no new event', async () => {
    clock.set(`${DAY}T09:55:00Z`);
    const { tenant, seeded } = await setupTenant([{ name: 'Ann', logins: ['6001'], skills: ['Sales'] }]);
    const ann = seeded.employees.Ann!;
    await publishSchedule(t.db.db, tenant.tenantId, { employeeIds: [ann], dates: [DAY], segments: [segment(seeded, 'Ann', 'Open', '09:00', '17:00')] });
    const h = await rtaHarness(t, tenant);

    clock.set(`${DAY}T09:56:00Z`);
    await h.state('6001', 'AVAIL', '09:56');
    const inOpen = await h.until((a) => a.state === 'IN', 'IN');
    expect(inOpen.seq).toBe(h.deltas.at(-1)?.seq);
    expect(inOpen).toMatchObject({
      employeeId: ann,
      name: 'Ann',
      schedulingUnitId: seeded.schedulingUnitId,
      skillIds: [seeded.skills.Sales],
      actual: { activityCodeId: seeded.codes.Open, name: 'Open', eventCode: 'AVAIL', reasonCode: '', since: `${DAY}T09:56:00.000Z` },
      scheduled: { activityCodeId: seeded.codes.Open, name: 'Open', start: `${DAY}T09:00:00.000Z`, end: `${DAY}T17:00:00.000Z` },
      next: { activityCodeId: null, at: `${DAY}T17:00:00.000Z` },
      notCalculatedReason: null,
      stateSince: `${DAY}T09:56:00.000Z`,
      outSince: null,
      severeAt: null,
    });

    clock.set(`${DAY}T10:00:00Z`);
    await h.state('6001', 'AUX', '10:00', 'BRK');
    const out = await h.until((a) => a.state === 'OUT_OPEN' && a.actual.eventCode === 'AUX', 'OUT_OPEN on Break');
    expect(out).toMatchObject({ outSince: `${DAY}T10:00:00.000Z`, severeAt: `${DAY}T10:05:00.000Z`, stateSince: `${DAY}T10:00:00.000Z` });

    clock.set(`${DAY}T10:04:59.999Z`);
    await t.app.wfm.rta.tick(tenant.tenantId);
    expect((await h.snapshot()).agents[0]?.state).toBe('OUT_OPEN');
    clock.set(`${DAY}T10:05:00Z`);
    await t.app.wfm.rta.tick(tenant.tenantId);
    const severe = await h.until((a) => a.state === 'SEVERE' && a.actual.eventCode === 'AUX', 'SEVERE on Break');
    expect(severe).toMatchObject({ stateSince: `${DAY}T10:05:00.000Z`, outSince: `${DAY}T10:00:00.000Z` });
    const snap = await h.snapshot();
    expect(snap.agents).toEqual([severe]);
    expect(snap.seq).toBe(severe.seq);
    expect(snap.counts).toMatchObject({ SEVERE: 1, IN: 0, OUT_OPEN: 0 });
    await h.close();
  });

  it('check 7: scheduled Break, actual Open → OUT, NEUTRAL once rule (Break, Open) = NEUTRAL exists', async () => {
    clock.set(`${DAY}T11:50:00Z`);
    const { tenant, seeded } = await setupTenant([{ name: 'Bea', logins: ['7001'] }]);
    const bea = seeded.employees.Bea!;
    await publishSchedule(t.db.db, tenant.tenantId, { employeeIds: [bea], dates: [DAY], segments: [segment(seeded, 'Bea', 'Open', '09:00', '17:00'), segment(seeded, 'Bea', 'Break', '12:00', '12:30')] });
    const h = await rtaHarness(t, tenant);
    await h.state('7001', 'AVAIL', '11:50');
    await h.until((a) => a.actual.eventCode === 'AVAIL' && a.state === 'IN', 'IN before the break');
    clock.set(`${DAY}T12:00:00Z`);
    await t.app.wfm.rta.tick(tenant.tenantId);
    expect(await h.until((a) => a.state === 'OUT', 'OUT at the break')).toMatchObject({
      stateSince: `${DAY}T12:00:00.000Z`,
      outSince: `${DAY}T12:00:00.000Z`,
      scheduled: { name: 'Break' },
      next: { activityCodeId: seeded.codes.Open, at: `${DAY}T12:30:00.000Z` },
    });

    await t.db.db.query(
      `INSERT INTO adherence_rule (tenant_id, id, scheduled_kind, scheduled_value, actual_kind, actual_value, adherence) VALUES ($1, $2, 'CODE', $3, 'CODE', $4, 'NEUTRAL')`,
      [tenant.tenantId, randomUUID(), seeded.codes.Break, seeded.codes.Open],
    );
    await h.setupChanged('adherenceRule');
    expect(await h.until((a) => a.state === 'NEUTRAL', 'NEUTRAL')).toMatchObject({ outSince: null, severeAt: null, notCalculatedReason: null });
    await h.close();
  });

  it('check 8: unscheduled Login → IN, unscheduled Open → UNSCHEDULED, Lunch + Logoff → OUT, IN with a rule saying so', async () => {
    clock.set(`${DAY}T12:02:00Z`);
    const { tenant, seeded } = await setupTenant([{ name: 'Cal', logins: ['8001'] }, { name: 'Cid', logins: ['8002'] }, { name: 'Cy', logins: ['8003'] }]);
    const ids = [seeded.employees.Cal!, seeded.employees.Cid!, seeded.employees.Cy!];
    await publishSchedule(t.db.db, tenant.tenantId, { employeeIds: ids, dates: [DAY], segments: [segment(seeded, 'Cy', 'Lunch', '12:00', '13:00')] });
    const h = await rtaHarness(t, tenant);
    await h.state('8001', 'LOGIN', '12:01');
    await h.state('8002', 'AVAIL', '12:01');
    await h.state('8003', 'LOGOUT', '12:01');
    const by = (name: string) => h.until((a) => a.name === name && a.actual.since !== null, name);
    expect((await by('Cal')).state).toBe('IN');
    expect((await by('Cid')).state).toBe('UNSCHEDULED');
    expect(await by('Cy')).toMatchObject({ state: 'OUT', actual: { name: 'Logoff' }, scheduled: { name: 'Lunch' } });

    await t.db.db.query(
      `INSERT INTO adherence_rule (tenant_id, id, scheduled_kind, scheduled_value, actual_kind, actual_value, adherence) VALUES ($1, $2, 'CODE', $3, 'CODE', $4, 'IN')`,
      [tenant.tenantId, randomUUID(), seeded.codes.Lunch, seeded.codes.Logoff],
    );
    await h.setupChanged('adherenceRule');
    expect(await h.until((a) => a.name === 'Cy' && a.state === 'IN', 'Cy IN')).toMatchObject({ outSince: null });
    await h.close();
  });

  it('check 9: NO_ACD_LOGIN, EVENT_UNMAPPED, NO_SCHEDULE and FEED_DOWN each for its cause; a covered day off is not NO_SCHEDULE', async () => {
    clock.set(`${DAY}T09:30:00Z`);
    const { tenant, seeded } = await setupTenant([{ name: 'Dan' }, { name: 'Deb', logins: ['9002'] }, { name: 'Dee', logins: ['9003'] }, { name: 'Dot', logins: ['9004'] }]);
    const [dan, deb, dee, dot] = ['Dan', 'Deb', 'Dee', 'Dot'].map((n) => seeded.employees[n]!);
    await publishSchedule(t.db.db, tenant.tenantId, { employeeIds: [dan!, deb!, dot!], dates: [DAY], segments: [segment(seeded, 'Deb', 'Open', '09:00', '17:00')] });
    const h = await rtaHarness(t, tenant);
    await h.state('9002', 'MYSTERY', '09:29', 'X');
    await h.state('9003', 'AVAIL', '09:29');
    await h.state('9004', 'AVAIL', '09:29');
    const snap = async () => Object.fromEntries((await h.snapshot()).agents.map((a) => [a.employeeId, a]));
    await h.until((a) => a.employeeId === dot && a.actual.since !== null, 'Dot');
    await h.until((a) => a.employeeId === deb && a.actual.eventCode === 'MYSTERY', 'Deb');
    await h.until((a) => a.employeeId === dee && a.actual.since !== null, 'Dee');
    let agents = await snap();
    expect(agents[dan!]).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'NO_ACD_LOGIN' });
    expect(agents[deb!]).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'EVENT_UNMAPPED', actual: { activityCodeId: null, name: 'Unmapped', eventCode: 'MYSTERY', reasonCode: 'X' } });
    expect(agents[dee!]).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'NO_SCHEDULE' });
    expect(agents[dot!]).toMatchObject({ state: 'UNSCHEDULED', notCalculatedReason: null, scheduled: null });
    expect((await h.snapshot()).counts).toMatchObject({ NOT_CALCULATED: 3, UNSCHEDULED: 1 });

    // The connector (it beat with every state) misses three beats: the feed is down.
    clock.advance(90_001);
    await t.app.ingest.housekeeping();
    await t.app.ingest.housekeeping();
    await h.until((a) => a.employeeId === dot && a.notCalculatedReason === 'FEED_DOWN', 'FEED_DOWN');
    agents = await snap();
    expect(agents[dot!]).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'FEED_DOWN' });
    expect(agents[deb!]).toMatchObject({ notCalculatedReason: 'FEED_DOWN' });
    expect(agents[dan!]).toMatchObject({ notCalculatedReason: 'NO_ACD_LOGIN' });
    await h.close();
  });

  it('check 10: editing the current segment changes the state without any new agent state', async () => {
    clock.set(`${DAY}T10:50:00Z`);
    const { tenant, seeded } = await setupTenant([{ name: 'Eve', logins: ['1001'] }]);
    const eve = seeded.employees.Eve!;
    await publishSchedule(t.db.db, tenant.tenantId, { employeeIds: [eve], dates: [DAY], segments: [segment(seeded, 'Eve', 'Open', '09:00', '17:00')] });
    const h = await rtaHarness(t, tenant);
    await h.state('1001', 'AVAIL', '10:50');
    await h.until((a) => a.state === 'IN', 'IN');
    clock.set(`${DAY}T10:55:00Z`);
    await h.state('1001', 'AUX', '10:55', 'BRK');
    await h.until((a) => a.state === 'OUT_OPEN', 'OUT_OPEN');
    clock.set(`${DAY}T10:58:00Z`);
    const version = await publishSchedule(t.db.db, tenant.tenantId, {
      employeeIds: [eve],
      dates: [DAY],
      segments: [segment(seeded, 'Eve', 'Open', '09:00', '10:45'), segment(seeded, 'Eve', 'Break', '10:45', '11:15'), segment(seeded, 'Eve', 'Open', '11:15', '17:00')],
    });
    await h.scheduleChanged(version, [eve]);
    const edited = await h.until((a) => a.state === 'IN' && a.scheduled?.name === 'Break', 'IN after the edit');
    expect(edited).toMatchObject({ scheduled: { name: 'Break', start: `${DAY}T10:45:00.000Z`, end: `${DAY}T11:15:00.000Z` }, next: { activityCodeId: seeded.codes.Open, at: `${DAY}T11:15:00.000Z` }, stateSince: `${DAY}T10:58:00.000Z` });
    await h.close();
  });

  it('check 11: a state older than the agent newest (another login) leaves the board unchanged', async () => {
    clock.set(`${DAY}T09:20:00Z`);
    const { tenant, seeded } = await setupTenant([{ name: 'Fay', logins: ['1101', '1102'] }, { name: 'Fin', logins: ['1103'] }]);
    const fay = seeded.employees.Fay!;
    await publishSchedule(t.db.db, tenant.tenantId, { employeeIds: [fay], dates: [DAY], segments: [segment(seeded, 'Fay', 'Open', '09:00', '17:00')] });
    const h = await rtaHarness(t, tenant);
    await h.state('1101', 'AVAIL', '09:15');
    const before = await h.until((a) => a.employeeId === fay && a.actual.since !== null, 'Fay IN');
    expect(before.state).toBe('IN');
    await h.state('1102', 'AUX', '09:10', 'BRK'); // newest of its own login, older than the agent's
    await h.state('1101', 'AUX', '09:05', 'BRK'); // late for its login: ingest sends agentStateLate
    await h.state('1103', 'AVAIL', '09:19'); // a marker: the bus keeps order, so the two were handled before
    await h.until((a) => a.name === 'Fin' && a.actual.since !== null, 'Fin');
    expect(latestOf(h.deltas, fay)).toEqual(before);
    expect((await h.snapshot()).agents.find((a) => a.employeeId === fay)).toEqual(before);
    await h.close();
  });

  it('§2.4: an event time beyond acceptedAt + 5 s is clamped to acceptedAt and counted', async () => {
    clock.set(`${DAY}T09:40:00Z`);
    const { tenant } = await setupTenant([{ name: 'Gus', logins: ['1201'] }]);
    const h = await rtaHarness(t, tenant);
    const counter = async () => (await t.app.wfm.ctx.metrics.getSingleMetric('wfm_rta_clock_skew_total')?.get())?.values[0]?.value ?? 0;
    const before = await counter();
    await h.state('1201', 'AVAIL', '09:41');
    const gus = await h.until((a) => a.actual.since !== null, 'Gus');
    expect(gus.actual.since).toBe(`${DAY}T09:40:00.000Z`);
    expect(await counter()).toBe(before + 1);
    await h.close();
  });

  it('flushes the board to rta_agent_current; answers 403 without wfm.rta.read', async () => {
    clock.set(`${DAY}T09:50:00Z`);
    const { tenant, seeded } = await setupTenant([{ name: 'Hal', logins: ['1301'] }]);
    const h = await rtaHarness(t, tenant);
    await h.state('1301', 'LOGIN', '09:49');
    const hal = await h.until((a) => a.actual.since !== null, 'Hal');
    await t.app.wfm.rta.flush();
    const rows = await t.db.db.query<{ employee_id: string; seq: string; entry: unknown }>('SELECT employee_id, seq, entry FROM rta_agent_current WHERE tenant_id = $1', [tenant.tenantId]);
    expect(rows.rows.map((r) => [r.employee_id, Number(r.seq), r.entry])).toEqual([[seeded.employees.Hal, hal.seq, hal]]);
    const forbidden = await t.inject({ method: 'GET', url: '/wfm/v1/rta/agents', headers: { authorization: `Bearer ${tenant.token}` } });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await t.inject({ method: 'GET', url: '/wfm/v1/rta/agents' });
    expect(anonymous.statusCode).toBe(401);

    // A second processor (a restart, or another node) over the same database.
    const again = await createRtaProcessor(t.app.wfm.ctx);
    try {
      if (t.db.db.kind === 'pglite') {
        // Embedded owns every partition: the board is rebuilt from the flushed entries, unchanged,
        // and the seq continues above anything a client may have seen.
        const rebuilt = await again.board(tenant.tenantId);
        expect(rebuilt?.entries.map((e) => e.stateSince)).toEqual([Date.parse(hal.stateSince)]);
        expect(rebuilt?.entries[0]?.state).toBe(hal.state);
        expect(rebuilt?.seq).toBe(hal.seq + RESTART_SEQ_GAP);
      } else {
        // PostgreSQL: the running node holds the lease, so the newcomer owns nothing yet.
        expect(again.owns(tenant.tenantId)).toBe(false);
        expect(await again.board(tenant.tenantId)).toBeUndefined();
      }
    } finally {
      await again.close();
    }
    await h.close();
  });
});
