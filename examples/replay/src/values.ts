import type { ColumnType } from './columns.js';

// Cell parsers. Each returns the wire value or a message saying what is wrong; the caller adds the
// file, line and column. The rules are the server's (spec §1.2, §3), so a file that passes here is
// not refused later for a value.

/** Largest count or number of seconds a report may carry (spec §3.4). */
const MAX_REPORT_NUMBER = 1_000_000_000;
/** Longest activity, one week in milliseconds (spec §3.3). */
const MAX_DURATION_MS = 604_800_000;
const EARLIEST_MS = Date.UTC(2000, 0, 1);

// Offsets other than zero are refused, not converted: the server refuses them too (spec §1.2).
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:Z|\+00:00)$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Epoch milliseconds of a wire timestamp (`YYYY-MM-DDTHH:mm:ss[.f{1,6}]` + `Z` or `+00:00`), or null. */
export function parseUtcTimestamp(value: string): number | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  // A date that rolled over (Feb 30, 25:00) is not the date written.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date.getTime();
}

export type CellResult = { ok: true; value: string | number | boolean } | { ok: false; message: string };

const fail = (message: string): CellResult => ({ ok: false, message });

function parseNumber(raw: string, integer: boolean, max: number, unit: string): CellResult {
  const v = raw.trim();
  if (!NUMBER.test(v)) return fail(`must be a number${unit} (a dot for decimals, no thousands separators)`);
  const n = Number(v);
  if (integer && !Number.isInteger(n)) return fail(`must be a whole number${unit}`);
  if (n < 0 || n > max) return fail(`must be between 0 and ${max}${unit}`);
  return { ok: true, value: n };
}

/**
 * Parses one non-empty cell. Text is kept exactly (keys are opaque and case-sensitive); numbers may
 * carry surrounding spaces; flags are `true`/`false`/`1`/`0` in any case.
 *
 * @example
 * parseCell('90.5', { type: 'percent' }); // { ok: true, value: 90.5 }
 * parseCell('3,5', { type: 'seconds' });  // { ok: false, message: 'must be a number …' }
 */
export function parseCell(raw: string, spec: ColumnType): CellResult {
  switch (spec.type) {
    case 'text':
      if (raw.length < spec.min) return fail('is required');
      if (raw.length > spec.max) return fail(`must be at most ${spec.max} characters (has ${raw.length})`);
      return { ok: true, value: raw };
    case 'timestamp': {
      const ms = parseUtcTimestamp(raw);
      if (ms === null) return fail('must be a UTC timestamp like 2024-04-17T08:00:00Z (ISO-8601, ending in Z or +00:00)');
      if (ms < EARLIEST_MS) return fail('must not be before 2000-01-01T00:00:00Z');
      return { ok: true, value: raw };
    }
    case 'count':
      return parseNumber(raw, true, MAX_REPORT_NUMBER, '');
    case 'seconds':
      return parseNumber(raw, false, MAX_REPORT_NUMBER, ' of seconds');
    case 'percent':
      return parseNumber(raw, false, 100, ' (percent)');
    case 'millis':
      return parseNumber(raw, true, MAX_DURATION_MS, ' of milliseconds');
    case 'flag': {
      const v = raw.trim().toLowerCase();
      if (v === 'true' || v === '1') return { ok: true, value: true };
      if (v === 'false' || v === '0') return { ok: true, value: false };
      return fail('must be true, false, 1 or 0');
    }
  }
}
