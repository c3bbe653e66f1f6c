import type { Queryable } from '../../platform/db/db.js';
import { agentQueueSection, queueSection, systemSection, type ReportSection } from './report-columns.js';
import { fromMicros } from './state-order.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const microsOf = (column: string) => `round(extract(epoch FROM ${column}) * 1000000)::bigint`;

export interface RangeFilter {
  from: string;
  to: string;
  queueValue?: string | undefined;
  agentValue?: string | undefined;
}

/** Row of a section as served: wire field names, numbers as numbers, window and revision added. */
async function readSection(db: Queryable, section: ReportSection, tenantId: string, f: RangeFilter) {
  const params: unknown[] = [tenantId, f.from, f.to];
  const where = ['tenant_id = $1', 'window_start >= $2', 'window_start < $3'];
  for (const [wire, value] of [['queueValue', f.queueValue], ['agentValue', f.agentValue]] as const) {
    const col = section.columns.find((c) => c.wire === wire);
    if (value !== undefined && col) {
      params.push(value);
      where.push(`${col.column} = $${params.length}`);
    }
  }
  const keys = section.key.map((k) => section.columns.find((c) => c.wire === k)?.column ?? k);
  const r = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${section.table} WHERE ${where.join(' AND ')} ORDER BY window_start, ${keys.join(', ')}`,
    params,
  );
  return r.rows.map((row) => {
    const out: Record<string, unknown> = {
      windowStart: iso(row.window_start as Date),
      windowEnd: iso(row.window_end as Date),
      revision: Number(row.revision),
      ...(section.hasParadigm ? { paradigm: row.paradigm } : {}),
    };
    for (const c of section.columns) out[c.wire] = c.type === 'bigint' || c.type === 'float8' ? Number(row[c.column]) : row[c.column];
    return out;
  });
}

interface StateRow {
  login_id: string;
  acd_id: string;
  event_code: string;
  reason_code: string;
  micros: number;
  accepted_at: Date;
}

const stateView = (row: StateRow) => ({
  loginId: row.login_id,
  acdId: row.acd_id,
  eventCode: row.event_code,
  reasonCode: row.reason_code,
  eventUtcTime: fromMicros(Number(row.micros)),
  acceptedAt: new Date(row.accepted_at).toISOString(),
});

/** Read side of the ingestion tables, always scoped by tenant. */
export function createIngestReads(db: Queryable) {
  return {
    async agentStates(tenantId: string, q: { loginId?: string | undefined; from: string; to: string; limit: number }) {
      const r = await db.query<StateRow>(
        `SELECT login_id, acd_id, event_code, reason_code, ${microsOf('event_utc_time')} AS micros, accepted_at
           FROM acd_agent_state
          WHERE tenant_id = $1 AND event_utc_time >= $2 AND event_utc_time < $3 AND ($4::text IS NULL OR login_id = $4)
          ORDER BY event_utc_time, arrival LIMIT $5`,
        [tenantId, q.from, q.to, q.loginId ?? null, q.limit],
      );
      return r.rows.map(stateView);
    },

    async currentStates(tenantId: string) {
      const r = await db.query<StateRow>(
        `SELECT login_id, acd_id, event_code, reason_code, ${microsOf('event_utc_time')} AS micros, accepted_at
           FROM acd_agent_current WHERE tenant_id = $1 ORDER BY login_id`,
        [tenantId],
      );
      return r.rows.map(stateView);
    },

    queueIntervals: (tenantId: string, f: RangeFilter) => readSection(db, queueSection, tenantId, f),
    agentQueueIntervals: (tenantId: string, f: RangeFilter) => readSection(db, agentQueueSection, tenantId, f),
    agentSystemIntervals: (tenantId: string, f: RangeFilter) => readSection(db, systemSection, tenantId, f),

    /** Activities booked (by their end) in intervals starting in `[from, to)`. */
    async activities(tenantId: string, f: RangeFilter) {
      const r = await db.query<{
        window_start: Date; agent_value: string; agent_id: string; user_name: string; state: string; start_micros: number;
        duration_ms: number; reason: string; end_micros: number; booked_interval_start: Date; flags: string[];
      }>(
        `SELECT a.window_start, a.agent_value, g.agent_id, g.user_name, a.state, ${microsOf('a.start_time')} AS start_micros,
                a.duration_ms, a.reason, ${microsOf('a.end_time')} AS end_micros, a.booked_interval_start, a.flags
           FROM acd_agent_activity a
           JOIN acd_activity_agent g ON g.tenant_id = a.tenant_id AND g.window_start = a.window_start AND g.agent_value = a.agent_value
          WHERE a.tenant_id = $1 AND a.booked_interval_start >= $2 AND a.booked_interval_start < $3
            AND ($4::text IS NULL OR a.agent_value = $4)
          ORDER BY a.agent_value, a.start_time, a.seq`,
        [tenantId, f.from, f.to, f.agentValue ?? null],
      );
      return r.rows.map((row) => ({
        windowStart: new Date(row.window_start).toISOString(),
        agentValue: row.agent_value,
        agentId: row.agent_id,
        userName: row.user_name,
        state: row.state,
        startTime: fromMicros(Number(row.start_micros)),
        duration: Number(row.duration_ms),
        reason: row.reason,
        endTime: fromMicros(Number(row.end_micros)),
        bookedIntervalStart: new Date(row.booked_interval_start).toISOString(),
        flags: row.flags,
      }));
    },

    /**
     * Keys still without a mapping for their source (a key mapped since it was flagged is left out),
     * judged like ingest judges them. `source` is null for keys recorded without one (before
     * migration 0009, or states sent without an `acdId`).
     */
    async unmapped(tenantId: string) {
      const r = await db.query<{ kind: 'login' | 'agent' | 'event'; source: string; key: string; reason_code: string; sample_login_id: string | null; first_seen_at: Date; last_seen_at: Date; count: number }>(
        `SELECT u.* FROM acd_unmapped u
          WHERE u.tenant_id = $1
            AND NOT (u.kind IN ('login', 'agent') AND EXISTS (SELECT 1 FROM employee_acd_login m WHERE m.tenant_id = u.tenant_id
                       AND m.login_id = u.key AND m.source IN (u.source, '*')))
            AND NOT (u.kind = 'event' AND EXISTS (SELECT 1 FROM event_mapping m WHERE m.tenant_id = u.tenant_id
                       AND m.event_code = u.key AND m.reason_code IN (u.reason_code, '*') AND m.source IN (u.source, '*')))
          ORDER BY u.kind, u.key, u.reason_code, u.source`,
        [tenantId],
      );
      return r.rows.map((row) => ({
        kind: row.kind,
        source: row.source === '' ? null : row.source,
        key: row.key,
        reasonCode: row.reason_code,
        sampleLoginId: row.sample_login_id,
        firstSeenAt: new Date(row.first_seen_at).toISOString(),
        lastSeenAt: new Date(row.last_seen_at).toISOString(),
        count: Number(row.count),
      }));
    },

    async connections(tenantId: string) {
      const rows = await db.query<{ connector_name: string; connector_version: string; status: 'CONNECTED' | 'DEGRADED' | 'DISCONNECTED'; reason: string | null; since: Date; first_seen_at: Date; last_heartbeat_at: Date | null; last_request_at: Date | null }>(
        'SELECT * FROM acd_connection WHERE tenant_id = $1 ORDER BY connector_name',
        [tenantId],
      );
      const events = await db.query<{ connector_name: string; at: Date; from_status: string; to_status: string; reason: string | null }>(
        `SELECT connector_name, at, from_status, to_status, reason FROM acd_connection_event
          WHERE tenant_id = $1 ORDER BY connector_name, at DESC, id DESC`,
        [tenantId],
      );
      return rows.rows.map((c) => ({
        connectorName: c.connector_name,
        connectorVersion: c.connector_version,
        status: c.status,
        reason: c.reason,
        since: new Date(c.since).toISOString(),
        firstSeenAt: new Date(c.first_seen_at).toISOString(),
        lastHeartbeatAt: iso(c.last_heartbeat_at),
        lastRequestAt: iso(c.last_request_at),
        transitions: events.rows
          .filter((e) => e.connector_name === c.connector_name)
          .slice(0, 100)
          .map((e) => ({ at: new Date(e.at).toISOString(), from: e.from_status, to: e.to_status, reason: e.reason })),
      }));
    },
  };
}
