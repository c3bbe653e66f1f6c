import { DateTime, IANAZone } from 'luxon';

/** A schedule time resolved to an instant, or why it could not be. */
export type ParsedTime = { ok: true; ms: number } | { ok: false; message: string };

const OFFSET_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;
const HOUR_MS = 3_600_000;

/**
 * Resolves a schedule time (§1.8): ISO-8601 with an offset (`Z` or `±HH:mm`), or `YYYY-MM-DD HH:mm`
 * read in `zone`. A local time the clocks repeat (autumn) takes the earlier instant, i.e. the first
 * (summer) offset; one they skip (spring) is an error rather than a guess.
 * @example parseScheduleTime('2026-10-25 02:30', 'Europe/Paris') // → { ok: true, ms: Date.parse('2026-10-25T00:30:00Z') }
 */
export function parseScheduleTime(text: string, zone: string): ParsedTime {
  const value = text.trim();
  if (OFFSET_ISO.test(value)) {
    const dt = DateTime.fromISO(value, { setZone: true });
    return dt.isValid ? { ok: true, ms: dt.toMillis() } : { ok: false, message: `"${value}" is not a valid date and time` };
  }
  const m = LOCAL.exec(value);
  if (!m) return { ok: false, message: `"${value}" must be ISO-8601 with an offset or YYYY-MM-DD HH:mm` };
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) {
    return { ok: false, message: `"${value}" is not a valid date and time` };
  }
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return { ok: false, message: `time zone ${zone} is not valid` };
  // The instants whose local wall time is `wall`: try every offset the zone uses around it.
  const offsets = new Set([tz.offset(wall - 14 * HOUR_MS), tz.offset(wall), tz.offset(wall + 14 * HOUR_MS)]);
  const candidates = [...offsets].map((o) => wall - o * 60_000).filter((t) => tz.offset(t) * 60_000 === wall - t);
  if (candidates.length === 0) return { ok: false, message: `"${value}" does not exist in ${zone} (clocks skip it)` };
  return { ok: true, ms: Math.min(...candidates) };
}

/**
 * The local date (`YYYY-MM-DD`) of an instant in `zone`.
 * @example localDateOf(Date.parse('2026-03-02T23:30:00Z'), 'Europe/Paris') === '2026-03-03'
 */
export function localDateOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() as string;
}

/**
 * Every date from `from` to `to`, inclusive.
 * @example datesBetween('2026-03-01', '2026-03-03') // → ['2026-03-01', '2026-03-02', '2026-03-03']
 */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
