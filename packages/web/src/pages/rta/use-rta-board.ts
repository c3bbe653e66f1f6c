import type { RtaAgent, RtaAgentsResponse, RtaDelta } from '@floorplan/contracts';
import { useEffect, useMemo, useState } from 'react';
import { accessToken } from '../../api/auth';
import { apiFetch, renewSession } from '../../api/client';

export type StreamStatus = 'loading' | 'live' | 'reconnecting';

export interface RtaBoard {
  /** Agents sorted by name; unchanged agents keep their object identity between updates. */
  agents: RtaAgent[];
  status: StreamStatus;
  error: string | null;
  /** When the last snapshot or delta arrived. */
  updatedAt: number | null;
}

// Deltas are applied in batches: a burst of hundreds of state changes costs one render, and a
// single change still shows well within a second.
const FLUSH_MS = 100;
const RETRY_MS = [1000, 2000, 5000, 10_000];

/**
 * The whole board the caller may see: a snapshot, then the SSE deltas after its `seq`. A `resync`
 * (the stream's buffer no longer covers our position) takes a new snapshot; a dropped stream
 * reconnects from the last `seq` it applied, renewing the token first when the stream never opened.
 */
export function useRtaBoard(): RtaBoard {
  const [board, setBoard] = useState<Map<string, RtaAgent>>(() => new Map());
  const [status, setStatus] = useState<StreamStatus>('loading');
  const [error, setError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);

  useEffect(() => {
    let closed = false;
    let source: EventSource | null = null;
    let lastSeq = 0;
    let attempts = 0;
    let pending: RtaAgent[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;

    const flush = () => {
      flushTimer = null;
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      setBoard((current) => {
        const next = new Map(current);
        for (const agent of batch) {
          const known = next.get(agent.employeeId);
          if (!known || known.seq < agent.seq) next.set(agent.employeeId, agent);
        }
        return next;
      });
      setUpdatedAt(Date.now());
    };

    // A stream that never opened was refused (an expired token) or found no server: renew the
    // token first; while the server is unreachable, keep trying with the same token.
    const retry = (renew: boolean) => {
      source?.close();
      source = null;
      if (closed) return;
      setStatus('reconnecting');
      const delay = RETRY_MS[Math.min(attempts, RETRY_MS.length - 1)] ?? 10_000;
      attempts += 1;
      retryTimer = setTimeout(() => {
        void (async () => {
          const outcome = renew ? await renewSession() : 'ok';
          if (closed || outcome === 'refused') return;
          open();
        })();
      }, delay);
    };

    const open = () => {
      let opened = false;
      const params = new URLSearchParams({ access_token: accessToken(), lastEventId: String(lastSeq) });
      source = new EventSource(`/wfm/v1/rta/events?${params.toString()}`);
      source.onopen = () => {
        opened = true;
        attempts = 0;
        setStatus('live');
        setError(null);
      };
      source.onmessage = (event: MessageEvent<string>) => {
        const delta = JSON.parse(event.data) as RtaDelta;
        lastSeq = Math.max(lastSeq, delta.seq);
        pending.push(delta.agent);
        flushTimer ??= setTimeout(flush, FLUSH_MS);
      };
      source.addEventListener('resync', () => {
        source?.close();
        source = null;
        void snapshot();
      });
      // The browser would reconnect on its own, but with the URL's token, which may have expired,
      // and without our position: take the reconnect over.
      source.onerror = () => retry(!opened);
    };

    const snapshot = async () => {
      try {
        const answer = await apiFetch<RtaAgentsResponse>('/wfm/v1/rta/agents');
        if (closed) return;
        pending = [];
        lastSeq = answer.seq;
        setBoard(new Map(answer.agents.map((agent) => [agent.employeeId, agent])));
        setUpdatedAt(Date.now());
        setError(null);
        open();
      } catch (failure) {
        if (closed) return;
        setError(failure instanceof Error ? failure.message : 'The board could not be loaded.');
        setStatus('reconnecting');
        const delay = RETRY_MS[Math.min(attempts, RETRY_MS.length - 1)] ?? 10_000;
        attempts += 1;
        retryTimer = setTimeout(() => void snapshot(), delay);
      }
    };

    void snapshot();
    return () => {
      closed = true;
      source?.close();
      if (flushTimer) clearTimeout(flushTimer);
      if (retryTimer) clearTimeout(retryTimer);
    };
  }, []);

  const agents = useMemo(() => [...board.values()].sort((a, b) => a.name.localeCompare(b.name) || a.employeeId.localeCompare(b.employeeId)), [board]);
  return { agents, status, error, updatedAt };
}
