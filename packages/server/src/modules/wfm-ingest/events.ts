import type { Bus } from '../../platform/bus/bus.js';
import { tenantSubject } from '../../platform/bus/bus.js';

/** Bus events of the ingestion module (spec §4.8); every payload carries `tenantId`. */
export const ingestEvents = {
  agentState: 'wfm.acd.agentState',
  agentStateLate: 'wfm.acd.agentStateLate',
  reportStored: 'wfm.acd.reportStored',
  unmapped: 'wfm.acd.unmapped',
  connectionChanged: 'wfm.acd.connectionChanged',
} as const;

export interface AgentStateEvent {
  tenantId: string;
  loginId: string;
  /** The ACD the state came from: an employee login qualified by this `source` wins (wfm-engine §1.2). */
  acdId: string;
  eventCode: string;
  reasonCode: string;
  eventUtcTime: string;
  acceptedAt: string;
  /** When the request carrying the state reached the server (epoch ms), for end-to-end latency. */
  receivedAtMs: number;
}

export interface ReportStoredEvent {
  tenantId: string;
  kind: 'queue' | 'activity';
  windowStart: string;
  rows: number;
}

export interface UnmappedEvent {
  tenantId: string;
  kind: 'login' | 'agent' | 'event';
  /** The ACD the key came from (a state's `acdId`, a report's `acdType`): a key is unmapped per source. */
  source: string;
  key: string;
  reasonCode: string;
}

export interface ConnectionChangedEvent {
  tenantId: string;
  connectorName: string;
  from: string;
  to: string;
  reason: string | null;
  at: string;
}

/** Publishes after commit; a failed publication is logged, never fails the request (consumers rebuild from the database). */
export async function publishAll(
  bus: Bus,
  tenantId: string,
  event: string,
  payloads: readonly object[],
  onError: (e: unknown) => void,
): Promise<void> {
  const subject = tenantSubject(tenantId, event);
  try {
    // Issued together, awaited together: a NATS connection keeps them in order, and one round trip
    // per event would make a 1,000-state batch wait for 1,000 acknowledgements in a row.
    await Promise.all(payloads.map((p) => bus.publish(subject, p)));
  } catch (e) {
    onError(e);
  }
}
