import type { Queryable } from '../../../platform/db/db.js';
import type { ActivityParadigm } from './activity-views.js';
import type { AdherenceMetrics, IntervalMetrics } from './adherence.js';
import type { AgentDayResult, NotCalculatedReason } from './agent-day.js';
import type { AdherenceException } from './classify.js';

// Reads of the stored agent-days (§3.6); adherence-store.ts writes them.

/** An agent-day as stored: the result plus the input hash and when it was computed. */
export interface StoredAgentDay {
  readonly result: AgentDayResult;
  readonly inputHash: string;
  readonly computedAt: Date;
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
