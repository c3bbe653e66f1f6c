import { parse } from 'csv-parse/sync';
import type { ScheduleIssue } from '@floorplan/contracts';

/** One segment as given, before resolution; `path` locates it for errors (`line 7`, `segments[3]`). */
export interface ScheduleRow {
  readonly path: string;
  readonly employee: string;
  readonly activityCode: string;
  readonly start: string;
  readonly end: string;
}

export const SCHEDULE_CSV_HEADER = ['employee', 'activityCode', 'start', 'end'] as const;

/**
 * Reads a schedule CSV (header `employee,activityCode,start,end`). Paths are physical line numbers,
 * the header being line 1, so they match what an editor shows; blank lines are skipped but counted.
 * A malformed file (bad header, unbalanced quotes) is one error on the line where it breaks.
 * @example parseScheduleCsv('employee,activityCode,start,end\nann@x.test,Open,2026-03-02 09:00,2026-03-02 17:00\n').rows[0]?.path === 'line 2'
 */
export function parseScheduleCsv(text: string): { rows: ScheduleRow[]; errors: ScheduleIssue[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { rows: [], errors: [{ path: line === undefined ? 'line 1' : `line ${line}`, message: `not valid CSV: ${(e as Error).message}` }] };
  }
  const header = records[0];
  if (header === undefined) return { rows: [], errors: [{ path: 'line 1', message: `the header ${SCHEDULE_CSV_HEADER.join(',')} is missing` }] };
  const names = header.record.map((h) => h.toLowerCase());
  const expected = SCHEDULE_CSV_HEADER.map((h) => h.toLowerCase());
  if (names.length !== expected.length || names.some((n, i) => n !== expected[i])) {
    return { rows: [], errors: [{ path: `line ${header.info.lines}`, message: `the header must be ${SCHEDULE_CSV_HEADER.join(',')}` }] };
  }
  const rows: ScheduleRow[] = [];
  const errors: ScheduleIssue[] = [];
  for (const { record, info } of records.slice(1)) {
    const path = `line ${info.lines}`;
    if (record.length !== 4) {
      errors.push({ path, message: `has ${record.length} fields, expected 4 (${SCHEDULE_CSV_HEADER.join(',')})` });
      continue;
    }
    const [employee, activityCode, start, end] = record as [string, string, string, string];
    rows.push({ path, employee, activityCode, start, end });
  }
  return { rows, errors };
}

/**
 * The rows of a JSON import; paths are `segments[i]`, the index in the posted array.
 * @example jsonScheduleRows([{ employeeId: id, activityCodeId: 'Open', start, end }])[0]?.path === 'segments[0]'
 */
export function jsonScheduleRows(segments: readonly { employeeId: string; activityCodeId: string; start: string; end: string }[], prefix = 'segments'): ScheduleRow[] {
  return segments.map((s, i) => ({ path: `${prefix}[${i}]`, employee: s.employeeId, activityCode: s.activityCodeId, start: s.start, end: s.end }));
}
