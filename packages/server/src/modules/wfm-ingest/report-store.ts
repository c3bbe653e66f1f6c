import { intervalOfEnd, type AgentActivityReport, type Paradigm } from '@floorplan/contracts';
import type { Queryable } from '../../platform/db/db.js';
import { keyColumns, type ReportSection } from './report-columns.js';
import { fromMicros, toMicros } from './state-order.js';

export interface WindowRef {
  windowStart: Date;
  windowEnd: Date;
}

/**
 * Upserts one report section's rows on their key (spec §4.2): a re-sent row replaces the stored one
 * and bumps its revision; rows absent from a re-send are kept. One statement whatever the row count.
 */
export async function upsertSection(
  tx: Queryable,
  section: ReportSection,
  tenantId: string,
  window: WindowRef,
  paradigm: Paradigm,
  rows: readonly Record<string, unknown>[],
  at: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const fixed = ['tenant_id', 'window_start', 'window_end', ...(section.hasParadigm ? ['paradigm'] : []), 'updated_at'];
  const fixedValues: unknown[] = [tenantId, window.windowStart, window.windowEnd, ...(section.hasParadigm ? [paradigm] : []), at];
  const cols = section.columns;
  const arrayParams = cols.map((col, i) => `$${fixedValues.length + i + 1}::${col.type}[]`);
  const sql = `INSERT INTO ${section.table} AS t (${[...fixed, ...cols.map((col) => col.column)].join(', ')})
    SELECT ${fixed.map((_, i) => `$${i + 1}`).join(', ')}, ${cols.map((col) => `u.${col.column}`).join(', ')}
      FROM unnest(${arrayParams.join(', ')}) AS u(${cols.map((col) => col.column).join(', ')})
    ON CONFLICT (tenant_id, window_start, ${keyColumns(section).join(', ')}) DO UPDATE SET
      ${[...fixed.slice(2), ...cols.map((col) => col.column)].map((name) => `${name} = EXCLUDED.${name}`).join(', ')},
      revision = t.revision + 1`;
  await tx.query(sql, [...fixedValues, ...cols.map((col) => rows.map((r) => r[col.wire]))]);
  return rows.length;
}

/**
 * Stores an activity report: per agent entry, the whole activity list of that window is replaced.
 * Each activity is booked in the interval where it ends, `(start, end]` (spec §4.5), and keeps the
 * flags validation gave it (`outsideWindow`, `overlap`) plus `unmapped`.
 */
export async function storeActivityReport(
  tx: Queryable,
  tenantId: string,
  window: WindowRef,
  intervalMinutes: number,
  report: AgentActivityReport,
  flagsByPath: ReadonlyMap<string, string[]>,
  isUnmapped: (agentValue: string, state: string, reason: string) => boolean,
  at: Date,
): Promise<number> {
  const entries = report.reportData;
  if (entries.length === 0) return 0;
  const agentValues = entries.map((e) => e.agentValue);
  await tx.query(
    `INSERT INTO acd_activity_agent AS t (tenant_id, window_start, agent_value, agent_id, user_name, updated_at)
     SELECT $1, $2, a, i, u, $6 FROM unnest($3::text[], $4::text[], $5::text[]) AS x(a, i, u)
     ON CONFLICT (tenant_id, window_start, agent_value) DO UPDATE
       SET agent_id = EXCLUDED.agent_id, user_name = EXCLUDED.user_name, updated_at = EXCLUDED.updated_at, revision = t.revision + 1`,
    [tenantId, window.windowStart, agentValues, entries.map((e) => e.agentId), entries.map((e) => e.userName), at],
  );
  await tx.query('DELETE FROM acd_agent_activity WHERE tenant_id = $1 AND window_start = $2 AND agent_value = ANY($3::text[])', [
    tenantId,
    window.windowStart,
    agentValues,
  ]);
  const cols = { agent: [] as string[], seq: [] as number[], state: [] as string[], start: [] as string[], duration: [] as number[], end: [] as string[], reason: [] as string[], booked: [] as string[], flags: [] as string[] };
  entries.forEach((entry, i) => {
    entry.agentActivity.forEach((a, j) => {
      const startMicros = toMicros(a.startTime);
      const endMicros = startMicros + a.duration * 1000;
      const flags = [...(flagsByPath.get(`reportData[${i}].agentActivity[${j}]`) ?? [])];
      if (isUnmapped(entry.agentValue, a.state, a.reason)) flags.push('unmapped');
      cols.agent.push(entry.agentValue);
      cols.seq.push(j);
      cols.state.push(a.state);
      cols.start.push(a.startTime);
      cols.duration.push(a.duration);
      cols.end.push(fromMicros(endMicros));
      cols.reason.push(a.reason);
      cols.booked.push(new Date(intervalOfEnd(Math.ceil(endMicros / 1000), intervalMinutes)).toISOString());
      cols.flags.push(flags.join(','));
    });
  });
  await tx.query(
    `INSERT INTO acd_agent_activity (tenant_id, window_start, agent_value, seq, state, start_time, duration_ms, end_time, reason, booked_interval_start, flags)
     SELECT $1, $2, a, s, st, t0, d, t1, r, b, CASE WHEN f = '' THEN '{}'::text[] ELSE string_to_array(f, ',') END
       FROM unnest($3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::bigint[], $8::timestamptz[], $9::text[], $10::timestamptz[], $11::text[])
         AS x(a, s, st, t0, d, t1, r, b, f)`,
    [tenantId, window.windowStart, cols.agent, cols.seq, cols.state, cols.start, cols.duration, cols.end, cols.reason, cols.booked, cols.flags],
  );
  return cols.agent.length;
}
