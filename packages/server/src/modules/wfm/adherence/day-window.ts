import { DateTime } from 'luxon';
import { shiftsOf } from '../schedules/flatten.js';
import type { ScheduleSegment, TimeSpan } from './model.js';

/**
 * The SU-local date (`YYYY-MM-DD`) holding instant `ms`.
 * @example localDateOf(Date.parse('2026-03-02T23:30:00Z'), 'Europe/Paris') === '2026-03-03'
 */
export function localDateOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() as string;
}

/**
 * The instant of local midnight starting `date` in `zone` (luxon moves a skipped midnight forward).
 * @example localMidnight('2026-03-02', 'UTC') === Date.parse('2026-03-02T00:00:00Z')
 */
export function localMidnight(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).startOf('day').toMillis();
}

/**
 * `date` plus `days` calendar days.
 * @example addDays('2026-03-01', -1) === '2026-02-28'
 */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/**
 * Every date from `from` to `to`, inclusive.
 * @example datesBetween('2026-03-01', '2026-03-03') // → ['2026-03-01', '2026-03-02', '2026-03-03']
 */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Agent day window (§3.2): the SU-local calendar day `date`, extended to the end of any shift
 * starting on `date` and beginning after the end of a shift that started the day before. Windows
 * of consecutive days tile time exactly. `segments` must hold the flattened schedule around the day
 * (at least from the previous local day to the end of the day's shifts).
 * @example agentDayWindow('2026-03-02', 'UTC', [{ start: Date.parse('2026-03-02T22:00:00Z'), end: Date.parse('2026-03-03T06:00:00Z'), activityCodeId: open }])
 *   // → { start: 2026-03-02T00:00Z, end: 2026-03-03T06:00Z }
 */
export function agentDayWindow(date: string, zone: string, segments: readonly ScheduleSegment[]): TimeSpan {
  const dayStart = localMidnight(date, zone);
  const dayEnd = localMidnight(addDays(date, 1), zone);
  const previousStart = localMidnight(addDays(date, -1), zone);
  let start = dayStart;
  let end = dayEnd;
  for (const shift of shiftsOf(segments)) {
    if (shift.start >= previousStart && shift.start < dayStart) start = Math.max(start, shift.end);
    if (shift.start >= dayStart && shift.start < dayEnd) end = Math.max(end, shift.end);
  }
  return { start, end };
}
