import type { ConnectionReason, ConnectionStatus } from '@floorplan/contracts';

export interface ConnectorFacts {
  firstSeenMs: number;
  lastHeartbeatMs: number | null;
  lastRequestMs: number | null;
}

/** What the tenant's stored report windows say about the last closed interval (spec §4.7). */
export interface WindowFacts {
  /** Start of the last interval whose end E satisfies now ≥ E + grace. */
  windowStartMs: number;
  queueReceived: boolean;
  activityReceived: boolean;
  /** The latest queue report said FAILURE. */
  latestQueueFailed: boolean;
}

export interface StatusVerdict {
  status: ConnectionStatus;
  reason: ConnectionReason | null;
}

/** Start of the last closed interval that is past its grace period. */
export function lastDueWindowStart(nowMs: number, graceS: number, intervalMinutes: number): number {
  const len = intervalMinutes * 60_000;
  return Math.floor((nowMs - graceS * 1000) / len) * len - len;
}

/**
 * Status of one connector: DISCONNECTED when silent for more than three heartbeat periods, DEGRADED
 * when alive but the due reports are missing or the source failed, else CONNECTED. Only intervals
 * starting after the connector was first heard from can make it DEGRADED.
 */
export function evaluateConnector(nowMs: number, heartbeatS: number, c: ConnectorFacts, w: WindowFacts): StatusVerdict {
  const lastHeard = Math.max(c.lastHeartbeatMs ?? -Infinity, c.lastRequestMs ?? -Infinity);
  if (nowMs - lastHeard > 3 * heartbeatS * 1000) return { status: 'DISCONNECTED', reason: 'NO_HEARTBEAT' };
  if (w.latestQueueFailed) return { status: 'DEGRADED', reason: 'SOURCE_FAILURE' };
  if (w.windowStartMs > c.firstSeenMs) {
    if (!w.queueReceived) return { status: 'DEGRADED', reason: 'QUEUE_REPORT_MISSING' };
    if (!w.activityReceived) return { status: 'DEGRADED', reason: 'ACTIVITY_REPORT_MISSING' };
  }
  return { status: 'CONNECTED', reason: null };
}

const rank: Record<ConnectionStatus, number> = { CONNECTED: 0, DEGRADED: 1, DISCONNECTED: 2 };

/** The tenant's status: the worst of the connectors heard from in the last 24 h, DISCONNECTED if none. */
export function worstStatus(verdicts: readonly StatusVerdict[]): StatusVerdict {
  let worst: StatusVerdict | null = null;
  for (const v of verdicts) if (!worst || rank[v.status] > rank[worst.status]) worst = v;
  return worst ?? { status: 'DISCONNECTED', reason: 'NO_HEARTBEAT' };
}
