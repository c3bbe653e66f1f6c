import type { ConnectionReason, ConnectionStatus, WfmConnectionResponse } from '@floorplan/contracts';
import type { Queryable } from '../../platform/db/db.js';
import { evaluateConnector, lastDueWindowStart, worstStatus, type StatusVerdict } from './connection-status.js';
import type { ConnectionChangedEvent } from './events.js';
import type { SettingsCache } from './settings.js';

export interface ConnectorRow {
  tenant_id: string;
  connector_name: string;
  connector_version: string;
  status: ConnectionStatus;
  reason: ConnectionReason | null;
  since: Date;
  first_seen_at: Date;
  last_heartbeat_at: Date | null;
  last_request_at: Date | null;
}

/** Connector name for data that arrives on a session that never sent a heartbeat. */
export const defaultConnectorName = 'default';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const ms = (d: Date | null) => (d ? new Date(d).getTime() : null);

export interface ConnectionTrackerOptions {
  db: Queryable;
  settings: SettingsCache;
  graceS: number;
  publish: (tenantId: string, events: ConnectionChangedEvent[]) => Promise<void>;
}

/**
 * Connector liveness and report completeness per tenant (spec §4.7). Transitions are written with a
 * compare-and-set on the stored status, so several nodes evaluating at once record each one once.
 */
export function createConnectionTracker(o: ConnectionTrackerOptions) {
  const { db } = o;
  const lastTouch = new Map<string, number>();

  async function windowFacts(tenantId: string, nowMs: number, intervalMinutes: number) {
    const start = new Date(lastDueWindowStart(nowMs, o.graceS, intervalMinutes));
    const r = await db.query<{ queue: boolean; activity: boolean; failed: boolean }>(
      `SELECT
         EXISTS (SELECT 1 FROM acd_report_window WHERE tenant_id = $1 AND kind = 'queue' AND window_start = $2) AS queue,
         EXISTS (SELECT 1 FROM acd_report_window WHERE tenant_id = $1 AND kind = 'activity' AND window_start = $2) AS activity,
         COALESCE((SELECT status = 'FAILURE' FROM acd_report_window WHERE tenant_id = $1 AND kind = 'queue'
                    ORDER BY window_start DESC LIMIT 1), false) AS failed`,
      [tenantId, start],
    );
    const row = r.rows[0];
    return { windowStartMs: start.getTime(), queueReceived: !!row?.queue, activityReceived: !!row?.activity, latestQueueFailed: !!row?.failed };
  }

  async function connectors(tenantId: string, now: Date): Promise<ConnectorRow[]> {
    const r = await db.query<ConnectorRow>(
      `SELECT * FROM acd_connection WHERE tenant_id = $1
          AND greatest(coalesce(last_heartbeat_at, first_seen_at), coalesce(last_request_at, first_seen_at)) > $2
        ORDER BY connector_name`,
      [tenantId, new Date(now.getTime() - 86_400_000)],
    );
    return r.rows;
  }

  async function verdicts(tenantId: string, now: Date) {
    const settings = await o.settings.get(tenantId);
    const facts = await windowFacts(tenantId, now.getTime(), settings.intervalMinutes);
    const rows = await connectors(tenantId, now);
    return {
      settings,
      rows: rows.map((row) => ({
        row,
        verdict: evaluateConnector(
          now.getTime(),
          settings.heartbeatSeconds,
          { firstSeenMs: new Date(row.first_seen_at).getTime(), lastHeartbeatMs: ms(row.last_heartbeat_at), lastRequestMs: ms(row.last_request_at) },
          facts,
        ),
      })),
    };
  }

  /** Re-evaluates a tenant's connectors, stores and publishes each transition once. */
  async function evaluate(tenantId: string, now: Date): Promise<void> {
    const { rows } = await verdicts(tenantId, now);
    const events: ConnectionChangedEvent[] = [];
    for (const { row, verdict } of rows) {
      if (verdict.status === row.status && verdict.reason === row.reason) continue;
      const changed = await db.query(
        `UPDATE acd_connection SET status = $3, reason = $4, since = $5
          WHERE tenant_id = $1 AND connector_name = $2 AND status = $6 AND reason IS NOT DISTINCT FROM $7`,
        [tenantId, row.connector_name, verdict.status, verdict.reason, now, row.status, row.reason],
      );
      if (changed.rowCount === 0) continue;
      await db.query(
        `INSERT INTO acd_connection_event (tenant_id, connector_name, at, from_status, to_status, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenantId, row.connector_name, now, row.status, verdict.status, verdict.reason],
      );
      if (verdict.status !== row.status) {
        events.push({ tenantId, connectorName: row.connector_name, from: row.status, to: verdict.status, reason: verdict.reason, at: now.toISOString() });
      }
    }
    if (events.length > 0) await o.publish(tenantId, events);
  }

  return {
    evaluate,

    /** Every tenant with a connector: what the periodic evaluator runs. */
    async evaluateAll(now: Date): Promise<void> {
      const tenants = await db.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM acd_connection');
      for (const t of tenants.rows) await evaluate(t.tenant_id, now);
    },

    async heartbeat(tenantId: string, sessionId: string, hb: { connectorName: string; connectorVersion: string; sentAt: string }, now: Date): Promise<StatusVerdict> {
      await db.query(
        `INSERT INTO acd_connection AS c (tenant_id, connector_name, connector_version, session_id, status, since, first_seen_at,
                                          last_heartbeat_at, last_heartbeat_sent_at)
         VALUES ($1, $2, $3, $4, 'DISCONNECTED', $5, $5, $5, $6)
         ON CONFLICT (tenant_id, connector_name) DO UPDATE SET connector_version = EXCLUDED.connector_version,
           session_id = EXCLUDED.session_id, last_heartbeat_at = EXCLUDED.last_heartbeat_at,
           last_heartbeat_sent_at = EXCLUDED.last_heartbeat_sent_at`,
        [tenantId, hb.connectorName, hb.connectorVersion, sessionId, now, hb.sentAt],
      );
      await evaluate(tenantId, now);
      const { rows } = await verdicts(tenantId, now);
      return rows.find((r) => r.row.connector_name === hb.connectorName)?.verdict ?? { status: 'DISCONNECTED', reason: 'NO_HEARTBEAT' };
    },

    /**
     * Notes a data request as a sign of life of the connector on that session (at most every 5 s
     * per session, so the hot path rarely writes). Sessions that never sent a heartbeat count for
     * the tenant's `default` connector.
     */
    async touch(tenantId: string, sessionId: string, now: Date): Promise<void> {
      const key = `${tenantId}:${sessionId}`;
      const last = lastTouch.get(key);
      if (last !== undefined && now.getTime() - last < 5000 && now.getTime() >= last) return;
      lastTouch.set(key, now.getTime());
      if (lastTouch.size > 50_000) lastTouch.clear();
      const r = await db.query('UPDATE acd_connection SET last_request_at = $3 WHERE tenant_id = $1 AND session_id = $2', [tenantId, sessionId, now]);
      if (r.rowCount > 0) return;
      await db.query(
        `INSERT INTO acd_connection AS c (tenant_id, connector_name, session_id, status, since, first_seen_at, last_request_at)
         VALUES ($1, $2, NULL, 'DISCONNECTED', $3, $3, $3)
         ON CONFLICT (tenant_id, connector_name) DO UPDATE SET last_request_at = EXCLUDED.last_request_at`,
        [tenantId, defaultConnectorName, now],
      );
    },

    async status(tenantId: string, now: Date): Promise<WfmConnectionResponse> {
      const { settings, rows } = await verdicts(tenantId, now);
      const top = worstStatus(rows.map((r) => r.verdict));
      const facts = await db.query<{ last_state: Date | null; last_queue: Date | null; last_activity: Date | null }>(
        `SELECT (SELECT max(accepted_at) FROM acd_agent_current WHERE tenant_id = $1) AS last_state,
                (SELECT max(window_end) FROM acd_report_window WHERE tenant_id = $1 AND kind = 'queue') AS last_queue,
                (SELECT max(window_end) FROM acd_report_window WHERE tenant_id = $1 AND kind = 'activity') AS last_activity`,
        [tenantId],
      );
      const f = facts.rows[0];
      const worstRow = rows.find((r) => r.verdict.status === top.status && r.verdict.reason === top.reason)?.row;
      const heartbeats = rows.map((r) => ms(r.row.last_heartbeat_at)).filter((x): x is number => x !== null);
      return {
        status: top.status,
        reason: top.reason,
        since: worstRow && worstRow.status === top.status ? iso(worstRow.since) : null,
        serverTime: now.toISOString(),
        heartbeatSeconds: settings.heartbeatSeconds,
        lastHeartbeatAt: heartbeats.length > 0 ? new Date(Math.max(...heartbeats)).toISOString() : null,
        lastAgentStateAt: iso(f?.last_state),
        lastQueueIntervalEnd: iso(f?.last_queue),
        lastActivityIntervalEnd: iso(f?.last_activity),
        connectors: rows.map(({ row, verdict }) => ({
          connectorName: row.connector_name,
          connectorVersion: row.connector_version,
          status: verdict.status,
          reason: verdict.reason,
          lastHeartbeatAt: iso(row.last_heartbeat_at),
        })),
      };
    },

    async list(tenantId: string) {
      const r = await db.query<ConnectorRow>('SELECT * FROM acd_connection WHERE tenant_id = $1 ORDER BY connector_name', [tenantId]);
      return r.rows;
    },
  };
}

export type ConnectionTracker = ReturnType<typeof createConnectionTracker>;
