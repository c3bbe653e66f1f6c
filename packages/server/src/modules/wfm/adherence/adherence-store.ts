import type { Queryable } from '../../../platform/db/db.js';
import type { ActivityParadigm } from './activity-views.js';
import type { AdherenceMetrics } from './adherence.js';
import type { AgentDayResult } from './agent-day.js';

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
