import { describe, expect, it } from 'vitest';
import { createActivityCatalog, DEFAULT_SU_THRESHOLDS, LOGIN_CODE_ID, LOGOFF_CODE_ID } from '../adherence/model.js';
import type { PublishedSchedule } from '../schedules/published-schedule.js';
import type { EmployeeSetup, TenantSetup } from '../setup/tenant-setup.js';
import { fromWireAgent, sameEntry, toWireAgent } from './board-entry.js';
import { createTenantBoard, type LoginState } from './tenant-board.js';

const T = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
const SU = 'su-1';

function employee(id: string, logins: string[], extra: Partial<EmployeeSetup> = {}): EmployeeSetup {
  return { id, name: id.toUpperCase(), email: `${id}@x.test`, schedulingUnitId: SU, canBeScheduled: true, active: true, archived: false, logins: logins.map((loginId) => ({ loginId })), skillIds: [], ...extra };
}

function setup(employees: EmployeeSetup[], rules: TenantSetup['rules'] = []): TenantSetup {
  return {
    tenantId: 't',
    intervalMs: 900_000,
    adherenceSource: 'REPORTS_THEN_STATES',
    reforecastPhi: 0.95,
    codes: createActivityCatalog([
      { id: 'open', name: 'Open', open: true, displayAs: 'OPEN' },
      { id: 'break', name: 'Break', open: false, displayAs: 'BREAK' },
    ]),
    codeSetups: new Map(),
    mappings: [
      { eventCode: 'AVAIL', reasonCode: '*', activityCodeId: 'open' },
      { eventCode: 'AUX', reasonCode: 'BRK', activityCodeId: 'break' },
      { eventCode: 'LOGIN', reasonCode: '*', activityCodeId: LOGIN_CODE_ID },
    ],
    rules,
    schedulingUnits: new Map([[SU, { id: SU, name: 'SU', timeZone: 'UTC', firstDayOfWeek: 1, thresholds: DEFAULT_SU_THRESHOLDS, isDefault: true, archived: false }]]),
    employees: new Map(employees.map((e) => [e.id, e])),
    skills: new Map(),
  };
}

const openDay: PublishedSchedule = {
  segments: [
    { start: T('09:00'), end: T('12:00'), activityCodeId: 'open' },
    { start: T('12:00'), end: T('12:15'), activityCodeId: 'break' },
    { start: T('12:15'), end: T('17:00'), activityCodeId: 'open' },
  ],
  coveredDates: new Set(['2026-03-02']),
};
const state = (loginId: string, eventCode: string, hhmm: string, reasonCode = ''): LoginState => ({ loginId, acdId: 'acd', eventCode, reasonCode, since: T(hhmm) });

function board(employees = [employee('ann', ['5001'])], schedules = new Map([['ann', openDay]]), connections = new Map<string, string>()) {
  const b = createTenantBoard({ setup: setup(employees), schedules, loginStates: [], connections, stored: new Map(), seq: 0, now: T('09:00') });
  b.start(T('09:00'));
  return b;
}

describe('tenant board', () => {
  it('scheduled Open: Open → IN; Break → OUT_OPEN, SEVERE at out start + 300 s without a new event', () => {
    const b = board();
    const [inOpen] = b.applyState(state('5001', 'AVAIL', '09:01'), T('09:01'));
    expect(inOpen).toMatchObject({ state: 'IN', stateSince: T('09:01'), scheduled: { activityCodeId: 'open', name: 'Open', start: T('09:00'), end: T('12:00') }, next: { activityCodeId: 'break', at: T('12:00') } });
    const [out] = b.applyState(state('5001', 'AUX', '10:00', 'BRK'), T('10:00'));
    expect(out).toMatchObject({ state: 'OUT_OPEN', outSince: T('10:00'), severeAt: T('10:05'), stateSince: T('10:00') });
    expect(b.nextWake()).toBe(T('10:05'));
    expect(b.due(T('10:04'))).toEqual([]);
    const [severe] = b.due(T('10:05'));
    expect(severe).toMatchObject({ state: 'SEVERE', stateSince: T('10:05'), outSince: T('10:00'), severeAt: T('10:05') });
    expect(severe!.seq).toBe(out!.seq + 1);
  });

  it('wakes at a schedule boundary and starts the new state there', () => {
    const b = board();
    b.applyState(state('5001', 'AVAIL', '09:01'), T('09:01'));
    const [atBreak] = b.due(T('12:00'));
    expect(atBreak).toMatchObject({ state: 'OUT', stateSince: T('12:00'), scheduled: { activityCodeId: 'break' }, outSince: T('12:00') });
  });

  it('an agent without any event reads as Logoff: scheduled Open makes it OUT_OPEN from the segment start', () => {
    expect(board().entry('ann')).toMatchObject({ state: 'OUT_OPEN', outSince: T('09:00'), severeAt: T('09:05'), actual: { activityCodeId: LOGOFF_CODE_ID, name: 'Logoff', since: null } });
  });

  it('publishes nothing when nothing visible changed, and seq rises strictly', () => {
    const b = board();
    const seqs: number[] = [];
    for (const e of b.applyState(state('5001', 'AVAIL', '09:01'), T('09:01'))) seqs.push(e.seq);
    expect(b.applyState(state('5001', 'AVAIL', '09:01'), T('09:02'))).toEqual([]);
    for (const e of b.applyState(state('5001', 'AUX', '09:03', 'BRK'), T('09:03'))) seqs.push(e.seq);
    for (const e of b.applyState(state('5001', 'AVAIL', '09:04'), T('09:04'))) seqs.push(e.seq);
    expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2]);
    expect(b.seq).toBe(seqs[2]);
  });

  it('an older state leaves the board unchanged; several logins take the newest', () => {
    const b = board([employee('ann', ['5001', '5002'])]);
    b.applyState(state('5001', 'AUX', '09:10', 'BRK'), T('09:10'));
    const before = b.entry('ann');
    expect(b.applyState(state('5002', 'AVAIL', '09:05'), T('09:11'))).toEqual([]);
    expect(b.entry('ann')).toBe(before);
    const [newer] = b.applyState(state('5002', 'AVAIL', '09:12'), T('09:12'));
    expect(newer).toMatchObject({ state: 'IN', actual: { activityCodeId: 'open', eventCode: 'AVAIL', since: T('09:12') } });
  });

  it('not calculated: no login, unmapped event, no schedule; a covered day off is not NO_SCHEDULE', () => {
    const dayOff: PublishedSchedule = { segments: [], coveredDates: new Set(['2026-03-02']) };
    const b = board(
      [employee('ann', ['5001']), employee('bob', []), employee('cy', ['5003']), employee('di', ['5004'])],
      new Map([['ann', openDay], ['bob', openDay], ['cy', dayOff]]),
    );
    b.applyState(state('5001', 'WEIRD', '09:01'), T('09:01'));
    b.applyState(state('5003', 'AVAIL', '09:01'), T('09:01'));
    b.applyState(state('5004', 'AVAIL', '09:01'), T('09:01'));
    expect(b.entry('ann')).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'EVENT_UNMAPPED', actual: { activityCodeId: null, name: 'Unmapped', eventCode: 'WEIRD' } });
    expect(b.entry('bob')).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'NO_ACD_LOGIN' });
    expect(b.entry('cy')).toMatchObject({ state: 'UNSCHEDULED', notCalculatedReason: null, scheduled: null, next: null });
    expect(b.entry('di')).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'NO_SCHEDULE' });
  });

  it('the feed is down only when every connection is DISCONNECTED; none at all is not down', () => {
    const b = board(undefined, undefined, new Map([['c1', 'CONNECTED'], ['c2', 'DISCONNECTED']]));
    b.applyState(state('5001', 'AVAIL', '09:01'), T('09:01'));
    expect(b.entry('ann')?.state).toBe('IN');
    const [down] = b.setConnection('c1', 'DISCONNECTED', T('09:02'));
    expect(down).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'FEED_DOWN', stateSince: T('09:02') });
    expect(b.setConnection('c1', 'DISCONNECTED', T('09:03'))).toEqual([]);
    expect(board().entry('ann')?.notCalculatedReason).not.toBe('FEED_DOWN');
  });

  it('wakes at the SU-local midnight: the next, uncovered date is NO_SCHEDULE', () => {
    const b = board([employee('ann', ['5001'])], new Map([['ann', { segments: [], coveredDates: new Set(['2026-03-02']) }]]));
    b.applyState(state('5001', 'LOGIN', '22:00'), T('22:00'));
    expect(b.entry('ann')?.state).toBe('IN');
    expect(b.nextWake()).toBe(Date.parse('2026-03-03T00:00:00Z'));
    const [next] = b.due(Date.parse('2026-03-03T00:00:00Z'));
    expect(next).toMatchObject({ state: 'NOT_CALCULATED', notCalculatedReason: 'NO_SCHEDULE', stateSince: Date.parse('2026-03-03T00:00:00Z') });
  });

  it('a setup change re-maps and re-rules every agent at once', () => {
    const b = board();
    b.applyState(state('5001', 'AVAIL', '09:01'), T('09:01'));
    const [atBreak] = b.due(T('12:00'));
    expect(atBreak?.state).toBe('OUT');
    const [neutral] = b.replaceSetup(setup([employee('ann', ['5001'])], [{ scheduled: { activityCodeId: 'break' }, actual: { activityCodeId: 'open' }, adherence: 'NEUTRAL' }]), T('12:01'));
    expect(neutral).toMatchObject({ state: 'NEUTRAL', stateSince: T('12:01'), outSince: null, severeAt: null });
  });

  it('wire form round-trips and entries compare by content', () => {
    const b = board();
    b.applyState(state('5001', 'AVAIL', '09:01'), T('09:01'));
    const [e] = b.applyState(state('5001', 'AUX', '09:30', 'BRK'), T('09:30'));
    const wire = toWireAgent(e!);
    expect(wire).toMatchObject({ stateSince: '2026-03-02T09:30:00.000Z', severeAt: '2026-03-02T09:35:00.000Z', actual: { since: '2026-03-02T09:30:00.000Z' } });
    expect(fromWireAgent(wire)).toEqual(e);
    expect(sameEntry(e!, { ...e!, seq: 99 })).toBe(true);
    expect(sameEntry(e!, { ...e!, next: null })).toBe(false);
  });
});
