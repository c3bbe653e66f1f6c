// Queue history of one skill, as the WFM engine reads it (engine spec §4.1, §5.1, §7): the rows of the
// skill's queues summed per UTC interval, in the skill's paradigm only, with the window presence that
// tells a zero from a missing interval. `acd_queue_interval` has no source column, so a queue mapping
// qualified by `source` matches on its queue value alone.
import type { Queryable } from '../../platform/db/db.js';

export type Paradigm = 'WCE' | 'TTI';

/** Which series a skill reads. */
export interface QueueSelection {
  queues: readonly { queueValue: string; source?: string }[];
  paradigm: Paradigm;
  /** Outbound skills read only `isOutbound` rows, the others only the rest. */
  outbound: boolean;
}

/** One UTC interval of a skill, summed over its queues (counts are contacts, times are seconds). */
export interface SkillInterval {
  /** Epoch ms of the interval start. */
  start: number;
  /** Whether the ACD sent a queue report for the interval; without one the interval is missing, not 0. */
  reported: boolean;
  /** Σ (contactsReceived − abandonedShort). */
  offered: number;
  /** Σ (handledShort + handledLong). */
  handled: number;
  handledShort: number;
  abandonedLong: number;
  /** Σ (handleTime + workTime). */
  handleSeconds: number;
  queueDelaySeconds: number;
  backlog: number;
  backlogNotExpired: number;
  backlogExpired: number;
  /** The ACD's own SL % of the interval when exactly one queue row fed it, else null. */
  acdServiceLevelPct: number | null;
  /** Queue rows summed. */
  rows: number;
}

/** A series mapped to the skill but left out because it is of the other paradigm (§4.5). */
export interface ExcludedSeries {
  queueValue: string;
  paradigm: Paradigm;
  intervals: number;
}

export interface SkillQueueHistory {
  /** Every interval start of `[fromMs, toMs)`, ascending. */
  intervals: SkillInterval[];
  excludedSeries: ExcludedSeries[];
}

/** One queue row as read: `[startMs, queueValue, paradigm, isOutbound, offered, handled, handledShort,
 * abandonedLong, handleSeconds, queueDelay, backlog, backlogNotExpired, backlogExpired, svcLvlPct]`. */
type Row = [number, string, Paradigm, boolean, number, number, number, number, number, number, number, number, number, number];

/** An instant column as epoch milliseconds (float8: exact for whole milliseconds). */
const epochMs = (column: string): string => `round(date_part('epoch', ${column}) * 1000)::float8`;

/** json_agg yields a string on some drivers and parsed JSON on others; null when no row matched. */
function parsed<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

const empty = (start: number, reported: boolean): SkillInterval => ({
  start,
  reported,
  offered: 0,
  handled: 0,
  handledShort: 0,
  abandonedLong: 0,
  handleSeconds: 0,
  queueDelaySeconds: 0,
  backlog: 0,
  backlogNotExpired: 0,
  backlogExpired: 0,
  acdServiceLevelPct: null,
  rows: 0,
});

/**
 * Reads a skill's queue history over `[fromMs, toMs)` on `intervalMs` steps. Every interval of the
 * range is returned; `reported` says whether it counts as 0 or as missing.
 *
 * @example
 * const h = await readSkillQueueHistory(db, tenantId, { queues: [{ queueValue: '8057' }], paradigm: 'WCE', outbound: false }, { fromMs, toMs, intervalMs: 900_000 });
 * h.intervals[0]; // { start, reported: true, offered: 12, handled: 11, ... }
 */
export async function readSkillQueueHistory(
  db: Queryable,
  tenantId: string,
  selection: QueueSelection,
  range: { fromMs: number; toMs: number; intervalMs: number },
): Promise<SkillQueueHistory> {
  const { fromMs, toMs, intervalMs } = range;
  const values = [...new Set(selection.queues.map((q) => q.queueValue))];
  // One JSON row per query: parsing one array is several times cheaper than the driver building a
  // row object per interval (weeks of 15-minute windows are thousands of rows).
  const [rowsResult, windowsResult] = await Promise.all([
    values.length === 0
      ? Promise.resolve({ rows: [{ rows: null }] })
      : db.query<{ rows: unknown }>(
          `SELECT json_agg(json_build_array(${epochMs('window_start')}, queue_value, paradigm, is_outbound,
                  contacts_received - abandoned_short, handled_short + handled_long, handled_short, abandoned_long,
                  handle_time + work_time, queue_delay_time, backlog, backlog_not_expired, backlog_expired, svc_lvl_pct)) AS rows
             FROM acd_queue_interval
            WHERE tenant_id = $1 AND queue_value = ANY($4::text[]) AND window_start >= $2 AND window_start < $3`,
          [tenantId, new Date(fromMs), new Date(toMs), values],
        ),
    db.query<{ windows: unknown }>(
      `SELECT json_agg(json_build_array(${epochMs('window_start')}, ${epochMs('window_end')})) AS windows
         FROM acd_report_window WHERE tenant_id = $1 AND kind = 'queue' AND window_start < $3 AND window_end > $2`,
      [tenantId, new Date(fromMs), new Date(toMs)],
    ),
  ]);
  const rows = parsed<Row>(rowsResult.rows[0]?.rows);
  const windows = parsed<[number, number]>(windowsResult.rows[0]?.windows);

  const first = Math.ceil(fromMs / intervalMs) * intervalMs;
  const intervals: SkillInterval[] = [];
  const index = new Map<number, SkillInterval>();
  for (let at = first; at < toMs; at += intervalMs) {
    const interval = empty(at, false);
    intervals.push(interval);
    index.set(at, interval);
  }
  // A report window may be longer than the engine's interval (a 60-minute ACD on a 15-minute tenant):
  // it marks every interval it covers as reported.
  for (const [windowStart, end] of windows) {
    for (let at = Math.max(first, Math.floor(windowStart / intervalMs) * intervalMs); at < end; at += intervalMs) {
      const interval = index.get(at);
      if (interval) interval.reported = true;
    }
  }

  const excluded = new Map<string, ExcludedSeries>();
  for (const [windowStart, queueValue, paradigm, isOutbound, offered, handled, handledShort, abandonedLong, handleSeconds, queueDelay, backlog, backlogNotExpired, backlogExpired, svcLvlPct] of rows) {
    if (isOutbound !== selection.outbound) continue;
    if (paradigm !== selection.paradigm) {
      const key = `${paradigm}\u0000${queueValue}`;
      const entry = excluded.get(key) ?? { queueValue, paradigm, intervals: 0 };
      entry.intervals += 1;
      excluded.set(key, entry);
      continue;
    }
    const interval = index.get(Math.floor(windowStart / intervalMs) * intervalMs);
    if (!interval) continue;
    interval.reported = true;
    interval.offered += Number(offered);
    interval.handled += Number(handled);
    interval.handledShort += Number(handledShort);
    interval.abandonedLong += Number(abandonedLong);
    interval.handleSeconds += Number(handleSeconds);
    interval.queueDelaySeconds += Number(queueDelay);
    interval.backlog += Number(backlog);
    interval.backlogNotExpired += Number(backlogNotExpired);
    interval.backlogExpired += Number(backlogExpired);
    interval.rows += 1;
    interval.acdServiceLevelPct = interval.rows === 1 ? Number(svcLvlPct) : null;
  }
  const excludedSeries = [...excluded.values()].sort((a, b) => a.queueValue.localeCompare(b.queueValue) || a.paradigm.localeCompare(b.paradigm));
  return { intervals, excludedSeries };
}

/**
 * Queue values with a row in the queue report window starting at `windowStart`.
 *
 * @example
 * await queueValuesOfWindow(db, tenantId, '2026-03-02T09:00:00.000Z'); // Set { '8057', '8058' }
 */
export async function queueValuesOfWindow(db: Queryable, tenantId: string, windowStart: string): Promise<Set<string>> {
  const r = await db.query<{ queue_value: string }>('SELECT queue_value FROM acd_queue_interval WHERE tenant_id = $1 AND window_start = $2', [tenantId, new Date(windowStart)]);
  return new Set(r.rows.map((row) => row.queue_value));
}

/**
 * Long abandons and approximate waiting seconds of a skill's queues over `[fromMs, toMs)`, for the
 * Erlang A patience estimate (engine spec §6.3): per queue row, the handled contacts' queue delay plus
 * each long abandon waiting the row's ASA (0 where the row handled nothing), which is staffing's
 * `approximateWaitingSeconds` summed in SQL rather than over thousands of rows read out.
 *
 * @example
 * await readAbandonTotals(db, tenantId, { queues: [{ queueValue: '8057' }], paradigm: 'WCE', outbound: false }, { fromMs, toMs });
 * // { abandonedLong: 41, waitingSeconds: 12_315 }
 */
export async function readAbandonTotals(
  db: Queryable,
  tenantId: string,
  selection: QueueSelection,
  range: { fromMs: number; toMs: number },
): Promise<{ abandonedLong: number; waitingSeconds: number }> {
  const values = [...new Set(selection.queues.map((q) => q.queueValue))];
  if (values.length === 0) return { abandonedLong: 0, waitingSeconds: 0 };
  const r = await db.query<{ abandoned: number | string | null; waiting: number | string | null }>(
    `SELECT sum(abandoned_long)::float8 AS abandoned,
            sum(queue_delay_time + CASE WHEN handled_short + handled_long > 0
                                        THEN abandoned_long * queue_delay_time / (handled_short + handled_long) ELSE 0 END)::float8 AS waiting
       FROM acd_queue_interval
      WHERE tenant_id = $1 AND queue_value = ANY($4::text[]) AND window_start >= $2 AND window_start < $3
        AND paradigm = $5 AND is_outbound = $6`,
    [tenantId, new Date(range.fromMs), new Date(range.toMs), values, selection.paradigm, selection.outbound],
  );
  const row = r.rows[0];
  return { abandonedLong: Number(row?.abandoned ?? 0), waitingSeconds: Number(row?.waiting ?? 0) };
}
