import type { Api } from './api.js';
import { CXoneWfmException, errorFromResponse } from './errors.js';

/** What `'connection'` reports (spec §5.10). */
export interface ConnectionState {
  status: 'CONNECTED' | 'DEGRADED' | 'DISCONNECTED';
  reachable: boolean;
  reason: string | null;
  at: string;
}

export interface HeartbeatOptions {
  api: Api;
  connectorName: string;
  connectorVersion: string;
  periodS: () => number;
  onState(state: ConnectionState): void;
  /** Server time minus local time, from each answer's `serverTime`. */
  onServerTime(offsetMs: number): void;
  onError(error: CXoneWfmException): void;
}

/** Beats right away and then every period, outside the outbox; reports each change of connection state. */
export function startHeartbeat(o: HeartbeatOptions): { stop(): void; beat(): Promise<void> } {
  let last = '';
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const report = (state: ConnectionState) => {
    const key = `${state.status}|${state.reachable}|${state.reason}`;
    if (key === last) return;
    last = key;
    o.onState(state);
  };
  async function beat(): Promise<void> {
    const sentAt = Date.now();
    try {
      const res = await o.api('POST', '/wfm/acd/v1/heartbeat', { connectorName: o.connectorName, connectorVersion: o.connectorVersion, sentAt: new Date(sentAt).toISOString() });
      if (res.status !== 200) throw errorFromResponse(res.status, res.text);
      const body = JSON.parse(res.text) as { status: ConnectionState['status']; reason?: string | null; serverTime: string };
      o.onServerTime(Date.parse(body.serverTime) - (sentAt + Date.now()) / 2);
      report({ status: body.status, reachable: true, reason: body.reason ?? null, at: new Date().toISOString() });
    } catch (e) {
      const error = e instanceof CXoneWfmException ? e : new CXoneWfmException({ statusReason: 'UNREACHABLE', httpStatus: null, retryable: true, cause: e });
      if (error.httpStatus === null) report({ status: 'DISCONNECTED', reachable: false, reason: 'UNREACHABLE', at: new Date().toISOString() });
      o.onError(error);
    }
  }
  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => void beat().finally(loop), o.periodS() * 1000);
    timer.unref();
  };
  void beat().finally(loop);
  return {
    beat,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
