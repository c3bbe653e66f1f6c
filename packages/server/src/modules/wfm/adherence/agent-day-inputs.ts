import type { Queryable } from '../../../platform/db/db.js';
import { readTimelineActivities, readTimelineStates } from '../../wfm-ingest/timeline-reads.js';
import { loadPublishedSchedules } from '../schedules/published-schedule.js';
import { createLoginIndex, type TenantSetup } from '../setup/tenant-setup.js';
import type { AgentState } from './actual-timeline.js';
import type { AgentDayInput, AgentDaySetup } from './agent-day.js';
import { reportsByEmployee, statesByEmployee } from './by-employee.js';
import { addDays, agentDayWindow, datesBetween } from './day-window.js';
import { DEFAULT_SU_THRESHOLDS, type NeutralPeriod, type TimeSpan } from './model.js';

/**
 * The tenant-wide part of the agent-day inputs.
 * @example const daySetup = agentDaySetupOf(await loadTenantSetup(db, tenantId));
 */
export function agentDaySetupOf(setup: TenantSetup): AgentDaySetup {
  return { codes: setup.codes, mappings: setup.mappings, rules: setup.rules, intervalMs: setup.intervalMs, source: setup.adherenceSource };
}

/**
 * Reads every input of `employeeIds` × SU-local dates `[fromDate, toDate]` set-wise (schedules,
 * states with the last one before the range, report activities, neutral periods: a handful of
 * queries for any number of agents) and cuts them per agent-day (§3.2). Unknown ids are skipped.
 * @example const inputs = await loadAgentDayInputs(db, setup, [ann], '2026-03-02', '2026-03-02', Date.now());
 */
export async function loadAgentDayInputs(
  db: Queryable,
  setup: TenantSetup,
  employeeIds: readonly string[],
  fromDate: string,
  toDate: string,
  now: number,
): Promise<AgentDayInput[]> {
  const employees = [...new Set(employeeIds)].flatMap((id) => {
    const e = setup.employees.get(id);
    return e === undefined ? [] : [e];
  });
  if (employees.length === 0) return [];
  const dates = datesBetween(fromDate, toDate);
  // Wide enough in every zone for the previous day's shifts and a shift running past the last day.
  const schedFrom = Date.parse(`${addDays(fromDate, -2)}T00:00:00Z`);
  const schedTo = Date.parse(`${addDays(toDate, 3)}T00:00:00Z`);
  const schedules = await loadPublishedSchedules(db, setup, { employeeIds: employees.map((e) => e.id), fromMs: schedFrom, toMs: schedTo, fromDate, toDate });

  const windows = new Map<string, TimeSpan>();
  let rangeStart = Number.POSITIVE_INFINITY;
  let rangeEnd = Number.NEGATIVE_INFINITY;
  for (const e of employees) {
    const zone = setup.schedulingUnits.get(e.schedulingUnitId)?.timeZone ?? 'UTC';
    const segments = schedules.get(e.id)?.segments ?? [];
    for (const date of dates) {
      const w = agentDayWindow(date, zone, segments);
      windows.set(`${e.id}|${date}`, w);
      rangeStart = Math.min(rangeStart, w.start);
      rangeEnd = Math.max(rangeEnd, w.end);
    }
  }

  const logins = [...new Set(employees.flatMap((e) => e.logins.map((l) => l.loginId)))];
  const [states, activities, neutral] = await Promise.all([
    readTimelineStates(db, setup.tenantId, logins, rangeStart, rangeEnd),
    setup.adherenceSource === 'STATES_ONLY' ? Promise.resolve([]) : readTimelineActivities(db, setup.tenantId, logins, rangeStart, rangeEnd),
    db.query<{ scheduling_unit_id: string | null; employee_ids: string[] | null; f: string; t: string }>(
      `SELECT scheduling_unit_id, employee_ids, (extract(epoch FROM from_at) * 1000)::bigint::text AS f, (extract(epoch FROM to_at) * 1000)::bigint::text AS t
         FROM neutral_period WHERE tenant_id = $1 AND from_at < $3 AND to_at > $2 ORDER BY from_at, id`,
      [setup.tenantId, new Date(rangeStart), new Date(rangeEnd)],
    ),
  ]);

  // Resolution uses the whole tenant's logins: a qualified entry of someone else must still win (§1.2).
  const index = createLoginIndex(setup.employees);
  const statesOf = statesByEmployee(states, index);
  const reportsOf = reportsByEmployee(activities, index);
  const neutralRows = neutral.rows.map((r) => ({ su: r.scheduling_unit_id, ids: r.employee_ids, start: Number(r.f), end: Number(r.t) }));

  const out: AgentDayInput[] = [];
  for (const e of employees) {
    const su = setup.schedulingUnits.get(e.schedulingUnitId);
    const schedule = schedules.get(e.id);
    const myStates: readonly AgentState[] = statesOf.get(e.id) ?? [];
    const myReports = reportsOf.get(e.id) ?? [];
    const myNeutral: NeutralPeriod[] = neutralRows
      .filter((n) => (n.su !== null ? n.su === e.schedulingUnitId : (n.ids ?? []).includes(e.id)))
      .map((n) => ({ start: n.start, end: n.end }));
    for (const date of dates) {
      const window = windows.get(`${e.id}|${date}`) as TimeSpan;
      const overlaps = (s: TimeSpan): boolean => s.start < window.end && s.end > window.start;
      out.push({
        employeeId: e.id,
        date,
        schedulingUnitId: e.schedulingUnitId,
        thresholds: su?.thresholds ?? DEFAULT_SU_THRESHOLDS,
        window,
        now,
        hasLogin: e.logins.length > 0,
        covered: schedule?.coveredDates.has(date) ?? false,
        segments: (schedule?.segments ?? []).filter(overlaps),
        states: statesInWindow(myStates, window),
        reports: myReports.filter((r) => r.start < window.end && r.start + r.durationMs > window.start),
        neutralPeriods: myNeutral.filter(overlaps),
      });
    }
  }
  return out;
}

/** The states inside the window plus the last one before it (what was going on at its start). */
function statesInWindow(sorted: readonly AgentState[], window: TimeSpan): AgentState[] {
  let first = sorted.findIndex((s) => s.time >= window.start);
  if (first === -1) first = sorted.length;
  let last = first;
  while (last < sorted.length && (sorted[last] as AgentState).time < window.end) last++;
  // Equal times before the window keep their order: the last of them is the one in force.
  return sorted.slice(Math.max(0, first - 1), last);
}
