// Scheduled and staffed open seconds per interval for one skill (spec §4.2). Scheduled: the flattened
// published schedules of schedulable employees holding the skill. Staffed: their actual timelines
// (§3.1), read through the ingest module's timeline reads; a multi-skill agent counts fully for each
// skill held.
import type { Queryable } from '../../../platform/db/db.js';
import { readTimelineActivities, readTimelineStates } from '../../wfm-ingest/timeline-reads.js';
import { buildActualTimeline } from '../adherence/actual-timeline.js';
import { reportsByEmployee, statesByEmployee } from '../adherence/by-employee.js';
import { loadPublishedSchedules } from '../schedules/published-schedule.js';
import { addDays } from '../forecast/series.js';
import { createLoginIndex, type EmployeeSetup, type TenantSetup } from '../setup/tenant-setup.js';

/**
 * Seconds of open time each interval `[start, start + intervalMs)` holds, summed over segments.
 *
 * @example
 * openSecondsPerInterval([{ start: 0, end: 450_000, activityCodeId: 'open' }], () => true, [0], 900_000); // [450]
 */
export function openSecondsPerInterval(
  segments: readonly { start: number; end: number; activityCodeId: string }[],
  isOpen: (codeId: string) => boolean,
  starts: readonly number[],
  intervalMs: number,
): number[] {
  const out = starts.map(() => 0);
  const first = starts[0];
  if (first === undefined) return out;
  for (const s of segments) {
    if (!isOpen(s.activityCodeId)) continue;
    const from = Math.max(0, Math.floor((s.start - first) / intervalMs));
    for (let i = from; i < starts.length; i++) {
      const start = starts[i] as number;
      if (start >= s.end) break;
      const overlap = Math.min(s.end, start + intervalMs) - Math.max(s.start, start);
      if (overlap > 0) out[i] = (out[i] ?? 0) + overlap / 1000;
    }
  }
  return out;
}

const isOpenIn = (setup: TenantSetup) => (codeId: string) => setup.codes.get(codeId)?.open === true;

const holders = (setup: TenantSetup, skillId: string, schedulable: boolean): EmployeeSetup[] =>
  [...setup.employees.values()].filter((e) => !e.archived && e.active && e.skillIds.includes(skillId) && (!schedulable || e.canBeScheduled));

/**
 * Σ scheduled open seconds per interval over schedulable employees holding the skill.
 *
 * @example
 * await scheduledOpenSeconds(db, setup, skillId, '2026-03-02', starts, 900_000);
 */
export async function scheduledOpenSeconds(db: Queryable, setup: TenantSetup, skillId: string, date: string, starts: readonly number[], intervalMs: number): Promise<number[]> {
  const employees = holders(setup, skillId, true);
  const first = starts[0];
  if (employees.length === 0 || first === undefined) return starts.map(() => 0);
  // SU dates may differ from the skill's by a day either way; segments are cut to the range anyway.
  const schedules = await loadPublishedSchedules(db, setup, {
    employeeIds: employees.map((e) => e.id),
    fromMs: first,
    toMs: (starts.at(-1) as number) + intervalMs,
    fromDate: addDays(date, -1),
    toDate: addDays(date, 1),
  });
  const total = starts.map(() => 0);
  for (const schedule of schedules.values()) {
    openSecondsPerInterval(schedule.segments, isOpenIn(setup), starts, intervalMs).forEach((v, i) => (total[i] = (total[i] ?? 0) + v));
  }
  return total;
}

/**
 * Σ actual open seconds per interval up to `until` over employees holding the skill, from their
 * actual timelines (§3.1: report activities where they cover, agent states elsewhere, per the
 * tenant's adherence source; the state before the first interval included, so an agent open since
 * yesterday counts). Logins resolve tenant-wide, so a source-qualified entry of someone else wins.
 *
 * @example
 * await staffedOpenSeconds(db, setup, skillId, starts, 900_000, Date.now());
 */
export async function staffedOpenSeconds(db: Queryable, setup: TenantSetup, skillId: string, starts: readonly number[], intervalMs: number, until: number): Promise<number[]> {
  const employees = holders(setup, skillId, false);
  const first = starts[0];
  const end = Math.min(until, (starts.at(-1) ?? 0) + intervalMs);
  const logins = [...new Set(employees.flatMap((e) => e.logins.map((l) => l.loginId)))];
  if (logins.length === 0 || first === undefined || end <= first) return starts.map(() => 0);
  const [states, activities] = await Promise.all([
    readTimelineStates(db, setup.tenantId, logins, first, end),
    setup.adherenceSource === 'STATES_ONLY' ? Promise.resolve([]) : readTimelineActivities(db, setup.tenantId, logins, first, end),
  ]);
  const wanted = new Set(employees.map((e) => e.id));
  const index = createLoginIndex(setup.employees);
  const statesOf = statesByEmployee(states, index, wanted);
  const reportsOf = reportsByEmployee(activities, index, wanted);
  const total = starts.map(() => 0);
  for (const id of new Set([...statesOf.keys(), ...reportsOf.keys()])) {
    const timeline = buildActualTimeline({ window: { start: first, end }, reports: reportsOf.get(id) ?? [], states: statesOf.get(id) ?? [], mappings: setup.mappings, source: setup.adherenceSource });
    openSecondsPerInterval(timeline, isOpenIn(setup), starts, intervalMs).forEach((v, i) => (total[i] = (total[i] ?? 0) + v));
  }
  return total;
}
