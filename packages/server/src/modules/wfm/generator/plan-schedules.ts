// Weekly shift patterns: early, mid and late 8.5-hour shifts rotating weekly, two days off a week
// (most agents at the weekend), two 15-minute breaks, a 30-minute lunch, a weekly meeting and a
// fortnightly training, all on quarter hours of the scheduling unit's wall clock.
import { isoWeekOf, isoWeekdayOf, localInstant } from './local-time.js';
import type { PlannedEmployee } from './plan-setup.js';
import { intBetween, streamFor } from './seeds.js';

/** A planned segment: `code` is an activity code name, instants are epoch ms. */
export interface PlannedSegment {
  code: string;
  start: number;
  end: number;
}

/** One employee's local day: no segments is a day off. */
export interface PlannedDay {
  employeeIndex: number;
  date: string;
  segments: PlannedSegment[];
}

/** Shift starts in local minutes; every shift lasts 8 h 30 (lunch unpaid). */
const SHIFT_STARTS = [7 * 60, 9 * 60, 12 * 60 + 30] as const;
export const SHIFT_MINUTES = 8 * 60 + 30;
/** Days off by `index % 7`: five in seven agents rest at the weekend. */
const DAYS_OFF: readonly (readonly [number, number])[] = [[6, 7], [6, 7], [6, 7], [7, 1], [6, 7], [2, 3], [4, 5]];

/**
 * The planned day of `employee` on `date` in `zone` (whole minutes; overlays never overlap each
 * other, only the Open shift under them).
 *
 * @example
 * planDay(1, employee, '2026-03-02', 'Europe/Paris').segments[0]?.code; // 'Open'
 */
export function planDay(seed: number, employee: Pick<PlannedEmployee, 'index'>, date: string, zone: string): PlannedDay {
  const weekday = isoWeekdayOf(date);
  const off = DAYS_OFF[employee.index % DAYS_OFF.length]!;
  if (off.includes(weekday)) return { employeeIndex: employee.index, date, segments: [] };
  const week = isoWeekOf(date);
  const random = streamFor(seed, 'shift', employee.index, date);
  // A stable personal offset (0, 15 or 30 min) so not everyone starts on the hour.
  const personal = (employee.index * 7) % 3 * 15;
  const start = SHIFT_STARTS[(employee.index + week) % SHIFT_STARTS.length]! + personal;
  const end = start + SHIFT_MINUTES;
  const at = (minutes: number) => localInstant(date, minutes, zone);
  const seg = (code: string, from: number, minutes: number): PlannedSegment => ({ code, start: at(from), end: at(from + minutes) });

  const segments = [seg('Open', start, SHIFT_MINUTES)];
  const quarter = () => intBetween(random, -1, 1) * 15;
  segments.push(seg('Break', start + 120 + quarter(), 15));
  segments.push(seg('Lunch', start + 240 + quarter(), 30));
  segments.push(seg('Break', end - 120 + quarter(), 15));
  // Meeting on the employee's weekday (Mon–Fri), training every second week on the next one.
  if (weekday === (employee.index % 5) + 1) segments.push(seg('Meeting', start + 45, 45));
  if (week % 2 === employee.index % 2 && weekday === ((employee.index + 2) % 5) + 1) segments.push(seg('Training', start + 300, 60));
  return { employeeIndex: employee.index, date, segments: segments.sort((a, b) => a.start - b.start || a.end - b.end) };
}

/**
 * Every employee's planned days over `dates`.
 *
 * @example
 * planSchedules(1, setup.employees, ['2026-03-02'], 'Europe/Paris').length; // one per employee
 */
export function planSchedules(seed: number, employees: readonly Pick<PlannedEmployee, 'index'>[], dates: readonly string[], zone: string): PlannedDay[] {
  return employees.flatMap((e) => dates.map((d) => planDay(seed, e, d, zone)));
}
