import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client';

/** One ACD connection (`connectionSummarySchema` of `@floorplan/contracts`). */
export interface ConnectionSummary {
  connectorName: string;
  connectorVersion: string;
  status: 'CONNECTED' | 'DEGRADED' | 'DISCONNECTED';
  reason: string | null;
  since: string;
  firstSeenAt: string;
  lastHeartbeatAt: string | null;
  lastRequestAt: string | null;
  transitions: Array<{ at: string; from: string; to: string; reason: string | null }>;
}

/** The tenant's ACD connections, refreshed every 15 s (the connector heartbeat cadence). */
export function useConnections(enabled = true) {
  return useQuery({
    queryKey: ['connections'],
    queryFn: () => apiFetch<{ connections: ConnectionSummary[] }>('/wfm/v1/connections'),
    refetchInterval: 15_000,
    enabled,
  });
}
