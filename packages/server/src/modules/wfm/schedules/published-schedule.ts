import type { Queryable } from '../../../platform/db/db.js';
import type { ScheduleSegment } from '../adherence/model.js';
import type { TenantSetup } from '../setup/tenant-setup.js';
import { flattenSegments } from './flatten.js';

/** One employee's latest published schedule over a range: flattened segments and covered dates. */
export interface PublishedSchedule {
  /** Flattened (§1.8), ascending, every segment overlapping the asked range. */
  readonly segments: readonly ScheduleSegment[];
  /** SU-local dates (`YYYY-MM-DD`) a publication covers; covered without segments = day off. */
  readonly coveredDates: ReadonlySet<string>;
}

const EMPTY: PublishedSchedule = { segments: [], coveredDates: new Set() };

/**
 * Reads the latest published schedules (§1.8) of some or all employees, segments overlapping
 * `[fromMs, toMs)` and covered dates in `[fromDate, toDate]`. Employees with `canBeScheduled =
 * false` count as covered every date with no segments. A whole tenant is two set-wise queries.
 * @example const byEmployee = await loadPublishedSchedules(db, setup, { employeeIds: [id], fromMs, toMs, fromDate, toDate });
 */
export async function loadPublishedSchedules(
  db: Queryable,
  setup: TenantSetup,
  range: { employeeIds?: readonly string[]; fromMs: number; toMs: number; fromDate: string; toDate: string },
): Promise<Map<string, PublishedSchedule>> {
  const ids = range.employeeIds === undefined ? null : [...range.employeeIds];
  const [segments, days] = await Promise.all([
    db.query<{ employee_id: string; activity_code_id: string; start_at: Date; end_at: Date }>(
      `SELECT employee_id, activity_code_id, start_at, end_at FROM schedule_segment
        WHERE tenant_id = $1 AND valid_to_version IS NULL AND start_at < $3 AND end_at > $2
          AND ($4::uuid[] IS NULL OR employee_id = ANY($4::uuid[]))
        ORDER BY employee_id, start_at`,
      [setup.tenantId, new Date(range.fromMs), new Date(range.toMs), ids],
    ),
    db.query<{ employee_id: string; date: string }>(
      `SELECT employee_id, to_char(date, 'YYYY-MM-DD') AS date FROM schedule_day
        WHERE tenant_id = $1 AND valid_to_version IS NULL AND date BETWEEN $2::date AND $3::date
          AND ($4::uuid[] IS NULL OR employee_id = ANY($4::uuid[]))`,
      [setup.tenantId, range.fromDate, range.toDate, ids],
    ),
  ]);

  const raw = new Map<string, { start: number; end: number; activityCodeId: string; priority: number }[]>();
  for (const r of segments.rows) {
    const list = raw.get(r.employee_id) ?? [];
    const priority = setup.codeSetups.get(r.activity_code_id)?.priority ?? 10;
    list.push({ start: new Date(r.start_at).getTime(), end: new Date(r.end_at).getTime(), activityCodeId: r.activity_code_id, priority });
    raw.set(r.employee_id, list);
  }
  const covered = new Map<string, Set<string>>();
  for (const r of days.rows) {
    const set = covered.get(r.employee_id) ?? new Set<string>();
    set.add(r.date);
    covered.set(r.employee_id, set);
  }

  const out = new Map<string, PublishedSchedule>();
  for (const id of ids ?? setup.employees.keys()) {
    const employee = setup.employees.get(id);
    if (employee === undefined) continue;
    if (!employee.canBeScheduled) {
      out.set(id, { segments: [], coveredDates: allDates(range.fromDate, range.toDate) });
      continue;
    }
    const segs = raw.get(id);
    out.set(id, segs === undefined && !covered.has(id) ? EMPTY : { segments: flattenSegments(segs ?? []), coveredDates: covered.get(id) ?? new Set() });
  }
  return out;
}

function allDates(from: string, to: string): Set<string> {
  const out = new Set<string>();
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.add(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
