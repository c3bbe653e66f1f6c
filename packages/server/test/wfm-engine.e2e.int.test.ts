import { connectWfm, CXoneWfmException, type WfmClient } from '@floorplan/wfm-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../src/test-support/test-app.js';

// Issue 4, acceptance check 2, through HTTP on the current test target (PGlite + memory bus, or
// PostgreSQL + NATS): setup → schedule import → agent states through the SDK → RTA board → adherence
// report equal to hand-computed seconds → a late event changes the report after recompute.
// SU zone UTC, alarm 300 s, exception threshold 0, on Monday 2 March 2026.

const day = '2026-03-02';
const at = (hhmm: string) => `${day}T${hhmm}:00.000Z`;
const clock = createManualClock(at('08:50'));

let t: TestApp;
let tenant: TestTenant;
let wfm: WfmClient;
const ids: Record<string, string> = {};

async function api<T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await t.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tenant.adminToken}`, ...headers },
    ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.body === '' ? undefined : res.json()) as T;
}

/**
 * Sends states through the SDK at the server's (manual) time and waits for the server's 200. The SDK
 * checks times against its estimate of the server's clock, refreshed by each heartbeat (every second
 * here): right after the test moves the clock, it may still refuse a state as "in the future".
 */
async function states(list: { login: string; acd?: string; event: string; reason?: string; at: string }[]): Promise<void> {
  const body = list.map((s) => ({
    loginId: s.login,
    ...(s.acd ? { acdId: s.acd } : {}),
    eventCode: s.event,
    ...(s.reason ? { reasonCode: s.reason } : {}),
    eventUtcTime: new Date(s.at.includes('T') ? s.at : at(s.at)),
  }));
  for (let attempt = 0; ; attempt++) {
    try {
      const receipt = await wfm.agentStates.send(body);
      expect(await receipt.delivered).toEqual({ ok: true });
      return;
    } catch (e) {
      if (attempt > 50 || !(e instanceof CXoneWfmException) || e.httpStatus !== null || !/in the future/.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

interface BoardAgent {
  employeeId: string;
  state: string;
  notCalculatedReason: string | null;
  outSince: string | null;
  severeAt: string | null;
  actual: { name: string };
  scheduled: { name: string } | null;
}

/** The board as the console would read it, once every expectation holds (the bus is asynchronous). */
async function boardWhen(expected: Record<string, Partial<BoardAgent>>): Promise<Record<string, BoardAgent>> {
  let last: Record<string, BoardAgent> = {};
  for (let attempt = 0; attempt < 200; attempt++) {
    await t.app.wfm.rta.tick();
    const board = await api<{ agents: BoardAgent[] }>('GET', '/wfm/v1/rta/agents');
    last = Object.fromEntries(board.agents.map((a) => [Object.keys(ids).find((k) => ids[k] === a.employeeId) ?? a.employeeId, a]));
    if (Object.entries(expected).every(([name, want]) => Object.entries(want).every(([k, v]) => JSON.stringify(last[name]?.[k as keyof BoardAgent]) === JSON.stringify(v)))) {
      return last;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(last).toMatchObject(expected);
  return last;
}

interface ReportRow {
  employeeId: string;
  scheduledSeconds: number | null;
  inSeconds: number | null;
  outSeconds: number | null;
  unscheduledWorkedSeconds: number | null;
  adherencePct: number | null;
  scheduledProductiveSeconds: number | null;
  workedProductiveSeconds: number | null;
  conformancePct: number | null;
  exceptionCount: number | null;
  notCalculatedReason: string | null;
}

async function reportRow(name: string): Promise<ReportRow> {
  const report = await api<{ items: ReportRow[] }>('GET', `/wfm/v1/adherence/report?from=${day}&to=${day}&employeeIds=${ids[name]}`);
  const row = report.items.find((r) => r.employeeId === ids[name]);
  if (!row) throw new Error(`no report row for ${name}`);
  return row;
}

beforeAll(async () => {
  t = await createTestApp({ clock, env: { AUTH_ACCESS_TOKEN_TTL_S: '604800', AUTH_REFRESH_TOKEN_TTL_S: '604800', AUTH_FAMILY_MAX_S: '604800', WFM_RECOMPUTE_DELAY_S: '0', WFM_RATE_LIMIT_PER_S: '100000', WFM_RATE_LIMIT_BURST: '100000' } });
  tenant = await t.tenant();
  // The connector is heard from only when it sends (hourly heartbeats): jumps of the manual clock
  // below stay under three heartbeat periods, so the feed never reads as down.
  await t.db.db.query('INSERT INTO acd_settings (tenant_id, heartbeat_seconds) VALUES ($1, 3600)', [tenant.tenantId]);
  const address = await t.app.http.listen({ port: 0, host: '127.0.0.1' });
  wfm = await connectWfm({ serviceUrl: address, ...tenant.key, connectorName: 'e2e-acd', heartbeatSeconds: 1, logger: null, batch: { maxStates: 1000, flushMs: 0 } });
}, 60_000);

afterAll(async () => {
  await wfm?.close();
  await t?.close();
});

describe('WFM engine end to end', () => {
  it('sets up codes, mappings and employees through the setup API', async () => {
    const code = (name: string, displayAs: string, open: boolean, priority: number) =>
      api<{ id: string }>('POST', '/wfm/v1/activity-codes', { name, displayAs, open, priority, paid: true, schedulable: true });
    ids.Open = (await code('Open', 'OPEN', true, 5)).id;
    ids.Break = (await code('Break', 'BREAK', false, 2)).id;
    await api('PUT', '/wfm/v1/event-mappings', {
      mappings: [
        { eventCode: 'Available', reasonCode: '*', activityCodeId: ids.Open },
        { eventCode: 'Unavailable', reasonCode: 'Break', activityCodeId: ids.Break },
        { eventCode: 'LoggedOut', reasonCode: '*', activityCodeId: '00000000-0000-4000-8000-000000000002' },
      ],
    });
    const employee = (name: string, logins: string[]) =>
      api<{ id: string }>('POST', '/wfm/v1/employees', { name, email: `${name.toLowerCase()}@e2e.test`, acdLogins: logins.map((loginId) => ({ loginId })) });
    ids.Ann = (await employee('Ann', ['5001'])).id;
    ids.Bob = (await employee('Bob', ['5002'])).id;
    ids.Cy = (await employee('Cy', [])).id;
  });

  it('imports and publishes the day\'s schedule from CSV', async () => {
    const csv = [
      'employee,activityCode,start,end',
      `ann@e2e.test,Open,${day} 09:00,${day} 17:00`,
      `ann@e2e.test,Break,${day} 12:00,${day} 12:15`,
      `bob@e2e.test,Open,${day} 09:00,${day} 17:00`,
      `cy@e2e.test,Open,${day} 09:00,${day} 17:00`,
    ].join('\n');
    const imported = await api<{ status: string; publishedVersion: number | null }>(
      'POST',
      `/wfm/v1/schedules/imports?publish=true&employeeIds=${ids.Ann},${ids.Bob},${ids.Cy}&fromDate=${day}&toDate=${day}`,
      csv,
      { 'content-type': 'text/csv' },
    );
    expect(imported).toMatchObject({ status: 'PUBLISHED', publishedVersion: 1 });
  });

  it('shows the exact RTA states, and SEVERE once the alarm threshold passes without a new event', async () => {
    clock.set(at('09:00'));
    await states([
      { login: '5001', event: 'Available', at: '08:55' },
      { login: '5002', event: 'Unavailable', reason: 'Break', at: '09:00' },
    ]);
    const board = await boardWhen({
      Ann: { state: 'IN', notCalculatedReason: null },
      Bob: { state: 'OUT_OPEN', outSince: at('09:00'), severeAt: at('09:05') },
      Cy: { state: 'NOT_CALCULATED', notCalculatedReason: 'NO_ACD_LOGIN' },
    });
    expect(board.Ann).toMatchObject({ actual: { name: 'Open' }, scheduled: { name: 'Open' } });
    expect(board.Bob).toMatchObject({ actual: { name: 'Break' }, scheduled: { name: 'Open' } });

    clock.set(`${day}T09:04:59.000Z`);
    await boardWhen({ Bob: { state: 'OUT_OPEN' } });
    clock.set(at('09:05'));
    await boardWhen({ Bob: { state: 'SEVERE', outSince: at('09:00') } });

    clock.set(at('09:30'));
    await states([{ login: '5002', event: 'Available', at: '09:30' }]);
    await boardWhen({ Bob: { state: 'IN', outSince: null, severeAt: null } });
  });

  it('reports the day in hand-computed seconds and percentages', async () => {
    clock.set(at('12:00'));
    await states([{ login: '5001', event: 'Unavailable', reason: 'Break', at: '12:00' }]);
    await boardWhen({ Ann: { state: 'IN' } });
    clock.set(at('12:15'));
    await states([{ login: '5001', event: 'Available', at: '12:15' }]);
    clock.set(at('14:30'));
    await states([{ login: '5001', event: 'Available', at: '14:30' }]);
    clock.set(at('17:00'));
    await states([
      { login: '5001', event: 'LoggedOut', at: '17:00' },
      { login: '5002', event: 'LoggedOut', at: '17:00' },
    ]);
    clock.set(at('18:00'));
    await t.app.wfm.adherence.recomputeNow(tenant.tenantId, [ids.Ann!, ids.Bob!, ids.Cy!], day, day);

    // Ann: scheduled 8 h, all in; worked Open 08:55–12:00 and 12:15–17:00; Break scheduled 15 min.
    expect(await reportRow('Ann')).toMatchObject({
      scheduledSeconds: 28_800,
      inSeconds: 28_800,
      outSeconds: 0,
      unscheduledWorkedSeconds: 300,
      adherencePct: 100,
      scheduledProductiveSeconds: 27_900,
      workedProductiveSeconds: 28_200,
      conformancePct: 101.08,
      exceptionCount: 0,
      notCalculatedReason: null,
    });
    // Bob: on break 09:00–09:30 instead of Open.
    expect(await reportRow('Bob')).toMatchObject({
      scheduledSeconds: 28_800,
      inSeconds: 27_000,
      outSeconds: 1_800,
      adherencePct: 93.75,
      scheduledProductiveSeconds: 28_800,
      workedProductiveSeconds: 27_000,
      conformancePct: 93.75,
      exceptionCount: 1,
    });
    expect(await reportRow('Cy')).toMatchObject({ adherencePct: null, conformancePct: null, notCalculatedReason: 'NO_ACD_LOGIN' });
  });

  it('changes the stored report once the recompute job has run on a late event, and leaves the board alone', async () => {
    // Two days later the day is history: the report reads the stored rows.
    clock.set('2026-03-04T10:00:00.000Z');
    // Nothing is published for the 4th.
    const before = await boardWhen({ Bob: { state: 'NOT_CALCULATED', notCalculatedReason: 'NO_SCHEDULE' } });
    expect(await reportRow('Bob')).toMatchObject({ outSeconds: 1_800, adherencePct: 93.75 });
    // 14:00–14:10 on the 2nd on break, reported late: older than Bob's newest state, so ingest
    // publishes it as late and the recompute job (pg-boss) rewrites the stored day.
    await states([
      { login: '5002', event: 'Unavailable', reason: 'Break', at: '14:00' },
      { login: '5002', event: 'Available', at: '14:10' },
    ]);
    let row = await reportRow('Bob');
    for (let attempt = 0; attempt < 300 && row.outSeconds === 1_800; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await reportRow('Bob');
    }
    expect(row).toMatchObject({ inSeconds: 26_400, outSeconds: 2_400, adherencePct: 91.67, workedProductiveSeconds: 26_400, conformancePct: 91.67, exceptionCount: 2 });
    const after = await boardWhen({ Bob: { state: 'NOT_CALCULATED' } });
    expect(after.Bob).toEqual(before.Bob);
  });

  it('recomputes, for a late state, the employee its ACD and login resolve to', async () => {
    // Two employees share login 5003: Dee's is qualified by ACD acd-east, Eve's by none.
    const employee = (name: string, source?: string) =>
      api<{ id: string }>('POST', '/wfm/v1/employees', { name, email: `${name.toLowerCase()}@e2e.test`, acdLogins: [{ loginId: '5003', ...(source ? { source } : {}) }] });
    ids.Dee = (await employee('Dee', 'acd-east')).id;
    ids.Eve = (await employee('Eve')).id;
    const days = async (name: string) =>
      (await t.db.db.query<{ date: string }>(`SELECT to_char(date, 'YYYY-MM-DD') AS date FROM adh_agent_day WHERE tenant_id = $1 AND employee_id = $2`, [tenant.tenantId, ids[name]])).rows.map((r) => r.date);
    const eventually = async (name: string) => {
      for (let attempt = 0; attempt < 300 && (await days(name)).length === 0; attempt++) await new Promise((r) => setTimeout(r, 100));
      return days(name);
    };
    await states([{ login: '5003', acd: 'acd-east', event: 'Available', at: '2026-03-04T10:00:00.000Z' }]);
    // Late from acd-east: Dee's day is recomputed, Eve's is not (the same login value, another ACD).
    await states([{ login: '5003', acd: 'acd-east', event: 'Available', at: '15:00' }]);
    expect(await eventually('Dee')).toContain(day);
    expect(await days('Eve')).toEqual([]);
    // Late without an ACD: the unqualified login, Eve's.
    await states([{ login: '5003', event: 'Available', at: '15:30' }]);
    expect(await eventually('Eve')).toContain(day);
  });
});
