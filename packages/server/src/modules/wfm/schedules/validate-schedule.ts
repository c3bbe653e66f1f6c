import type { ScheduleIssue } from '@floorplan/contracts';
import type { TenantSetup } from '../setup/tenant-setup.js';
import { flattenSegments, shiftsOf } from './flatten.js';
import { localDateOf, parseScheduleTime } from './local-time.js';
import { isOutsideOperatingHours, type OperatingHours } from './operating-hours.js';
import type { ScheduleRow } from './schedule-rows.js';

/** A validated segment, resolved to ids and epoch ms, dated by its shift (§1.8). */
export interface ResolvedSegment {
  readonly employeeId: string;
  readonly activityCodeId: string;
  readonly start: number;
  readonly end: number;
  /** SU-local date of the start of the shift holding the segment. */
  readonly date: string;
}

/** The employee-dates a publication replaces. */
export interface ResolvedCoverage {
  readonly employeeIds: readonly string[];
  readonly fromDate: string;
  readonly toDate: string;
}

export interface ScheduleValidation {
  readonly segments: ResolvedSegment[];
  readonly errors: ScheduleIssue[];
  readonly warnings: ScheduleIssue[];
}

const MAX_SEGMENT_MS = 86_400_000;

interface Candidate extends ResolvedSegment {
  readonly path: string;
  readonly priority: number;
}

/**
 * Validates schedule rows against the setup and the coverage (§1.8): employee (id or email) known,
 * not archived, schedulable and covered; code (id or name) known, not archived, schedulable and not
 * Login/Logoff; times parse in the employee's SU zone, `start < end`, whole minutes, at most 24 h;
 * no overlap of equal priority for one employee; every segment's shift dated inside the coverage.
 * Segments outside the SU's operating hours are warnings. Errors come in row order.
 * @example const { errors } = validateSchedule(setup, rows, { employeeIds: [ann], fromDate: '2026-03-02', toDate: '2026-03-02' }, new Map());
 */
export function validateSchedule(
  setup: TenantSetup,
  rows: readonly ScheduleRow[],
  coverage: ResolvedCoverage,
  operatingHours: ReadonlyMap<string, OperatingHours>,
): ScheduleValidation {
  const byEmail = new Map([...setup.employees.values()].map((e) => [e.email.toLowerCase(), e]));
  const byCodeName = new Map([...setup.codeSetups.values()].map((c) => [c.name.toLowerCase(), c]));
  const covered = new Set(coverage.employeeIds);
  const errors = new Map<string, string[]>();
  const warnings: ScheduleIssue[] = [];
  const fail = (path: string, message: string) => {
    const list = errors.get(path);
    if (list === undefined) errors.set(path, [message]);
    else list.push(message);
  };
  const candidates: Candidate[] = [];

  for (const row of rows) {
    const employee = setup.employees.get(row.employee) ?? byEmail.get(row.employee.toLowerCase());
    const code = setup.codeSetups.get(row.activityCode) ?? byCodeName.get(row.activityCode.toLowerCase());
    let ok = true;
    if (employee === undefined) {
      fail(row.path, `employee "${row.employee}" does not exist`);
      ok = false;
    } else if (employee.archived) {
      fail(row.path, `employee "${row.employee}" is archived`);
      ok = false;
    } else if (!employee.canBeScheduled) {
      fail(row.path, `employee "${row.employee}" cannot be scheduled (canBeScheduled is false)`);
      ok = false;
    } else if (!covered.has(employee.id)) {
      fail(row.path, `employee "${row.employee}" is not in the coverage`);
      ok = false;
    }
    if (code === undefined) {
      fail(row.path, `activity code "${row.activityCode}" does not exist`);
      ok = false;
    } else if (code.builtin !== null) {
      fail(row.path, `activity code "${code.name}" is built in and cannot be scheduled`);
      ok = false;
    } else if (code.archived) {
      fail(row.path, `activity code "${code.name}" is archived`);
      ok = false;
    } else if (!code.schedulable) {
      fail(row.path, `activity code "${code.name}" is not schedulable`);
      ok = false;
    }
    if (employee === undefined || code === undefined) continue;
    const zone = setup.schedulingUnits.get(employee.schedulingUnitId)?.timeZone ?? 'UTC';
    const start = parseScheduleTime(row.start, zone);
    const end = parseScheduleTime(row.end, zone);
    if (!start.ok) fail(row.path, `start: ${start.message}`);
    if (!end.ok) fail(row.path, `end: ${end.message}`);
    if (!start.ok || !end.ok) continue;
    if (start.ms % 60_000 !== 0 || end.ms % 60_000 !== 0) {
      fail(row.path, 'start and end must be whole minutes');
      ok = false;
    }
    if (start.ms >= end.ms) {
      fail(row.path, 'start must be before end');
      ok = false;
    } else if (end.ms - start.ms > MAX_SEGMENT_MS) {
      fail(row.path, 'a segment lasts at most 24 hours');
      ok = false;
    }
    if (!ok) continue;
    candidates.push({ path: row.path, employeeId: employee.id, activityCodeId: code.id, start: start.ms, end: end.ms, priority: code.priority, date: '' });
    const hours = operatingHours.get(employee.schedulingUnitId);
    if (hours !== undefined && isOutsideOperatingHours(start.ms, end.ms, hours, zone)) {
      warnings.push({ path: row.path, message: 'outside the operating hours of the scheduling unit' });
    }
  }

  const segments: ResolvedSegment[] = [];
  for (const [employeeId, list] of groupByEmployee(candidates)) {
    const zone = setup.schedulingUnits.get(setup.employees.get(employeeId)?.schedulingUnitId ?? '')?.timeZone ?? 'UTC';
    const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    const clean: Candidate[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const s = sorted[i] as Candidate;
      let overlapping = false;
      for (let j = 0; j < i; j++) {
        const o = sorted[j] as Candidate;
        if (o.end > s.start && o.priority === s.priority) {
          fail(s.path, `overlaps ${o.path} with the same priority (${s.priority})`);
          overlapping = true;
        }
      }
      if (!overlapping) clean.push(s);
    }
    const shifts = shiftsOf(flattenSegments(clean));
    for (const s of clean) {
      const shift = shifts.find((x) => x.start <= s.start && s.start < x.end);
      const date = localDateOf(shift?.start ?? s.start, zone);
      if (date < coverage.fromDate || date > coverage.toDate) {
        fail(s.path, `belongs to a shift of ${date}, outside the coverage ${coverage.fromDate}..${coverage.toDate}`);
        continue;
      }
      segments.push({ employeeId: s.employeeId, activityCodeId: s.activityCodeId, start: s.start, end: s.end, date });
    }
  }

  const order = new Map(rows.map((r, i) => [r.path, i]));
  const errorList = [...errors.entries()]
    .sort((a, b) => (order.get(a[0]) ?? -1) - (order.get(b[0]) ?? -1))
    .flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
  return { segments: errorList.length > 0 ? [] : segments.sort((a, b) => a.employeeId.localeCompare(b.employeeId) || a.start - b.start), errors: errorList, warnings };
}

function groupByEmployee(list: readonly Candidate[]): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  for (const c of list) {
    const group = out.get(c.employeeId);
    if (group === undefined) out.set(c.employeeId, [c]);
    else group.push(c);
  }
  return out;
}
