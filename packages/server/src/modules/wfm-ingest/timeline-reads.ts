import type { Queryable } from '../../platform/db/db.js';

/**
 * Set-wise reads of what ingestion stored, for the engine's actual timelines (wfm-engine spec §3.1).
 * The ingest module owns these tables; the engine reads them only through this file.
 */

/**
 * A stored agent state; `arrival` orders states of equal event time (the later accepted wins).
 * `source` is the state's `acdId`, named as the engine's timelines name it, so the engine uses these
 * objects as they are (millions per recompute: no copy).
 */
export interface TimelineState {
  readonly loginId: string;
  readonly source: string;
  readonly time: number;
  readonly arrival: number;
  readonly eventCode: string;
  readonly reasonCode: string;
}

/** A stored activity-report activity with the keys an employee is matched on (§1.2). */
export interface TimelineActivity {
  readonly agentValue: string;
  readonly userName: string;
  readonly agentId: string;
  /** `acdType` of the report window (a login's `source`). */
  readonly acdType: string;
  readonly start: number;
  readonly durationMs: number;
  readonly state: string;
  readonly reason: string;
}

/**
 * States of `loginIds` with event time in `[fromMs, toMs)`, plus each login's last state before
 * `fromMs` (the timeline needs what was going on at the window's start). Unsorted: callers sort
 * each agent's states by (time, arrival), cheaper than one sort of millions of rows. One query,
 * using the primary key per login.
 * @example const states = await readTimelineStates(db, tenantId, ['5001'], Date.parse('2026-03-02T00:00:00Z'), Date.parse('2026-03-03T00:00:00Z'));
 */
export async function readTimelineStates(db: Queryable, tenantId: string, loginIds: readonly string[], fromMs: number, toMs: number): Promise<TimelineState[]> {
  if (loginIds.length === 0) return [];
  // One row per login with each column as a JSON array in text: JSON.parse of a few thousand strings
  // is several times cheaper than the driver parsing millions of rows, and `array_agg` plus one
  // `array_to_json` per column is several times cheaper in PostgreSQL than `json_agg` of
  // `json_build_array` per row. No ORDER BY in the aggregates (PostgreSQL 15 sorts once per ordered
  // aggregate): the arrays of a group are filled from the same rows in the same order, and callers
  // sort by (time, arrival). Times are epoch ms (float8: exact for whole ms).
  const res = await db.query<{ login_id: string; t: string; a: string; e: string; r: string; d: string }>(
    `WITH logins AS (SELECT DISTINCT unnest($2::text[]) AS login_id),
     picked AS (
       SELECT s.login_id, s.event_utc_time, s.arrival, s.event_code, s.reason_code, s.acd_id
         FROM acd_agent_state s
        WHERE s.tenant_id = $1 AND s.login_id = ANY($2::text[]) AND s.event_utc_time >= $3 AND s.event_utc_time < $4
       UNION ALL
       SELECT p.login_id, p.event_utc_time, p.arrival, p.event_code, p.reason_code, p.acd_id
         FROM logins l
         CROSS JOIN LATERAL (
           SELECT * FROM acd_agent_state s
            WHERE s.tenant_id = $1 AND s.login_id = l.login_id AND s.event_utc_time < $3
            ORDER BY s.event_utc_time DESC, s.arrival DESC LIMIT 1) p)
     SELECT login_id, ${jsonArray(epochMs('event_utc_time'))} AS t, ${jsonArray('arrival')} AS a, ${jsonArray('event_code')} AS e,
            ${jsonArray('reason_code')} AS r, ${jsonArray('acd_id')} AS d
       FROM picked GROUP BY login_id`,
    [tenantId, [...loginIds], new Date(fromMs), new Date(toMs)],
  );
  const out: TimelineState[] = [];
  for (const row of res.rows) {
    const times = JSON.parse(row.t) as number[];
    const arrivals = JSON.parse(row.a) as number[];
    const events = JSON.parse(row.e) as string[];
    const reasons = JSON.parse(row.r) as string[];
    const acds = JSON.parse(row.d) as string[];
    for (let i = 0; i < times.length; i++) {
      out.push({ loginId: row.login_id, source: acds[i] as string, time: times[i] as number, arrival: arrivals[i] as number, eventCode: events[i] as string, reasonCode: reasons[i] as string });
    }
  }
  return out;
}

/** One column of a group as a JSON array in text (parsed by the caller, whatever the driver). */
const jsonArray = (expression: string): string => `array_to_json(array_agg(${expression}))::text`;

/** An instant column as epoch milliseconds (float8: exact for whole milliseconds). */
const epochMs = (column: string): string => `round(date_part('epoch', ${column}) * 1000)::float8`;

/** Longest activity ingestion accepts (contracts `MAX_ACTIVITY_DURATION_MS`, 7 days) plus a day of margin. */
const WINDOW_MARGIN = '8 days';

/**
 * Activities overlapping `[fromMs, toMs)` of report rows whose `agentValue`, `userName` or
 * `agentId` is one of `keys` (the caller resolves which employee a row belongs to, §1.2). Sorted
 * by start. The report window bounds the scan so the primary key range is used.
 * @example const acts = await readTimelineActivities(db, tenantId, ['5001'], fromMs, toMs);
 */
export async function readTimelineActivities(db: Queryable, tenantId: string, keys: readonly string[], fromMs: number, toMs: number): Promise<TimelineActivity[]> {
  if (keys.length === 0) return [];
  const res = await db.query<{ agent_value: string; user_name: string; agent_id: string; acd_type: string; s: string; duration_ms: string; state: string; reason: string }>(
    `SELECT g.agent_value, g.user_name, g.agent_id, w.acd_type, (extract(epoch FROM a.start_time) * 1000)::bigint::text AS s,
            a.duration_ms::text AS duration_ms, a.state, a.reason
       FROM acd_activity_agent g
       JOIN acd_agent_activity a ON a.tenant_id = g.tenant_id AND a.window_start = g.window_start AND a.agent_value = g.agent_value
       JOIN acd_report_window w ON w.tenant_id = g.tenant_id AND w.kind = 'activity' AND w.window_start = g.window_start
      WHERE g.tenant_id = $1
        AND g.window_start >= $3::timestamptz - $5::interval AND g.window_start < $4::timestamptz + $5::interval
        AND (g.agent_value = ANY($2::text[]) OR g.user_name = ANY($2::text[]) OR g.agent_id = ANY($2::text[]))
        AND a.start_time < $4 AND a.end_time > $3
      ORDER BY a.start_time, g.window_start, a.seq`,
    [tenantId, [...keys], new Date(fromMs), new Date(toMs), WINDOW_MARGIN],
  );
  return res.rows.map((r) => ({
    agentValue: r.agent_value,
    userName: r.user_name,
    agentId: r.agent_id,
    acdType: r.acd_type,
    start: Number(r.s),
    durationMs: Number(r.duration_ms),
    state: r.state,
    reason: r.reason,
  }));
}

/**
 * Earliest sighting of any of `loginIds` while unmapped (`acd_unmapped` first-seen, or the earliest
 * state accepted since), epoch ms; `null` if none was ever flagged. Adding a login to an employee
 * recomputes back to here (§1.2).
 * @example const since = await readLoginsFirstSeen(db, tenantId, ['5001']);
 */
export async function readLoginsFirstSeen(db: Queryable, tenantId: string, loginIds: readonly string[]): Promise<number | null> {
  if (loginIds.length === 0) return null;
  const res = await db.query<{ first: string | null }>(
    `WITH seen AS (
       SELECT min(first_seen_at) AS first_seen FROM acd_unmapped
        WHERE tenant_id = $1 AND kind IN ('login', 'agent') AND key = ANY($2::text[]))
     SELECT (extract(epoch FROM least(seen.first_seen,
              (SELECT min(event_utc_time) FROM acd_agent_state s
                WHERE s.tenant_id = $1 AND s.login_id = ANY($2::text[]) AND s.accepted_at >= seen.first_seen))) * 1000)::bigint::text AS first
       FROM seen`,
    [tenantId, [...loginIds]],
  );
  const first = res.rows[0]?.first;
  return first === null || first === undefined ? null : Number(first);
}

/** An agent of one activity report window and the span its activities cover. */
export interface ReportWindowAgent {
  readonly agentValue: string;
  readonly userName: string;
  readonly agentId: string;
  readonly acdType: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The agents of the activity report window starting at `windowStart`, each with the span of its
 * activities (to know which agent-days a stored report touches, §3.6).
 * @example const agents = await readReportWindowAgents(db, tenantId, '2026-03-02T10:30:00Z');
 */
export async function readReportWindowAgents(db: Queryable, tenantId: string, windowStart: string): Promise<ReportWindowAgent[]> {
  const res = await db.query<{ agent_value: string; user_name: string; agent_id: string; acd_type: string; f: string | null; t: string | null }>(
    `SELECT g.agent_value, g.user_name, g.agent_id, w.acd_type,
            (extract(epoch FROM least(min(a.start_time), g.window_start)) * 1000)::bigint::text AS f,
            (extract(epoch FROM greatest(max(a.end_time), w.window_end)) * 1000)::bigint::text AS t
       FROM acd_activity_agent g
       JOIN acd_report_window w ON w.tenant_id = g.tenant_id AND w.kind = 'activity' AND w.window_start = g.window_start
       LEFT JOIN acd_agent_activity a ON a.tenant_id = g.tenant_id AND a.window_start = g.window_start AND a.agent_value = g.agent_value
      WHERE g.tenant_id = $1 AND g.window_start = $2
      GROUP BY g.agent_value, g.user_name, g.agent_id, w.acd_type, g.window_start, w.window_end`,
    [tenantId, new Date(windowStart)],
  );
  return res.rows.map((r) => ({
    agentValue: r.agent_value,
    userName: r.user_name,
    agentId: r.agent_id,
    acdType: r.acd_type,
    fromMs: Number(r.f),
    toMs: Number(r.t),
  }));
}
