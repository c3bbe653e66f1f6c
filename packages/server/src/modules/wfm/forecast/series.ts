// The forecasting input model (spec §5.1): one skill's values on local wall-clock slots, whole days
// from a local calendar date, and the special days that edit it. Dates here are plain calendar
// dates (`YYYY-MM-DD`), so this file needs no time-zone library; only `local-slots.ts` does.

/** Interval lengths the engine supports, in minutes. */
export type IntervalMinutes = 5 | 15 | 30 | 60;

/**
 * One skill's series on local wall-clock slots: slot `d·S1 + j` is slot `j` of the `d`-th day after
 * `startDate` in `zone`. `null` is a missing value (no report, or an excluded special day).
 */
export interface SkillSeries {
  intervalMinutes: IntervalMinutes;
  /** IANA time zone of the skill, e.g. `America/New_York`. */
  zone: string;
  /** Local date of the first slot's day, `YYYY-MM-DD`. */
  startDate: string;
  /** Whole days of slots, `S1` per day. */
  values: readonly (number | null)[];
}

/** A special day of one skill (the `skillIds | all` choice is resolved before it gets here). */
export interface SpecialDay {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  label: string;
  /** Whether the day is left out of history (made missing) for every method and back-test. Default `true`. */
  excludeFromHistory?: boolean;
  /** Multiplies that date's forecast. Default 1. */
  factor?: number;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `minutes` is an interval length the engine supports.
 *
 * @example
 * isIntervalMinutes(15); // true
 */
export function isIntervalMinutes(minutes: number): minutes is IntervalMinutes {
  return minutes === 5 || minutes === 15 || minutes === 30 || minutes === 60;
}

/**
 * Slots per day, `S1 = 1440 / I`.
 *
 * @example
 * slotsPerDay(15); // 96
 */
export function slotsPerDay(intervalMinutes: IntervalMinutes): number {
  if (!isIntervalMinutes(intervalMinutes)) throw new RangeError(`interval must be 5, 15, 30 or 60 minutes, got ${String(intervalMinutes)}`);
  return 1440 / intervalMinutes;
}

/**
 * Slots per week, `S2 = 7·S1`.
 *
 * @example
 * slotsPerWeek(15); // 672
 */
export function slotsPerWeek(intervalMinutes: IntervalMinutes): number {
  return 7 * slotsPerDay(intervalMinutes);
}

/**
 * Whole days in a series; throws when the values do not fill whole days.
 *
 * @example
 * dayCount({ intervalMinutes: 60, zone: 'UTC', startDate: '2024-01-01', values: new Array(48).fill(0) }); // 2
 */
export function dayCount(series: SkillSeries): number {
  const s1 = slotsPerDay(series.intervalMinutes);
  if (series.values.length % s1 !== 0) throw new RangeError(`series has ${series.values.length} slots, not a whole number of ${s1}-slot days`);
  return series.values.length / s1;
}

function dayNumber(date: string): number {
  const m = DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return ms / DAY_MS;
}

/**
 * The calendar date `days` after `date`.
 *
 * @example
 * addDays('2024-02-28', 2); // '2024-03-01'
 */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @example
 * daysBetween('2024-03-01', '2024-03-15'); // 14
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * ISO weekday of a calendar date, Monday 1 … Sunday 7.
 *
 * @example
 * isoWeekday('2024-01-01'); // 1
 */
export function isoWeekday(date: string): number {
  // Day 0 of the epoch, 1970-01-01, was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/**
 * The series with every day marked `excludeFromHistory` (the default) made missing, so no method
 * and no back-test learns from it.
 *
 * @example
 * excludeSpecialDays(series, [{ date: '2024-12-25', label: 'Christmas' }]);
 */
export function excludeSpecialDays(series: SkillSeries, specialDays: readonly SpecialDay[]): SkillSeries {
  const s1 = slotsPerDay(series.intervalMinutes);
  const days = dayCount(series);
  const values = series.values.slice();
  for (const special of specialDays) {
    if (special.excludeFromHistory === false) continue;
    const d = daysBetween(series.startDate, special.date);
    if (d < 0 || d >= days) continue;
    values.fill(null, d * s1, (d + 1) * s1);
  }
  return { ...series, values };
}

/**
 * The series with each special day's slots multiplied by its `factor` (default 1); missing stays missing.
 *
 * @example
 * applyDayFactors(forecast, [{ date: '2024-12-24', label: 'Christmas Eve', factor: 0.6 }]);
 */
export function applyDayFactors(series: SkillSeries, specialDays: readonly SpecialDay[]): SkillSeries {
  const s1 = slotsPerDay(series.intervalMinutes);
  const days = dayCount(series);
  const values = series.values.slice();
  for (const special of specialDays) {
    const factor = special.factor ?? 1;
    if (!(factor >= 0) || !Number.isFinite(factor)) throw new RangeError(`special day ${special.date}: factor must be a finite number ≥ 0`);
    const d = daysBetween(series.startDate, special.date);
    if (factor === 1 || d < 0 || d >= days) continue;
    for (let i = d * s1; i < (d + 1) * s1; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) values[i] = v * factor;
    }
  }
  return { ...series, values };
}
