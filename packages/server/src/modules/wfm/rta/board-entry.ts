import type { RtaAgent } from '@floorplan/contracts';
import { DEFAULT_SU_THRESHOLDS, LOGOFF_CODE_ID, UNMAPPED, type ScheduleSegment } from '../adherence/model.js';
import { evaluateRtaState, type NotCalculatedReason, type RtaState } from '../adherence/rules.js';
import type { PublishedSchedule } from '../schedules/published-schedule.js';
import type { EmployeeSetup, TenantSetup } from '../setup/tenant-setup.js';

/** An agent's latest ACD state, mapped (§1.6); `activityCodeId` may be {@link UNMAPPED}. */
export interface AgentActual {
  readonly activityCodeId: string;
  readonly eventCode: string;
  readonly reasonCode: string;
  readonly since: number;
}

/** A board entry (§2.3) with instants as epoch ms; {@link toWireAgent} gives the wire form. */
export interface BoardEntry {
  readonly employeeId: string;
  readonly name: string;
  readonly schedulingUnitId: string;
  readonly skillIds: readonly string[];
  readonly actual: { readonly activityCodeId: string | null; readonly name: string; readonly eventCode: string; readonly reasonCode: string; readonly since: number | null };
  readonly scheduled: { readonly activityCodeId: string; readonly name: string; readonly start: number; readonly end: number } | null;
  readonly next: { readonly activityCodeId: string | null; readonly at: number } | null;
  readonly state: RtaState;
  readonly notCalculatedReason: NotCalculatedReason | null;
  readonly stateSince: number;
  readonly outSince: number | null;
  readonly severeAt: number | null;
  readonly seq: number;
}

/** What one evaluation of an agent reads besides the tenant setup. */
export interface AgentInput {
  readonly employee: EmployeeSetup;
  readonly actual: AgentActual | null;
  readonly schedule: PublishedSchedule | undefined;
  /** The agent's SU-local date at `now` and the next local midnight (coverage changes there). */
  readonly localDate: string;
  readonly nextMidnight: number;
  readonly feedDown: boolean;
}

/** Display name of an unmapped actual (its code id is `null` on the wire). */
export const UNMAPPED_NAME = 'Unmapped';

const OUT_STATES: ReadonlySet<RtaState> = new Set(['OUT', 'OUT_OPEN', 'SEVERE']);

/**
 * Evaluates one agent at `now` (§2.2) into its board entry (seq unchanged: the caller numbers
 * changes) and the next instant its entry can change without new input: a schedule boundary, the
 * alarm, or the SU-local midnight. `changeAt` is when the triggering change happened (an event's
 * time, a boundary); a new state starts then, SEVERE at `severeAt`.
 * @example const { entry, wakeAt } = evaluateAgent(setup, input, now, now, previous);
 */
export function evaluateAgent(
  setup: TenantSetup,
  input: AgentInput,
  now: number,
  changeAt: number,
  previous: BoardEntry | undefined,
): { entry: BoardEntry; wakeAt: number | null } {
  const { employee, actual } = input;
  const segments = input.schedule?.segments ?? [];
  const wasOut = previous !== undefined && OUT_STATES.has(previous.state) ? previous.outSince : null;
  const result = evaluateRtaState({
    now,
    hasAcdLogin: employee.logins.length > 0,
    connectionStatus: input.feedDown ? 'DISCONNECTED' : 'CONNECTED',
    actual: actual === null ? null : { activityCodeId: actual.activityCodeId, since: actual.since },
    scheduleCovered: input.schedule?.coveredDates.has(input.localDate) ?? false,
    segments,
    codes: setup.codes,
    rules: setup.rules,
    thresholds: setup.schedulingUnits.get(employee.schedulingUnitId)?.thresholds ?? DEFAULT_SU_THRESHOLDS,
    previousOutSince: wasOut,
  });
  const { current, next } = scheduleAround(segments, now);
  const severeAt = result.severeAt ?? null;
  const stateSince =
    previous !== undefined && previous.state === result.state
      ? previous.stateSince
      : result.state === 'SEVERE' && severeAt !== null
        ? severeAt
        : Math.max(changeAt, previous?.stateSince ?? changeAt);
  const entry: BoardEntry = {
    employeeId: employee.id,
    name: employee.name,
    schedulingUnitId: employee.schedulingUnitId,
    skillIds: employee.skillIds,
    actual: actualView(setup, actual),
    scheduled: current === undefined ? null : { activityCodeId: current.activityCodeId, name: codeName(setup, current.activityCodeId), start: current.start, end: current.end },
    next,
    state: result.state,
    notCalculatedReason: result.state === 'NOT_CALCULATED' ? (result.reason as NotCalculatedReason) : null,
    stateSince,
    outSince: result.outSince ?? null,
    severeAt,
    seq: previous?.seq ?? 0,
  };
  const candidates = [next?.at, input.nextMidnight, severeAt !== null && severeAt > now ? severeAt : undefined];
  const wakeAt = candidates.reduce<number | null>((min, t) => (t === undefined || t <= now || (min !== null && min <= t) ? min : t), null);
  return { entry, wakeAt };
}

/** The segment covering `now` and the next boundary: its end (and what follows), or the next start. */
export function scheduleAround(segments: readonly ScheduleSegment[], now: number): { current: ScheduleSegment | undefined; next: BoardEntry['next'] } {
  const current = segments.find((s) => s.start <= now && now < s.end);
  if (current !== undefined) {
    const following = segments.find((s) => s.start === current.end);
    return { current, next: { activityCodeId: following?.activityCodeId ?? null, at: current.end } };
  }
  const upcoming = segments.find((s) => s.start > now);
  return { current, next: upcoming === undefined ? null : { activityCodeId: upcoming.activityCodeId, at: upcoming.start } };
}

/**
 * Whether two entries differ in anything a viewer sees (everything but `seq`).
 * @example sameEntry(a, { ...a, seq: a.seq + 1 }) === true
 */
export function sameEntry(a: BoardEntry, b: BoardEntry): boolean {
  return (
    a.state === b.state &&
    a.notCalculatedReason === b.notCalculatedReason &&
    a.stateSince === b.stateSince &&
    a.outSince === b.outSince &&
    a.severeAt === b.severeAt &&
    a.name === b.name &&
    a.schedulingUnitId === b.schedulingUnitId &&
    a.skillIds.length === b.skillIds.length &&
    a.skillIds.every((s, i) => b.skillIds[i] === s) &&
    a.actual.activityCodeId === b.actual.activityCodeId &&
    a.actual.name === b.actual.name &&
    a.actual.eventCode === b.actual.eventCode &&
    a.actual.reasonCode === b.actual.reasonCode &&
    a.actual.since === b.actual.since &&
    sameScheduled(a.scheduled, b.scheduled) &&
    (a.next === null ? b.next === null : b.next !== null && a.next.at === b.next.at && a.next.activityCodeId === b.next.activityCodeId)
  );
}

function sameScheduled(a: BoardEntry['scheduled'], b: BoardEntry['scheduled']): boolean {
  if (a === null || b === null) return a === b;
  return a.activityCodeId === b.activityCodeId && a.name === b.name && a.start === b.start && a.end === b.end;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/**
 * The wire form of an entry (§2.3): instants as UTC ISO-8601.
 * @example toWireAgent(entry).stateSince === '2026-03-02T09:00:00.000Z'
 */
export function toWireAgent(e: BoardEntry): RtaAgent {
  return {
    employeeId: e.employeeId,
    name: e.name,
    schedulingUnitId: e.schedulingUnitId,
    skillIds: [...e.skillIds],
    actual: { ...e.actual, since: isoOrNull(e.actual.since) },
    scheduled: e.scheduled === null ? null : { ...e.scheduled, start: iso(e.scheduled.start), end: iso(e.scheduled.end) },
    next: e.next === null ? null : { activityCodeId: e.next.activityCodeId, at: iso(e.next.at) },
    state: e.state,
    notCalculatedReason: e.notCalculatedReason,
    stateSince: iso(e.stateSince),
    outSince: isoOrNull(e.outSince),
    severeAt: isoOrNull(e.severeAt),
    seq: e.seq,
  };
}

/**
 * The inverse of {@link toWireAgent}, for entries read back from `rta_agent_current`.
 * @example fromWireAgent(toWireAgent(entry)) // deep-equals entry
 */
export function fromWireAgent(a: RtaAgent): BoardEntry {
  const ms = (s: string) => Date.parse(s);
  const msOrNull = (s: string | null) => (s === null ? null : ms(s));
  return {
    ...a,
    actual: { ...a.actual, since: msOrNull(a.actual.since) },
    scheduled: a.scheduled === null ? null : { ...a.scheduled, start: ms(a.scheduled.start), end: ms(a.scheduled.end) },
    next: a.next === null ? null : { activityCodeId: a.next.activityCodeId, at: ms(a.next.at) },
    stateSince: ms(a.stateSince),
    outSince: msOrNull(a.outSince),
    severeAt: msOrNull(a.severeAt),
  };
}

function codeName(setup: TenantSetup, id: string): string {
  return setup.codes.get(id)?.name ?? id;
}

function actualView(setup: TenantSetup, actual: AgentActual | null): BoardEntry['actual'] {
  if (actual === null) return { activityCodeId: LOGOFF_CODE_ID, name: codeName(setup, LOGOFF_CODE_ID), eventCode: '', reasonCode: '', since: null };
  const unmapped = actual.activityCodeId === UNMAPPED;
  return {
    activityCodeId: unmapped ? null : actual.activityCodeId,
    name: unmapped ? UNMAPPED_NAME : codeName(setup, actual.activityCodeId),
    eventCode: actual.eventCode,
    reasonCode: actual.reasonCode,
    since: actual.since,
  };
}
