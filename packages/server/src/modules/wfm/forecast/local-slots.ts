// UTC intervals ↔ local wall-clock slots (spec §5.1). Methods fit on whole local days of `S1` slots,
// so a DST day must be folded onto that grid: a repeated slot (fall back) is the mean of its two real
// intervals, a skipped slot (spring forward) is interpolated for fitting; on output the repeated slot
// is emitted twice and the skipped one not at all. An interval belongs to the local day and slot of
// its start instant, which also covers zones whose offset is not a multiple of the interval.
import { DateTime, IANAZone } from 'luxon';
import { addDays, daysBetween, slotsPerDay, type IntervalMinutes, type SkillSeries } from './series.js';

/** One UTC interval of a skill's queue-report history, summed over its queues. */
export interface IntervalRow {
  /** Interval start, UTC ISO-8601. */
  intervalStart: string;
  contacts: number;
  handled: number;
  /** Handle seconds (`handleTime + workTime`). */
  handleSeconds: number;
  /** Whether the ACD sent any queue report for the interval; `false` makes the interval missing. */
  reported: boolean;
}

/** The three series a skill's forecast is fitted on, on the same slots. */
export interface LocalHistory {
  contacts: SkillSeries;
  handled: SkillSeries;
  handleSeconds: SkillSeries;
}

/** One real UTC interval of a local day and the local slot it is shown in. */
export interface LocalInterval {
  /** Epoch ms of the interval start. */
  start: number;
  /** Slot of the local day, `0 … S1 − 1`. */
  slot: number;
}

export interface LocalSlotsOptions {
  zone: string;
  intervalMinutes: IntervalMinutes;
  /** First local date, inclusive. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
}

function zoneOf(name: string): IANAZone {
  if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown IANA time zone: ${name}`);
  return IANAZone.create(name);
}

function localMidnight(date: string, zone: string): number {
  // luxon moves a midnight that does not exist (DST at 00:00) to the first instant of the day.
  return DateTime.fromISO(date, { zone }).toMillis();
}

/**
 * The real UTC intervals of a local day, each with its local slot: 96 on an ordinary day at 15 min,
 * 100 on a fall-back day (four slots appear twice), 92 on a spring-forward day.
 *
 * @example
 * localIntervalsOfDay('2024-11-03', 'America/New_York', 15).length; // 100
 */
export function localIntervalsOfDay(date: string, zone: string, intervalMinutes: IntervalMinutes): LocalInterval[] {
  const tz = zoneOf(zone);
  const s1 = slotsPerDay(intervalMinutes);
  const length = intervalMinutes * 60_000;
  const start = localMidnight(date, zone);
  const end = localMidnight(addDays(date, 1), zone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(y, m - 1, d);
  // A day without a transition has one offset; asking luxon per interval costs ~4 µs each.
  const fixed = tz.offset(start) === tz.offset(end - 1) ? tz.offset(start) : null;
  const out: LocalInterval[] = [];
  for (let at = Math.ceil(start / length) * length; at < end; at += length) {
    const wall = at + (fixed ?? tz.offset(at)) * 60_000;
    const slot = Math.floor((wall - wallMidnight) / length);
    if (slot >= 0 && slot < s1) out.push({ start: at, slot });
  }
  return out;
}

interface Column {
  sum: Float64Array;
  count: Uint8Array;
}

/**
 * Folds UTC interval rows onto local slots for `from … to` (inclusive local dates). A row with
 * `reported` carries its counts (0 included); an interval with no row or an unreported one is missing.
 * Repeated slots average their two intervals; skipped slots are linearly interpolated between the
 * neighbouring slots (missing when a neighbour is).
 *
 * @example
 * const { contacts } = toLocalHistory(rows, { zone: 'Europe/Paris', intervalMinutes: 15, from: '2024-10-21', to: '2024-10-27' });
 * contacts.values.length; // 7 · 96, the 27th (fall back) folded to 96 slots
 */
export function toLocalHistory(rows: readonly IntervalRow[], options: LocalSlotsOptions): LocalHistory {
  const { zone, intervalMinutes, from, to } = options;
  const s1 = slotsPerDay(intervalMinutes);
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new RangeError(`empty date range ${from} … ${to}`);
  const length = intervalMinutes * 60_000;
  const byStart = new Map<number, IntervalRow>();
  for (const row of rows) {
    const at = Date.parse(row.intervalStart);
    if (!Number.isFinite(at) || at % length !== 0) throw new RangeError(`interval start ${row.intervalStart} is not a UTC multiple of ${intervalMinutes} min`);
    byStart.set(at, row);
  }
  const columns: Column[] = [0, 1, 2].map(() => ({ sum: new Float64Array(days * s1), count: new Uint8Array(days * s1) }));
  const seen = new Uint8Array(days * s1);
  for (let d = 0; d < days; d++) {
    for (const { start, slot } of localIntervalsOfDay(addDays(from, d), zone, intervalMinutes)) {
      const i = d * s1 + slot;
      seen[i] = 1;
      const row = byStart.get(start);
      if (!row?.reported) continue;
      const fields = [row.contacts, row.handled, row.handleSeconds];
      columns.forEach((c, k) => {
        c.sum[i] = (c.sum[i] ?? 0) + (fields[k] ?? 0);
        c.count[i] = (c.count[i] ?? 0) + 1;
      });
    }
  }
  const [contacts, handled, handleSeconds] = columns.map((c): SkillSeries => {
    const values: (number | null)[] = Array.from(c.sum, (sum, i) => (c.count[i] ? sum / (c.count[i] ?? 1) : null));
    interpolateSkipped(values, seen);
    return { intervalMinutes, zone, startDate: from, values };
  }) as [SkillSeries, SkillSeries, SkillSeries];
  return { contacts, handled, handleSeconds };
}

/** Fills each run of slots no real interval maps to by a straight line between its neighbours. */
function interpolateSkipped(values: (number | null)[], seen: Uint8Array): void {
  for (let i = 0; i < values.length; i++) {
    if (seen[i]) continue;
    let end = i;
    while (end < values.length && !seen[end]) end++;
    const before = i > 0 ? values[i - 1] : values[end];
    const after = end < values.length ? values[end] : before;
    for (let k = i; k < end; k++) {
      const share = (k - i + 1) / (end - i + 1);
      values[k] = before === null || before === undefined || after === null || after === undefined ? null : before + (after - before) * share;
    }
    i = end;
  }
}

/** One forecast value on a real UTC interval. */
export interface UtcValue {
  /** Interval start, UTC ISO-8601 with `Z`. */
  intervalStart: string;
  value: number | null;
}

/**
 * Unfolds a local-slot series onto real UTC intervals: a repeated slot is emitted twice (once per
 * real interval), a skipped slot not at all.
 *
 * @example
 * toUtcIntervals(forecast).length; // 96 per ordinary day, 100 on a fall-back day
 */
export function toUtcIntervals(series: SkillSeries): UtcValue[] {
  const s1 = slotsPerDay(series.intervalMinutes);
  const days = series.values.length / s1;
  const out: UtcValue[] = [];
  for (let d = 0; d < days; d++) {
    for (const { start, slot } of localIntervalsOfDay(addDays(series.startDate, d), series.zone, series.intervalMinutes)) {
      out.push({ intervalStart: new Date(start).toISOString(), value: series.values[d * s1 + slot] ?? null });
    }
  }
  return out;
}
