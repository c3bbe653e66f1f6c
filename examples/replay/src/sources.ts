import { stat } from 'node:fs/promises';
import type { FileKind } from './columns.js';
import { timeColumnByKind } from './columns.js';
import { CsvSyntaxError, readCsvChunks, type CsvChunk, type CsvRecord } from './csv.js';
import { detectFormat, HeaderError, type CsvFormat } from './detect.js';
import { inputError, InputError, parseRow, type Row, type RowRef } from './rows.js';
import { isoMinute } from './windows.js';

type IntervalKind = 'queue' | 'agentQueue' | 'agentSystem';
type RowOf<K extends Row['kind']> = Extract<Row, { kind: K }>;

/** What a file contributes to the replay, in event-time order (`at`). */
export type ReplayEvent =
  | { type: 'state'; at: number; row: RowOf<'states'> }
  /** All rows of one file for one window; due at the window's end. */
  | { type: 'intervalRows'; at: number; kind: IntervalKind; windowStart: number; rows: RowOf<IntervalKind>[] }
  /** All activities of one file booked in one window (the one they end in); due at the window's end. */
  | { type: 'activities'; at: number; windowStart: number; rows: RowOf<'activities'>[] };

/** An opened CSV file: its kind (from the header), size, and its events. */
export interface FileSource {
  path: string;
  kind: FileKind;
  sizeBytes: number;
  /** Bytes of the rows handed on so far (for progress). */
  bytesRead(): number;
  events: AsyncGenerator<ReplayEvent>;
}

/**
 * Opens a CSV file: reads its header to learn its kind, then streams its rows as events. Each file
 * must be sorted by its time column (`eventUtcTime`, `startDate` or `startTime`); a row out of
 * order is an {@link InputError} naming its line, since merging unsorted files by time would send
 * reports before all their rows were read.
 *
 * @example
 * const src = await openSource('sample/states.csv', 900_000);
 * for await (const e of src.events) console.log(e.type, e.at);
 */
export async function openSource(path: string, intervalMs: number): Promise<FileSource> {
  const sizeBytes = (await stat(path)).size;
  const chunks = readCsvChunks(path);
  // Progress counts the bytes of the records handed on, not of those read ahead: at a paced speed a
  // small file is read in one go long before its last row is due. Within a chunk, bytes are spread
  // evenly over its records.
  let consumed = 0;
  let chunkStart = 0;
  const next = async (): Promise<CsvChunk | null> => {
    try {
      const r = await chunks.next();
      return r.done ? null : r.value;
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new InputError(`${path}:${e.message}`);
      throw e;
    }
  };
  let first: CsvChunk | null = null;
  while (!first || first.records.length === 0) {
    first = await next();
    if (!first) throw new InputError(`${path}: the file is empty (expected a header row)`);
  }
  const header = first.records.shift()!;
  let format: CsvFormat;
  try {
    format = detectFormat(header.fields);
  } catch (e) {
    if (e instanceof HeaderError) throw new InputError(`${path}:${header.line}:${e.column}: ${e.message}`);
    throw e;
  }
  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for (let c: CsvChunk | null = first; c; c = await next()) {
        const n = c.records.length;
        for (let k = 0; k < n; k++) {
          consumed = chunkStart + ((c.bytesRead - chunkStart) * (k + 1)) / n;
          yield c.records[k]!;
        }
        chunkStart = c.bytesRead;
      }
      consumed = sizeBytes;
    } finally {
      await chunks.return(undefined);
    }
  }
  const rows = (async function* () {
    for await (const record of records()) yield parseRow(record, path, format, intervalMs);
  })();
  const events = format.kind === 'states' ? stateEvents(rows) : format.kind === 'activities' ? activityEvents(rows, intervalMs) : intervalEvents(rows, intervalMs);
  return { path, kind: format.kind, sizeBytes, bytesRead: () => Math.round(consumed), events };
}

function outOfOrder(ref: RowRef, prev: { time: number; line: number }, time: number, label: (ms: number) => string) {
  const column = timeColumnByKind[ref.format.kind];
  return inputError(ref, column, `${label(time)} is earlier than line ${prev.line}'s ${label(prev.time)}; the file must be sorted by ${column}`);
}

const iso = (ms: number) => new Date(ms).toISOString();

async function* stateEvents(rows: AsyncGenerator<Row>): AsyncGenerator<ReplayEvent> {
  let prev = { time: -Infinity, line: 0 };
  for await (const row of rows) {
    if (row.kind !== 'states') continue;
    if (row.time < prev.time) throw outOfOrder(row.ref, prev, row.time, iso);
    prev = { time: row.time, line: row.ref.line };
    yield { type: 'state', at: row.time, row };
  }
}

async function* intervalEvents(rows: AsyncGenerator<Row>, intervalMs: number): AsyncGenerator<ReplayEvent> {
  let group: RowOf<IntervalKind>[] = [];
  let prev = { time: -Infinity, line: 0 };
  const flush = function* (): Generator<ReplayEvent> {
    const first = group[0];
    if (first) yield { type: 'intervalRows', at: first.windowStart + intervalMs, kind: first.kind, windowStart: first.windowStart, rows: group };
    group = [];
  };
  for await (const row of rows) {
    if (row.kind !== 'queue' && row.kind !== 'agentQueue' && row.kind !== 'agentSystem') continue;
    if (row.windowStart < prev.time) throw outOfOrder(row.ref, prev, row.windowStart, isoMinute);
    if (row.windowStart > prev.time) yield* flush();
    prev = { time: row.windowStart, line: row.ref.line };
    group.push(row);
  }
  yield* flush();
}

async function* activityEvents(rows: AsyncGenerator<Row>, intervalMs: number): AsyncGenerator<ReplayEvent> {
  // Windows still open: an activity starting later may still end in them. With the file sorted by
  // startTime, a window can take no more rows once a row starts after its end, since an activity
  // ends no earlier than it starts (and one ending exactly at a window's end belongs to it).
  const open = new Map<number, RowOf<'activities'>[]>();
  let prev = { time: -Infinity, line: 0 };
  const closeBefore = function* (startMs: number): Generator<ReplayEvent> {
    const due = [...open.keys()].filter((w) => w + intervalMs < startMs).sort((a, b) => a - b);
    for (const w of due) {
      yield { type: 'activities', at: w + intervalMs, windowStart: w, rows: open.get(w)! };
      open.delete(w);
    }
  };
  for await (const row of rows) {
    if (row.kind !== 'activities') continue;
    if (row.time < prev.time) throw outOfOrder(row.ref, prev, row.time, iso);
    prev = { time: row.time, line: row.ref.line };
    yield* closeBefore(row.time);
    const list = open.get(row.windowStart);
    if (list) list.push(row);
    else open.set(row.windowStart, [row]);
  }
  yield* closeBefore(Infinity);
}
