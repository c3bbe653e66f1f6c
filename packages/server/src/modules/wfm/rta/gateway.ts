import type { RtaDelta } from '@floorplan/contracts';
import type { Bus, Subscription } from '../../../platform/bus/bus.js';
import type { Clock } from '../../../platform/clock.js';
import { wfmEvents } from '../events.js';
import type { RtaAgentUpdatedEvent } from './processor.js';

/** What a stream listener receives: a delta, or an order to take a new snapshot (a gap). */
export type GatewayMessage = { type: 'delta'; delta: RtaDelta } | { type: 'resync' };

interface TenantFeed {
  /** Deltas of the replay window, oldest first, from `head` on (the part before it is expired). */
  buffer: { seq: number; at: number; delta: RtaDelta }[];
  head: number;
  lastSeq: number;
  listeners: Set<(m: GatewayMessage) => void>;
}

/**
 * The console gateway of one node (§2.1, §2.5): forwards every `wfm.rta.agentUpdated` on the bus
 * to this node's stream clients and keeps, per tenant, the deltas of the last `replayMs` for
 * resuming clients. A gap in the tenant's `seq` (a processor restart, a lost message) clears the
 * buffer and orders live clients to take a new snapshot.
 * @example const gw = await createRtaGateway(bus, clock, 60_000); const r = gw.attach(tenantId, lastSeq, currentSeq, send);
 */
export async function createRtaGateway(bus: Bus, clock: Clock, replayMs: number) {
  const feeds = new Map<string, TenantFeed>();
  const feedOf = (tenantId: string) => {
    let f = feeds.get(tenantId);
    if (f === undefined) {
      f = { buffer: [], head: 0, lastSeq: -1, listeners: new Set() };
      feeds.set(tenantId, f);
    }
    return f;
  };
  // Expiry moves a head index; the array is cut only once half of it is dead, so a delta costs
  // O(1) amortised even with a minute of 2,000 deltas a second in the buffer.
  const trim = (f: TenantFeed, now: number) => {
    while (f.head < f.buffer.length && f.buffer[f.head]!.at < now - replayMs) f.head++;
    if (f.head > 1024 && f.head * 2 > f.buffer.length) {
      f.buffer = f.buffer.slice(f.head);
      f.head = 0;
    }
  };
  const live = (f: TenantFeed) => (f.head === 0 ? f.buffer : f.buffer.slice(f.head));

  const receive = (event: RtaAgentUpdatedEvent) => {
    const f = feedOf(event.tenantId);
    if (event.seq <= f.lastSeq) return;
    const gap = f.lastSeq >= 0 && event.seq !== f.lastSeq + 1;
    if (gap) {
      f.buffer = [];
      f.head = 0;
      for (const l of f.listeners) l({ type: 'resync' });
    }
    const now = clock.now().getTime();
    const delta: RtaDelta = { seq: event.seq, agent: event.agent };
    f.buffer.push({ seq: event.seq, at: now, delta });
    f.lastSeq = event.seq;
    trim(f, now);
    for (const l of f.listeners) l({ type: 'delta', delta });
  };

  const subscription: Subscription = await bus.subscribe(`floorplan.*.${wfmEvents.rtaAgentUpdated}`, (m) => receive(m.data as RtaAgentUpdatedEvent));

  return {
    /**
     * Adds a listener. With `lastSeq` the client resumes: the buffered deltas after it are
     * replayed, or, when it is older than the buffer, the answer is `resync`. `currentSeq` is the
     * tenant's sequence as the snapshot source knows it, for a gateway that has seen nothing yet.
     */
    attach(tenantId: string, lastSeq: number | undefined, currentSeq: number, listener: (m: GatewayMessage) => void) {
      const f = feedOf(tenantId);
      trim(f, clock.now().getTime());
      let replay: GatewayMessage[] = [];
      if (lastSeq !== undefined) {
        const first = f.buffer[f.head];
        const known = f.lastSeq >= 0 ? f.lastSeq : currentSeq;
        const covered = first !== undefined ? lastSeq >= first.seq - 1 : lastSeq >= known;
        replay = covered ? live(f).filter((b) => b.seq > lastSeq).map((b) => ({ type: 'delta', delta: b.delta })) : [{ type: 'resync' }];
      }
      f.listeners.add(listener);
      return { replay, detach: () => f.listeners.delete(listener) };
    },
    /** Latest seq this node has seen for the tenant, `-1` if none. */
    lastSeq: (tenantId: string) => feeds.get(tenantId)?.lastSeq ?? -1,
    /** Deltas still buffered after `seq`, for a snapshot served from the flushed table. */
    bufferedAfter: (tenantId: string, seq: number) => {
      const f = feeds.get(tenantId);
      return f === undefined ? [] : live(f).filter((b) => b.seq > seq).map((b) => b.delta);
    },
    close: () => subscription.unsubscribe(),
  };
}

export type RtaGateway = Awaited<ReturnType<typeof createRtaGateway>>;
