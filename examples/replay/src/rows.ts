import type { AgentActivityReportDTO, AgentStateDTO, ReportDTO } from '@floorplan/wfm-sdk';
import type { CsvRecord } from './csv.js';
import type { CsvFormat } from './detect.js';
import { activityWindowStart, alignedWindowStart } from './windows.js';
import { parseCell, parseUtcTimestamp } from './values.js';

/** A `reportData.queueReport[]` row as sent. */
export type QueueRow = NonNullable<ReportDTO['reportData']['queueReport']>[number];
/** A `reportData.agentQueueReport[]` row as sent. */
export type AgentQueueRow = NonNullable<ReportDTO['reportData']['agentQueueReport']>[number];
/** A `reportData.agentSystemPerformanceReport[]` row as sent. */
export type AgentSystemRow = NonNullable<ReportDTO['reportData']['agentSystemPerformanceReport']>[number];
/** An agent entry of an activity report as sent. */
export type ActivityAgent = NonNullable<AgentActivityReportDTO['reportData']>[number];
/** One activity as sent. */
export type Activity = NonNullable<ActivityAgent['agentActivity']>[number];

/** Where a row came from, so any later message can name file:line:column. */
export interface RowRef {
  file: string;
  line: number;
  format: CsvFormat;
}

/** Bad input: a message that starts with `file:line:column:`. Exit code 1, nothing more to add. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * `file:line:column` of a row, the column being the 1-based CSV column of `column` (1 when the
 * column is unknown or not in the file).
 */
export function locate(ref: RowRef, column?: string): string {
  const at = column === undefined ? undefined : ref.format.index.get(column);
  return `${ref.file}:${ref.line}:${(at ?? 0) + 1}`;
}

/** An {@link InputError} for a cell: `file:line:column: column: message`. */
export function inputError(ref: RowRef, column: string | undefined, message: string): InputError {
  return new InputError(`${locate(ref, column)}: ${column ? `${column}: ` : ''}${message}`);
}

/** A parsed row: its sort time (epoch ms) and the wire object it becomes. */
export type Row =
  | { kind: 'states'; time: number; ref: RowRef; state: AgentStateDTO }
  | { kind: 'queue'; time: number; windowStart: number; ref: RowRef; row: QueueRow }
  | { kind: 'agentQueue'; time: number; windowStart: number; ref: RowRef; row: AgentQueueRow }
  | { kind: 'agentSystem'; time: number; windowStart: number; ref: RowRef; row: AgentSystemRow }
  | { kind: 'activities'; time: number; windowStart: number; ref: RowRef; agent: Omit<ActivityAgent, 'agentActivity'>; activity: Activity };

const shown = (raw: string) => JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);

function cells(record: CsvRecord, ref: RowRef): Record<string, string | number | boolean> {
  const { format } = ref;
  if (record.fields.length !== format.index.size) {
    throw inputError(ref, undefined, `has ${record.fields.length} fields but the header has ${format.index.size}`);
  }
  const values: Record<string, string | number | boolean> = {};
  for (const c of format.present) {
    const raw = record.fields[c.at] ?? '';
    if (raw === '') {
      if (c.required) throw inputError(ref, c.name, 'is required');
      continue;
    }
    const r = parseCell(raw, c.spec);
    if (!r.ok) throw inputError(ref, c.name, `${r.message} (got ${shown(raw)})`);
    values[c.name] = r.value;
  }
  return values;
}

/** Checks and removes the window columns of an interval row; returns the aligned window start. */
function windowOf(values: Record<string, unknown>, ref: RowRef, intervalMs: number): number {
  const startMs = parseUtcTimestamp(String(values.startDate));
  const windowStart = startMs === null ? null : alignedWindowStart(startMs, intervalMs);
  const minutes = intervalMs / 60_000;
  if (startMs === null || windowStart === null) {
    throw inputError(ref, 'startDate', `must be on a ${minutes}-minute boundary (at most 60 s after it; see --interval-minutes), got ${shown(String(values.startDate))}`);
  }
  if (values.endDate !== undefined && parseUtcTimestamp(String(values.endDate))! - startMs !== intervalMs) {
    throw inputError(ref, 'endDate', `must be exactly ${minutes} minutes after startDate (see --interval-minutes), got ${shown(String(values.endDate))}`);
  }
  delete values.startDate;
  delete values.endDate;
  return windowStart;
}

/**
 * Turns one CSV record into its wire object, or throws an {@link InputError} naming the cell.
 *
 * @example
 * parseRow({ fields: ['2024-04-17T08:00:00Z', 'a1', 'Available'], line: 2 }, 'states.csv', format, 900_000);
 * // → { kind: 'states', time: 1713340800000, state: { eventUtcTime: '2024-04-17T08:00:00Z', loginId: 'a1', eventCode: 'Available' }, ref }
 */
export function parseRow(record: CsvRecord, file: string, format: CsvFormat, intervalMs: number): Row {
  const ref: RowRef = { file, line: record.line, format };
  // `cells` builds the object from the kind's column table (required columns present, every value
  // of its column's type), which the compiler cannot follow: hence the casts to the wire types below.
  const values = cells(record, ref);
  switch (format.kind) {
    case 'states':
      return { kind: 'states', time: parseUtcTimestamp(String(values.eventUtcTime))!, ref, state: values as unknown as AgentStateDTO };
    case 'queue': {
      const windowStart = windowOf(values, ref, intervalMs);
      return { kind: 'queue', time: windowStart, windowStart, ref, row: values as unknown as QueueRow };
    }
    case 'agentQueue': {
      const windowStart = windowOf(values, ref, intervalMs);
      return { kind: 'agentQueue', time: windowStart, windowStart, ref, row: values as unknown as AgentQueueRow };
    }
    case 'agentSystem': {
      const windowStart = windowOf(values, ref, intervalMs);
      // Each time is at most the interval plus 1 s (spec §3.4).
      for (const name of ['loginTime', 'readyTime', 'notReadyTime']) {
        const v = values[name];
        if (typeof v === 'number' && v > intervalMs / 1000 + 1) throw inputError(ref, name, `must be at most ${intervalMs / 1000 + 1} seconds (one interval plus 1 s), got ${v}`);
      }
      return { kind: 'agentSystem', time: windowStart, windowStart, ref, row: values as unknown as AgentSystemRow };
    }
    case 'activities': {
      const startMs = parseUtcTimestamp(String(values.startTime))!;
      const { agentValue, agentId, userName, ...activity } = values;
      const agent = { agentValue: String(agentValue), ...(agentId === undefined ? {} : { agentId: String(agentId) }), ...(userName === undefined ? {} : { userName: String(userName) }) };
      const windowStart = activityWindowStart(startMs + Number(values.duration), intervalMs);
      return { kind: 'activities', time: startMs, windowStart, ref, agent, activity: activity as unknown as Activity };
    }
  }
}
