import type { OutboxRecord, RecordKind } from './outbox.js';
import { recordSum } from './record-sum.js';

const kinds: ReadonlySet<string> = new Set<RecordKind>(['agentStates', 'agentActivity', 'queue']);

/** Whether `value` names a record kind. */
export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && kinds.has(value);
}

/** An append item checked and serialised once, before it has a seq. */
export interface PreparedItem {
  kind: RecordKind;
  body: unknown;
  bodyJson: string;
  sum: string;
}

/** A record with its stored line (without the newline) and its stored size (with it). */
export interface EncodedRecord {
  record: OutboxRecord;
  line: string;
  bytes: number;
}

/**
 * Checks and serialises append items; throws TypeError on an unknown kind or a body JSON cannot
 * represent, so a bad item fails the whole append before anything is stored.
 */
export function prepareItems(items: readonly { kind: RecordKind; body: unknown }[]): PreparedItem[] {
  if (!Array.isArray(items)) throw new TypeError('append expects an array of { kind, body }');
  return items.map((item, i) => {
    if (!isRecordKind(item?.kind)) throw new TypeError(`append item ${i}: unknown kind ${String(item?.kind)}`);
    const bodyJson: unknown = JSON.stringify(item.body);
    if (typeof bodyJson !== 'string') throw new TypeError(`append item ${i}: body is not JSON data`);
    return { kind: item.kind, body: item.body, bodyJson, sum: recordSum(bodyJson) };
  });
}

/**
 * Builds the record and its line. The line is assembled by hand so the body is stringified only
 * once; it is byte-for-byte what `JSON.stringify({seq, kind, createdAt, body, sum})` gives.
 */
export function encodeRecord(seq: number, createdAt: string, item: PreparedItem): EncodedRecord {
  const line =
    `{"seq":${seq},"kind":${JSON.stringify(item.kind)},"createdAt":${JSON.stringify(createdAt)},` +
    `"body":${item.bodyJson},"sum":"${item.sum}"}`;
  const record: OutboxRecord = { seq, kind: item.kind, createdAt, body: item.body, sum: item.sum };
  return { record, line, bytes: Buffer.byteLength(line) + 1 };
}

/** Parses one stored line (without its newline); returns why it is bad instead of throwing. */
export function decodeRecordLine(line: string): OutboxRecord | { bad: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { bad: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { bad: 'not an object' };
  const { seq, kind, createdAt, body, sum } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return { bad: 'bad seq' };
  if (!isRecordKind(kind)) return { bad: 'bad kind' };
  if (typeof createdAt !== 'string') return { bad: 'bad createdAt' };
  if (body === undefined) return { bad: 'missing body' };
  if (typeof sum !== 'string' || sum !== recordSum(JSON.stringify(body))) return { bad: 'sum mismatch' };
  return { seq, kind, createdAt, body, sum };
}
