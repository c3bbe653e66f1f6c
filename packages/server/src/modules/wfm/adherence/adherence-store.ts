import type { Queryable } from '../../../platform/db/db.js';
import type { ActivityParadigm } from './activity-views.js';
import type { AdherenceMetrics, IntervalMetrics } from './adherence.js';
import type { AgentDayResult, NotCalculatedReason } from './agent-day.js';
import type { AdherenceException } from './classify.js';

/** An agent-day as stored: the result plus the input hash and when it was computed. */
export interface StoredAgentDay {
  readonly result: AgentDayResult;
  readonly inputHash: string;
  readonly computedAt: Date;
}

// Rows per INSERT statement: keeps each parameter array a few MB.
const CHUNK = 20_000;

/**
 * Replaces the rows of the given agent-days in the four adherence tables (§3.6): one delete per
 * table and bulk `INSERT … SELECT unnest(…)` (our `Db` has no `COPY FROM STDIN`, which PGlite
 * lacks; unnest arrays are the set-wise equivalent). Run it inside the caller's transaction.
 * @example await db.transaction((tx) => replaceAgentDays(tx, tenantId, [{ result, inputHash }], new Date()));
 */
export async function replaceAgentDays(
  tx: Queryable,
  tenantId: string,
  days: readonly { result: AgentDayResult; inputHash: string }[],
  computedAt: Date,
): Promise<void> {
  if (days.length === 0) return;
  const keys = [days.map((d) => d.result.employeeId), days.map((d) => d.result.date)];
  for (const table of ['adh_agent_day', 'adh_agent_day_interval', 'adh_agent_day_exception', 'adh_agent_day_activity']) {
    await tx.query(
      `DELETE FROM ${table} t USING unnest($2::uuid[], $3::date[]) AS k(employee_id, date)
        WHERE t.tenant_id = $1 AND t.employee_id = k.employee_id AND t.date = k.date`,
      [tenantId, ...keys],
    );
  }

  const zero = { scheduledMs: 0, inMs: 0, outMs: 0, neutralMs: 0, unmappedMs: 0, unscheduledWorkedMs: 0, scheduledProductiveMs: 0, workedProductiveMs: 0 };
  for (const part of chunks(days)) {
    const m = part.map((d) => d.result.day ?? zero);
    await tx.query(
      `INSERT INTO adh_agent_day (tenant_id, employee_id, date, scheduling_unit_id, window_start, window_end, scheduled_ms, in_ms, out_ms,
         neutral_ms, unmapped_ms, unscheduled_worked_ms, scheduled_productive_ms, worked_productive_ms, exception_count, not_calculated_reason,
         input_hash, computed_at)
       SELECT $1, * , $18::timestamptz FROM unnest($2::uuid[], $3::date[], $4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::bigint[], $8::bigint[],
         $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[], $15::int[], $16::text[], $17::text[])`,
      [
        tenantId,
        part.map((d) => d.result.employeeId),
        part.map((d) => d.result.date),
        part.map((d) => d.result.schedulingUnitId),
        part.map((d) => new Date(d.result.window.start)),
        part.map((d) => new Date(d.result.window.end)),
        ...metricColumns(m),
        part.map((d) => d.result.exceptions.length),
        part.map((d) => d.result.notCalculatedReason),
        part.map((d) => d.inputHash),
        computedAt,
      ],
    );
  }

  // Per-interval rows are stored compactly: one row of parallel arrays per agent-day (migration 0008),
  // passed as array literals and cast per row.
  const withIntervals = days.filter((d) => d.result.intervals.length > 0);
  for (const part of chunks(withIntervals)) {
    await tx.query(
      `INSERT INTO adh_agent_day_interval (tenant_id, employee_id, date, interval_starts, scheduled_ms, in_ms, out_ms, neutral_ms, unmapped_ms,
         unscheduled_worked_ms, scheduled_productive_ms, worked_productive_ms)
       SELECT $1, e, d, s::bigint[], m1::bigint[], m2::bigint[], m3::bigint[], m4::bigint[], m5::bigint[], m6::bigint[], m7::bigint[], m8::bigint[]
         FROM unnest($2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
           AS u(e, d, s, m1, m2, m3, m4, m5, m6, m7, m8)`,
      [
        tenantId,
        part.map((d) => d.result.employeeId),
        part.map((d) => d.result.date),
        part.map((d) => integerArray(d.result.intervals.map((i) => i.intervalStart))),
        ...metricColumnsOf(part.map((d) => d.result.intervals)),
      ],
    );
  }

  const withExceptions = days.filter((d) => d.result.exceptions.length > 0);
  for (const part of chunks(withExceptions)) {
    await tx.query(
      `INSERT INTO adh_agent_day_exception (tenant_id, employee_id, date, start_ats, end_ats, scheduled_activity_code_ids, actual_activity_code_ids,
         event_codes, reason_codes)
       SELECT $1, e, d, s::bigint[], t::bigint[], sc::text[], ac::text[], ev::text[], rc::text[]
         FROM unnest($2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u(e, d, s, t, sc, ac, ev, rc)`,
      [
        tenantId,
        part.map((d) => d.result.employeeId),
        part.map((d) => d.result.date),
        part.map((d) => integerArray(d.result.exceptions.map((e) => e.start))),
        part.map((d) => integerArray(d.result.exceptions.map((e) => e.end))),
        part.map((d) => textArray(d.result.exceptions.map((e) => e.scheduledActivity))),
        part.map((d) => textArray(d.result.exceptions.map((e) => e.actualActivity))),
        part.map((d) => textArray(d.result.exceptions.map((e) => e.eventCode))),
        part.map((d) => textArray(d.result.exceptions.map((e) => e.reasonCode))),
      ],
    );
  }

  const activities: { d: AgentDayResult; paradigm: ActivityParadigm; code: string; starts: number[]; ms: number[] }[] = [];
  for (const d of days) {
    // Rows come sorted by interval start, so each code's intervals stay ascending.
    const byCode = new Map<string, (typeof activities)[number]>();
    for (const a of d.result.activities) {
      const key = `${a.paradigm}|${a.activityCodeId}`;
      let row = byCode.get(key);
      if (row === undefined) {
        row = { d: d.result, paradigm: a.paradigm, code: a.activityCodeId, starts: [], ms: [] };
        byCode.set(key, row);
        activities.push(row);
      }
      row.starts.push(a.intervalStart);
      row.ms.push(a.ms);
    }
  }
  for (const part of chunks(activities)) {
    await tx.query(
      `INSERT INTO adh_agent_day_activity (tenant_id, employee_id, date, paradigm, activity_code_id, interval_starts, ms)
       SELECT $1, e, d, p, c, s::bigint[], m::bigint[] FROM unnest($2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(e, d, p, c, s, m)`,
      [
        tenantId,
        part.map((x) => x.d.employeeId),
        part.map((x) => x.d.date),
        part.map((x) => x.paradigm),
        part.map((x) => x.code),
        part.map((x) => integerArray(x.starts)),
        part.map((x) => integerArray(x.ms)),
      ],
    );
  }
}

/**
 * Input hashes of stored agent-days, keyed `employeeId|date`.
 * @example const hashes = await readStoredHashes(db, tenantId, [ann], '2026-03-02', '2026-03-02');
 */
export async function readStoredHashes(db: Queryable, tenantId: string, employeeIds: readonly string[], fromDate: string, toDate: string): Promise<Map<string, string>> {
  const res = await db.query<{ employee_id: string; date: string; input_hash: string }>(
    `SELECT employee_id, to_char(date, 'YYYY-MM-DD') AS date, input_hash FROM adh_agent_day
      WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) AND date BETWEEN $3::date AND $4::date`,
    [tenantId, [...employeeIds], fromDate, toDate],
  );
  return new Map(res.rows.map((r) => [`${r.employee_id}|${r.date}`, r.input_hash]));
}

/** Which parts of stored agent-days a read needs besides the day rows. */
export interface StoredParts {
  readonly intervals?: boolean;
  readonly exceptions?: boolean;
  readonly activities?: ActivityParadigm;
}

/**
 * Stored agent-days of `employeeIds` over `[fromDate, toDate]`, keyed `employeeId|date`, with the
 * parts asked for (set-wise: one query per table).
 * @example const stored = await readStoredAgentDays(db, tenantId, [ann], '2026-03-02', '2026-03-02', { intervals: true });
 */
export async function readStoredAgentDays(
  db: Queryable,
  tenantId: string,
  employeeIds: readonly string[],
  fromDate: string,
  toDate: string,
  parts: StoredParts,
): Promise<Map<string, StoredAgentDay>> {
  const args = [tenantId, [...employeeIds], fromDate, toDate];
  const where = `tenant_id = $1 AND employee_id = ANY($2::uuid[]) AND date BETWEEN $3::date AND $4::date`;
  // The compact tables (one row of arrays per agent-day) are unnested in stored order.
  const whereCompact = `t.tenant_id = $1 AND t.employee_id = ANY($2::uuid[]) AND t.date BETWEEN $3::date AND $4::date`;
  const ms = (c: string) => `${c}::text AS ${c}`;
  const metricCols = ['scheduled_ms', 'in_ms', 'out_ms', 'neutral_ms', 'unmapped_ms', 'unscheduled_worked_ms', 'scheduled_productive_ms', 'worked_productive_ms'].map(ms).join(', ');
  const [days, intervals, exceptions, activities] = await Promise.all([
    db.query<MetricRow & { employee_id: string; date: string; scheduling_unit_id: string; ws: string; we: string; exception_count: number; not_calculated_reason: NotCalculatedReason | null; input_hash: string; computed_at: Date }>(
      `SELECT employee_id, to_char(date, 'YYYY-MM-DD') AS date, scheduling_unit_id, ${epoch('window_start')} AS ws, ${epoch('window_end')} AS we,
              ${metricCols}, exception_count, not_calculated_reason, input_hash, computed_at
         FROM adh_agent_day WHERE ${where}`,
      args,
    ),
    parts.intervals
      ? db.query<MetricRow & { employee_id: string; date: string; s: string }>(
          `SELECT employee_id, to_char(date, 'YYYY-MM-DD') AS date, s::text AS s, ${metricCols}
             FROM (SELECT t.employee_id, t.date, u.*
                     FROM adh_agent_day_interval t,
                          unnest(t.interval_starts, t.scheduled_ms, t.in_ms, t.out_ms, t.neutral_ms, t.unmapped_ms, t.unscheduled_worked_ms,
                                 t.scheduled_productive_ms, t.worked_productive_ms) WITH ORDINALITY
                            AS u(s, scheduled_ms, in_ms, out_ms, neutral_ms, unmapped_ms, unscheduled_worked_ms, scheduled_productive_ms, worked_productive_ms, n)
                    WHERE ${whereCompact}) x
            ORDER BY n`,
          args,
        )
      : null,
    parts.exceptions
      ? db.query<{ employee_id: string; date: string; s: string; e: string; scheduled_activity_code_id: string; actual_activity_code_id: string; event_code: string | null; reason_code: string | null }>(
          `SELECT t.employee_id, to_char(t.date, 'YYYY-MM-DD') AS date, u.s::text AS s, u.e::text AS e,
                  u.scheduled_activity_code_id, u.actual_activity_code_id, u.event_code, u.reason_code
             FROM adh_agent_day_exception t,
                  unnest(t.start_ats, t.end_ats, t.scheduled_activity_code_ids, t.actual_activity_code_ids, t.event_codes, t.reason_codes)
                    AS u(s, e, scheduled_activity_code_id, actual_activity_code_id, event_code, reason_code)
            WHERE ${whereCompact} ORDER BY u.s`,
          args,
        )
      : null,
    parts.activities
      ? db.query<{ employee_id: string; date: string; s: string; activity_code_id: string; ms: string }>(
          `SELECT t.employee_id, to_char(t.date, 'YYYY-MM-DD') AS date, u.s::text AS s, t.activity_code_id, u.ms::text AS ms
             FROM adh_agent_day_activity t, unnest(t.interval_starts, t.ms) AS u(s, ms)
            WHERE ${whereCompact} AND t.paradigm = $5 ORDER BY u.s, t.activity_code_id`,
          [...args, parts.activities],
        )
      : null,
  ]);
  const group = <T extends { employee_id: string; date: string }>(rows: readonly T[] | undefined): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const r of rows ?? []) {
      const k = `${r.employee_id}|${r.date}`;
      const list = out.get(k);
      if (list) list.push(r);
      else out.set(k, [r]);
    }
    return out;
  };
  const intervalsOf = group(intervals?.rows);
  const exceptionsOf = group(exceptions?.rows);
  const activitiesOf = group(activities?.rows);
  const out = new Map<string, StoredAgentDay>();
  for (const r of days.rows) {
    const key = `${r.employee_id}|${r.date}`;
    const paradigm = parts.activities ?? 'WCE';
    const result: AgentDayResult = {
      employeeId: r.employee_id,
      date: r.date,
      schedulingUnitId: r.scheduling_unit_id,
      window: { start: Number(r.ws), end: Number(r.we) },
      notCalculatedReason: r.not_calculated_reason,
      day: r.not_calculated_reason === null ? metricsOf(r) : null,
      intervals: (intervalsOf.get(key) ?? []).map((i) => ({ intervalStart: Number(i.s), ...metricsOf(i) }) satisfies IntervalMetrics),
      exceptions: (exceptionsOf.get(key) ?? []).map((e) => {
        const start = Number(e.s);
        const end = Number(e.e);
        return {
          start,
          end,
          durationSeconds: (end - start) / 1000,
          scheduledActivity: e.scheduled_activity_code_id,
          actualActivity: e.actual_activity_code_id,
          eventCode: e.event_code,
          reasonCode: e.reason_code,
        } satisfies AdherenceException;
      }),
      activities: (activitiesOf.get(key) ?? []).map((a) => ({ paradigm, intervalStart: Number(a.s), activityCodeId: a.activity_code_id, ms: Number(a.ms) })),
    };
    out.set(key, { result, inputHash: r.input_hash, computedAt: new Date(r.computed_at) });
  }
  return out;
}

interface MetricRow {
  scheduled_ms: string;
  in_ms: string;
  out_ms: string;
  neutral_ms: string;
  unmapped_ms: string;
  unscheduled_worked_ms: string;
  scheduled_productive_ms: string;
  worked_productive_ms: string;
}

const epoch = (column: string): string => `(extract(epoch FROM ${column}) * 1000)::bigint::text`;

function metricsOf(r: MetricRow): AdherenceMetrics {
  const scheduledMs = Number(r.scheduled_ms);
  const inMs = Number(r.in_ms);
  const neutralMs = Number(r.neutral_ms);
  const scheduledProductiveMs = Number(r.scheduled_productive_ms);
  const workedProductiveMs = Number(r.worked_productive_ms);
  const denominator = scheduledMs - neutralMs;
  return {
    scheduledMs,
    inMs,
    outMs: Number(r.out_ms),
    neutralMs,
    unmappedMs: Number(r.unmapped_ms),
    unscheduledWorkedMs: Number(r.unscheduled_worked_ms),
    scheduledProductiveMs,
    workedProductiveMs,
    adherencePct: denominator === 0 ? null : (100 * inMs) / denominator,
    conformancePct: scheduledProductiveMs === 0 ? null : (100 * workedProductiveMs) / scheduledProductiveMs,
  };
}

type MetricSums = Omit<AdherenceMetrics, 'adherencePct' | 'conformancePct'>;

function metricColumns(m: readonly MetricSums[]): number[][] {
  return [
    m.map((x) => x.scheduledMs),
    m.map((x) => x.inMs),
    m.map((x) => x.outMs),
    m.map((x) => x.neutralMs),
    m.map((x) => x.unmappedMs),
    m.map((x) => x.unscheduledWorkedMs),
    m.map((x) => x.scheduledProductiveMs),
    m.map((x) => x.workedProductiveMs),
  ];
}

/** The eight metric arrays of each agent-day's intervals, each as a PostgreSQL array literal. */
function metricColumnsOf(days: readonly (readonly MetricSums[])[]): string[][] {
  const columns: string[][] = [[], [], [], [], [], [], [], []];
  for (const m of days) metricColumns(m).forEach((values, k) => (columns[k] as string[]).push(integerArray(values)));
  return columns;
}

/** A PostgreSQL array literal of whole numbers (milliseconds). */
function integerArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/** A PostgreSQL array literal of strings (every element quoted) and nulls. */
function textArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}
