import { z } from 'zod';

/** Message for every malformed timestamp, whatever was wrong with it (spec §1.2). */
export const TIMESTAMP_MESSAGE = 'must be an ISO-8601 UTC timestamp';
/** Message for a well-formed timestamp before the earliest instant Floorplan accepts. */
export const TIMESTAMP_TOO_EARLY_MESSAGE = 'must not be before 2000-01-01T00:00:00Z';

// Offsets other than zero are refused rather than converted: an ACD that sends local time with an
// offset is usually also wrong about interval alignment, and silently shifting would hide that.
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:Z|\+00:00)$/;
const EARLIEST_MS = Date.UTC(2000, 0, 1);

type Inspection = { ok: true; ms: number } | { ok: false; reason: 'format' | 'tooEarly' };

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function inspect(value: string): Inspection {
  const m = TIMESTAMP_PATTERN.exec(value);
  if (!m) return { ok: false, reason: 'format' };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  // Leap seconds (:60) are refused: JavaScript time cannot represent them and no ACD should emit them.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'format' };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'format' };
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 onto 1900..1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const ms = date.getTime();
  return ms < EARLIEST_MS ? { ok: false, reason: 'tooEarly' } : { ok: true, ms };
}

/**
 * A UTC instant on the wire: `YYYY-MM-DDTHH:mm:ss[.f{1,6}]` ending in `Z` or `+00:00`, a real calendar
 * date and time, not before 2000-01-01. Stays a string after parsing; use {@link parseUtcTimestamp}.
 *
 * @example
 * utcTimestampSchema.parse('2024-04-17T10:00:12.000Z'); // '2024-04-17T10:00:12.000Z'
 */
export const utcTimestampSchema = z
  .string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : TIMESTAMP_MESSAGE) })
  .regex(TIMESTAMP_PATTERN, { error: TIMESTAMP_MESSAGE, abort: true })
  .superRefine((value, ctx) => {
    const result = inspect(value);
    if (result.ok) return;
    ctx.addIssue({ code: 'custom', input: value, message: result.reason === 'tooEarly' ? TIMESTAMP_TOO_EARLY_MESSAGE : TIMESTAMP_MESSAGE });
  })
  .meta({
    description: 'UTC instant, YYYY-MM-DDTHH:mm:ss[.ffffff] followed by Z or +00:00, not before 2000-01-01',
    examples: ['2024-04-17T10:00:00.000Z'],
  });

/** True when `value` is a timestamp {@link utcTimestampSchema} accepts. */
export function isUtcTimestamp(value: unknown): value is string {
  return typeof value === 'string' && inspect(value).ok;
}

/**
 * Epoch milliseconds of a wire timestamp; digits beyond milliseconds are dropped, not rounded.
 * Throws a RangeError for anything {@link utcTimestampSchema} would refuse.
 *
 * @example
 * parseUtcTimestamp('2024-04-17T10:00:00.123456+00:00'); // 1713348000123
 */
export function parseUtcTimestamp(value: string): number {
  const result = inspect(value);
  if (!result.ok) throw new RangeError(`${JSON.stringify(value)} ${result.reason === 'tooEarly' ? TIMESTAMP_TOO_EARLY_MESSAGE : TIMESTAMP_MESSAGE}`);
  return result.ms;
}

/** Epoch milliseconds of a wire timestamp, or `null` for anything {@link utcTimestampSchema} refuses. */
export function tryParseUtcTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const result = inspect(value);
  return result.ok ? result.ms : null;
}

/**
 * The wire form of an instant (`toISOString`, always `Z` and milliseconds).
 *
 * @example
 * formatUtcTimestamp(Date.UTC(2024, 3, 17, 10)); // '2024-04-17T10:00:00.000Z'
 */
export function formatUtcTimestamp(at: Date | number): string {
  return new Date(at).toISOString();
}
