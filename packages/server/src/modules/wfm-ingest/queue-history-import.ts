// Queue history brought from another WFM (`floorplan import queue-history`): CSV rows become the same
// `acd_queue_interval` rows and `acd_report_window` marks a queue report would, so the forecast and
// intraday read them exactly like ACD data. Historic windows go straight to the tables: the ingest
// API takes one window per request and applies live-feed rules (tenant paradigm, flags) a migration
// of years of history does not need. All rows are checked first; one bad line writes nothing.
import { parse } from 'csv-parse/sync';
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Paradigm } from './queue-history-reads.js';

/** One interval of one queue, as imported. Times are seconds. */
export interface QueueHistoryRow {
  intervalStart: number;
  queue: string;
  contactsReceived: number;
  abandonedShort: number;
  abandonedLong: number;
  handledShort: number;
  handledLong: number;
  handleTime: number;
  workTime: number;
  queueDelayTime: number;
  paradigm: Paradigm;
  isOutbound: boolean;
}

export interface QueueHistoryLineError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  field: string;
  message: string;
}

/** Columns of the CSV, in order; `paradigm` (default WCE) and `isOutbound` (default false) are optional. */
export const QUEUE_HISTORY_COLUMNS = [
  'intervalStart',
  'queue',
  'contactsReceived',
  'abandonedShort',
  'abandonedLong',
  'handledShort',
  'handledLong',
  'handleTime',
  'workTime',
  'queueDelayTime',
] as const;
const OPTIONAL_COLUMNS = ['paradigm', 'isOutbound'] as const;
const COUNTS = ['contactsReceived', 'abandonedShort', 'abandonedLong', 'handledShort', 'handledLong'] as const;
const SECONDS = ['handleTime', 'workTime', 'queueDelayTime'] as const;
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

/**
 * Parses and checks a queue-history CSV for a tenant whose interval is `intervalMinutes`. Returns the
 * rows, or every line error (nothing is partially accepted).
 *
 * @example
 * parseQueueHistoryCsv('intervalStart,queue,contactsReceived,...\n2026-01-05T09:00:00Z,8057,12,...', 15);
 */
export function parseQueueHistoryCsv(text: string, intervalMinutes: number): { rows: QueueHistoryRow[]; errors: QueueHistoryLineError[] } {
  const errors: QueueHistoryLineError[] = [];
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (e) {
    return { rows: [], errors: [{ line: 1, field: 'file', message: e instanceof Error ? e.message : String(e) }] };
  }
  const header = records[0] ?? [];
  const missing = QUEUE_HISTORY_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(QUEUE_HISTORY_COLUMNS as readonly string[]).includes(c) && !(OPTIONAL_COLUMNS as readonly string[]).includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    for (const c of missing) errors.push({ line: 1, field: c, message: 'column is required' });
    for (const c of unknown) errors.push({ line: 1, field: c, message: `unknown column (allowed: ${[...QUEUE_HISTORY_COLUMNS, ...OPTIONAL_COLUMNS].join(', ')})` });
    return { rows: [], errors };
  }
  const col = (name: string) => header.indexOf(name);
  const length = intervalMinutes * 60_000;
  const seen = new Map<string, number>();
  const rows: QueueHistoryRow[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const cell = (name: string) => (col(name) >= 0 ? (record[col(name)] ?? '') : '');
    const lineErrors: QueueHistoryLineError[] = [];
    const fail = (field: string, message: string) => lineErrors.push({ line, field, message });
    if (record.length !== header.length) fail('line', `has ${record.length} cells, the header ${header.length}`);
    const startText = cell('intervalStart');
    const start = UTC.test(startText) ? Date.parse(startText) : Number.NaN;
    if (!Number.isFinite(start)) fail('intervalStart', 'must be a UTC ISO-8601 instant ending in Z');
    else if (start % length !== 0) fail('intervalStart', `must be aligned to a ${intervalMinutes}-minute UTC boundary`);
    const queue = cell('queue');
    if (queue === '' || queue.length > 256) fail('queue', 'must be 1–256 characters');
    const numbers: Record<string, number> = {};
    for (const name of COUNTS) {
      const v = Number(cell(name));
      if (cell(name) === '' || !Number.isInteger(v) || v < 0) fail(name, 'must be a whole number ≥ 0');
      numbers[name] = v;
    }
    for (const name of SECONDS) {
      const v = Number(cell(name));
      if (cell(name) === '' || !Number.isFinite(v) || v < 0) fail(name, 'must be a number of seconds ≥ 0');
      numbers[name] = v;
    }
    if (lineErrors.length === 0 && (numbers.abandonedShort ?? 0) > (numbers.contactsReceived ?? 0)) fail('abandonedShort', 'must not exceed contactsReceived');
    const paradigm = cell('paradigm') || 'WCE';
    if (paradigm !== 'WCE' && paradigm !== 'TTI') fail('paradigm', 'must be WCE or TTI');
    const outbound = cell('isOutbound') || 'false';
    if (outbound !== 'true' && outbound !== 'false') fail('isOutbound', 'must be true or false');
    const key = `${start}\u0000${queue}`;
    if (lineErrors.length === 0 && seen.has(key)) fail('queue', `interval ${startText} of queue ${queue} is already on line ${seen.get(key)}`);
    if (lineErrors.length > 0) {
      errors.push(...lineErrors);
      return;
    }
    seen.set(key, line);
    rows.push({
      intervalStart: start,
      queue,
      contactsReceived: numbers.contactsReceived ?? 0,
      abandonedShort: numbers.abandonedShort ?? 0,
      abandonedLong: numbers.abandonedLong ?? 0,
      handledShort: numbers.handledShort ?? 0,
      handledLong: numbers.handledLong ?? 0,
      handleTime: numbers.handleTime ?? 0,
      workTime: numbers.workTime ?? 0,
      queueDelayTime: numbers.queueDelayTime ?? 0,
      paradigm: paradigm as Paradigm,
      isOutbound: outbound === 'true',
    });
  });
  return { rows: errors.length > 0 ? [] : rows, errors };
}

/**
 * Writes imported rows in one transaction: each interval's window is marked received (kind `queue`,
 * acdType `IMPORT`) unless a report already marked it, and each `(interval, queue)` row is inserted or
 * replaced. `onProgress` is called after each batch with the rows written so far.
 *
 * @example
 * await writeQueueHistory(db, tenantId, rows, { intervalMinutes: 15, now: new Date() });
 */
export async function writeQueueHistory(
  db: Db,
  tenantId: string,
  rows: readonly QueueHistoryRow[],
  options: { intervalMinutes: number; now: Date; batchSize?: number; onProgress?: (written: number) => void },
): Promise<{ rows: number; windows: number }> {
  const length = options.intervalMinutes * 60_000;
  const batch = options.batchSize ?? 500;
  return db.transaction(async (tx) => {
    const windows = new Map<number, Paradigm>();
    for (const r of rows) if (!windows.has(r.intervalStart)) windows.set(r.intervalStart, r.paradigm);
    await checkWindowLengths(tx, tenantId, [...windows.keys()], options.intervalMinutes);
    const starts = [...windows.keys()];
    for (let i = 0; i < starts.length; i += batch) {
      const part = starts.slice(i, i + batch);
      await tx.query(
        `INSERT INTO acd_report_window (tenant_id, kind, window_start, window_end, interval_minutes, paradigm, status, acd_type, report_version, received_at)
         SELECT $1, 'queue', s, s + make_interval(mins => $3), $3, p, 'SUCCESS', 'IMPORT', 'queue-history', $5
           FROM unnest($2::timestamptz[], $4::text[]) AS u(s, p)
         ON CONFLICT (tenant_id, kind, window_start) DO NOTHING`,
        [tenantId, part.map((s) => new Date(s)), options.intervalMinutes, part.map((s) => windows.get(s)), options.now],
      );
    }
    for (let i = 0; i < rows.length; i += batch) {
      const part = rows.slice(i, i + batch);
      const column = <K extends keyof QueueHistoryRow>(k: K) => part.map((r) => r[k]);
      await tx.query(
        `INSERT INTO acd_queue_interval AS q (tenant_id, window_start, queue_value, window_end, paradigm, queue_name, is_outbound,
            contacts_received, abandoned_short, abandoned_long, handled_short, handled_long, handle_time, work_time, hold_time,
            queue_delay_time, svc_lvl_pct, active, right_party_contacts, right_party_handle_time, wrong_party_contacts,
            wrong_party_handle_time, backlog, backlog_not_expired, backlog_expired, updated_at)
         SELECT $1, s, qv, s + make_interval(mins => $2), p, qv, ob, cr, ash, al, hs, hl, ht, wt, 0, qd,
                CASE WHEN cr - ash > 0 THEN 100.0 * hs / (cr - ash) ELSE 0 END, 0, 0, 0, 0, 0, 0, 0, 0, $3
           FROM unnest($4::timestamptz[], $5::text[], $6::text[], $7::boolean[], $8::bigint[], $9::bigint[], $10::bigint[],
                       $11::bigint[], $12::bigint[], $13::float8[], $14::float8[], $15::float8[])
                AS u(s, qv, p, ob, cr, ash, al, hs, hl, ht, wt, qd)
         ON CONFLICT (tenant_id, window_start, queue_value) DO UPDATE SET paradigm = EXCLUDED.paradigm, is_outbound = EXCLUDED.is_outbound,
            contacts_received = EXCLUDED.contacts_received, abandoned_short = EXCLUDED.abandoned_short, abandoned_long = EXCLUDED.abandoned_long,
            handled_short = EXCLUDED.handled_short, handled_long = EXCLUDED.handled_long, handle_time = EXCLUDED.handle_time,
            work_time = EXCLUDED.work_time, queue_delay_time = EXCLUDED.queue_delay_time, svc_lvl_pct = EXCLUDED.svc_lvl_pct,
            updated_at = EXCLUDED.updated_at, revision = q.revision + 1`,
        [
          tenantId,
          options.intervalMinutes,
          options.now,
          column('intervalStart').map((s) => new Date(s)),
          column('queue'),
          column('paradigm'),
          column('isOutbound'),
          column('contactsReceived'),
          column('abandonedShort'),
          column('abandonedLong'),
          column('handledShort'),
          column('handledLong'),
          column('handleTime'),
          column('workTime'),
          column('queueDelayTime'),
        ],
      );
      options.onProgress?.(Math.min(i + batch, rows.length));
    }
    return { rows: rows.length, windows: starts.length };
  });
  // The window length must agree with what is stored, as ingest's WINDOW_OVERLAP rule demands.
  async function checkWindowLengths(tx: Queryable, tenant: string, starts: number[], minutes: number): Promise<void> {
    if (starts.length === 0) return;
    const clash = await tx.query<{ window_start: Date; interval_minutes: number }>(
      `SELECT window_start, interval_minutes FROM acd_report_window
        WHERE tenant_id = $1 AND kind = 'queue' AND interval_minutes <> $2 AND window_start < $4 AND window_end > $3 LIMIT 1`,
      [tenant, minutes, new Date(starts.reduce((a, b) => Math.min(a, b))), new Date(starts.reduce((a, b) => Math.max(a, b)) + length)],
    );
    const c = clash.rows[0];
    if (c) throw new RangeError(`the history overlaps a stored ${c.interval_minutes}-minute queue window starting ${new Date(c.window_start).toISOString()}`);
  }
}

/**
 * The tenant's interval length in minutes (`acd_settings`, default 15).
 *
 * @example
 * await tenantIntervalMinutes(db, tenantId); // 15
 */
export async function tenantIntervalMinutes(db: Queryable, tenantId: string): Promise<number> {
  const r = await db.query<{ interval_minutes: number }>('SELECT interval_minutes FROM acd_settings WHERE tenant_id = $1', [tenantId]);
  return r.rows[0]?.interval_minutes ?? 15;
}
