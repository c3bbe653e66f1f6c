// Local calendar helpers in the scheduling unit's zone (luxon): generated shifts are laid out in
// wall-clock time and stored as UTC instants.
import { DateTime } from 'luxon';

/**
 * The UTC instant of `minutes` after local midnight of `date` in `zone` (wall clock, so a shift at
 * 07:00 stays at 07:00 across DST changes).
 *
 * @example
 * localInstant('2026-03-02', 7 * 60, 'Europe/Paris'); // Date.parse('2026-03-02T06:00:00Z')
 */
export function localInstant(date: string, minutes: number, zone: string): number {
  const day = DateTime.fromISO(date, { zone });
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** The local date (`YYYY-MM-DD`) of an instant. @example localDate(Date.parse('2026-03-01T23:30:00Z'), 'Europe/Paris') // '2026-03-02' */
export function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() as string;
}

/** ISO weekday 1 (Monday) … 7 of a date. @example isoWeekdayOf('2026-03-02') // 1 */
export function isoWeekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/** ISO week number of a date, to rotate shifts weekly. @example isoWeekOf('2026-03-02') // 10 */
export function isoWeekOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekNumber;
}

/** `date` plus `days`. @example plusDays('2026-03-02', -1) // '2026-03-01' */
export function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Dates from `from` to `to`, inclusive. @example datesBetween('2026-03-01', '2026-03-03').length // 3 */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = plusDays(d, 1)) out.push(d);
  return out;
}

/** Start and end (exclusive) of a local day, as UTC instants (23 or 25 h on DST days). */
export function localDayBounds(date: string, zone: string): { start: number; end: number } {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}
