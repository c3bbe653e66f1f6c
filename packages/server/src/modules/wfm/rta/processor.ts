import { randomUUID } from 'node:crypto';
import type { RtaAgent } from '@floorplan/contracts';
import { Counter } from 'prom-client';
import { tenantSubject, type Subscription } from '../../../platform/bus/bus.js';
import { ingestEvents, type AgentStateEvent, type ConnectionChangedEvent } from '../../wfm-ingest/events.js';
import type { WfmContext } from '../context.js';
import { wfmEvents, type ScheduleChangedEvent, type SetupChangedEvent } from '../events.js';
import { loadPublishedSchedules } from '../schedules/published-schedule.js';
import { fromWireAgent, toWireAgent, type BoardEntry } from './board-entry.js';
import { createPartitionLease } from './lease.js';
import { createTenantBoard, type LoginState, type TenantBoard } from './tenant-board.js';

/** Payload of `wfm.rta.agentUpdated` (§2.1). */
export interface RtaAgentUpdatedEvent {
  tenantId: string;
  seq: number;
  agent: RtaAgent;
}

/** States whose event time is beyond `acceptedAt` + this are clamped (§2.4). */
const SKEW_MS = 5_000;
/** States shorter than this are applied and counted (§2.4). */
const SHORT_STATE_MS = 3_000;
/** Schedules are held for now ± this; reloaded well before the edge is reached. */
const SCHEDULE_SPAN_MS = 36 * 3_600_000;
const SCHEDULE_RELOAD_MS = 6 * 3_600_000;
/**
 * After a restart the tenant's seq continues this far above what was flushed: deltas published
 * after the last flush used numbers up to a flush interval's worth above it, and no client may see
 * a number twice. The jump is also the gap that tells gateways to order a re-snapshot.
 */
export const RESTART_SEQ_GAP = 1_000_000;
/** Longest real-timer sleep, so a clock that jumps (tests, NTP) is noticed. */
const MAX_SLEEP_MS = 60_000;
const LEASE_TTL_MS = 15_000;
const LEASE_RENEW_MS = 5_000;

interface TenantRuntime {
  board: TenantBoard;
  dirty: Set<string>;
  schedulesLoadedAt: number;
  setupLoads: number;
}

/**
 * The RTA processor of one app (§2.1, §2.4): keeps a board per tenant of the partitions this node
 * owns, applies ingest's agent states, schedule, setup and connection changes, wakes agents at
 * schedule boundaries and alarms, publishes `wfm.rta.agentUpdated` for every visible change and
 * flushes changed entries to `rta_agent_current`. Tenants are built lazily on first use.
 * @example const rta = await createRtaProcessor(ctx); await rta.tick(); const agents = await rta.agents(tenantId);
 */
export async function createRtaProcessor(ctx: WfmContext) {
  const { db, bus, clock } = ctx.platform;
  const now = () => clock.now().getTime();
  const skew = counter(ctx, 'wfm_rta_clock_skew_total', 'Agent states whose event time was beyond acceptedAt + 5 s, clamped');
  const short = counter(ctx, 'wfm_rta_short_states_total', 'Agent states shorter than 3 s, applied');
  const tenants = new Map<string, Promise<TenantRuntime>>();
  /** The built ones, for the synchronous timer arithmetic. */
  const ready = new Map<string, TenantRuntime>();
  let closed = false;

  const lease = await createPartitionLease(db, `rta-${randomUUID()}`, {
    ttlMs: LEASE_TTL_MS,
    onChange: () => {
      for (const id of tenants.keys()) {
        if (lease.owns(id)) continue;
        tenants.delete(id);
        ready.delete(id);
      }
    },
  });
  await lease.renew();

  /**
   * Publishes changed entries in seq order without waiting for the acknowledgements: bus handlers
   * run one message at a time, and a round trip per delta would cap the processor at one
   * acknowledgement per event. Publications issued in order on one connection keep that order.
   */
  const publish = (tenantId: string, changed: readonly BoardEntry[], runtime: TenantRuntime): void => {
    if (changed.length === 0) return;
    for (const e of changed) runtime.dirty.add(e.employeeId);
    const subject = tenantSubject(tenantId, wfmEvents.rtaAgentUpdated);
    Promise.all(changed.map((e) => bus.publish(subject, { tenantId, seq: e.seq, agent: toWireAgent(e) } satisfies RtaAgentUpdatedEvent))).catch((error: unknown) => {
      // The board and the flushed table stay right; viewers recover through the seq gap.
      console.error('wfm-rta: bus publish failed', error);
    });
    armTimer();
  };

  // UTC dates one day wider than the instants: every SU-local date (UTC−12…+14) is inside.
  const scheduleRange = (at: number) => ({
    fromMs: at - SCHEDULE_SPAN_MS,
    toMs: at + SCHEDULE_SPAN_MS,
    fromDate: new Date(at - SCHEDULE_SPAN_MS - 86_400_000).toISOString().slice(0, 10),
    toDate: new Date(at + SCHEDULE_SPAN_MS + 86_400_000).toISOString().slice(0, 10),
  });

  async function build(tenantId: string): Promise<TenantRuntime> {
    const at = now();
    const setup = await ctx.setup.get(tenantId);
    const [schedules, states, connections, stored] = await Promise.all([
      loadPublishedSchedules(db, setup, scheduleRange(at)),
      ctx.ingest.reads.currentStates(tenantId),
      ctx.ingest.reads.connections(tenantId),
      db.query<{ entry: RtaAgent; seq: string | number }>('SELECT entry, seq FROM rta_agent_current WHERE tenant_id = $1', [tenantId]),
    ]);
    const storedEntries = new Map(stored.rows.map((r) => [r.entry.employeeId, fromWireAgent(r.entry)]));
    const maxSeq = stored.rows.reduce((m, r) => Math.max(m, Number(r.seq)), 0);
    const loginStates: LoginState[] = states.map((s) => ({ loginId: s.loginId, acdId: s.acdId, eventCode: s.eventCode, reasonCode: s.reasonCode, since: clampSince(Date.parse(s.eventUtcTime), Date.parse(s.acceptedAt), false) }));
    const board = createTenantBoard({
      setup,
      schedules,
      loginStates,
      connections: new Map(connections.map((c) => [c.connectorName, c.status])),
      stored: storedEntries,
      seq: stored.rows.length === 0 ? 0 : maxSeq + RESTART_SEQ_GAP,
      now: at,
    });
    const runtime: TenantRuntime = { board, dirty: new Set(), schedulesLoadedAt: at, setupLoads: 0 };
    ready.set(tenantId, runtime);
    publish(tenantId, board.start(at), runtime);
    return runtime;
  }

  /** §2.4 clock-skew clamp; counted once, when the event arrives (not again when a board is rebuilt). */
  const clampSince = (eventMs: number, acceptedMs: number, count = true) => {
    if (eventMs <= acceptedMs + SKEW_MS) return eventMs;
    if (count) skew.inc();
    return acceptedMs;
  };

  /** The tenant's runtime, built on first use; `undefined` when another node owns the tenant. */
  const runtimeOf = (tenantId: string): Promise<TenantRuntime> | undefined => {
    if (closed || !lease.owns(tenantId)) return undefined;
    let r = tenants.get(tenantId);
    if (r === undefined) {
      r = build(tenantId);
      tenants.set(tenantId, r);
      r.catch(() => tenants.delete(tenantId));
    }
    return r;
  };

  const onAgentState = async (e: AgentStateEvent) => {
    const runtime = await runtimeOf(e.tenantId);
    if (runtime === undefined) return;
    const state: LoginState = {
      loginId: e.loginId,
      acdId: e.acdId,
      eventCode: e.eventCode,
      reasonCode: e.reasonCode,
      since: clampSince(Date.parse(e.eventUtcTime), Date.parse(e.acceptedAt)),
    };
    const previous = runtime.board.loginState(state.acdId, state.loginId);
    if (previous !== undefined && state.since > previous.since && state.since - previous.since < SHORT_STATE_MS) short.inc();
    publish(e.tenantId, runtime.board.applyState(state, now()), runtime);
  };

  const onSetupChanged = async (e: SetupChangedEvent) => {
    const runtime = await runtimeOf(e.tenantId);
    if (runtime === undefined) return;
    const load = ++runtime.setupLoads;
    ctx.setup.invalidate(e.tenantId);
    const setup = await ctx.setup.get(e.tenantId);
    // Employees added or moved need their schedules; a whole reload is two set-wise queries.
    const schedules = await loadPublishedSchedules(db, setup, scheduleRange(now()));
    if (load !== runtime.setupLoads) return; // a newer change is loading
    const at = now();
    runtime.schedulesLoadedAt = at;
    publish(e.tenantId, runtime.board.replaceSetup(setup, at, schedules), runtime);
  };

  const onScheduleChanged = async (e: ScheduleChangedEvent) => {
    const runtime = await runtimeOf(e.tenantId);
    if (runtime === undefined) return;
    const setup = runtime.board.setup;
    const schedules = await loadPublishedSchedules(db, setup, { ...scheduleRange(now()), employeeIds: e.employeeIds });
    publish(e.tenantId, runtime.board.replaceSchedules(schedules, now()), runtime);
  };

  const onConnectionChanged = async (e: ConnectionChangedEvent) => {
    const runtime = await runtimeOf(e.tenantId);
    if (runtime === undefined) return;
    publish(e.tenantId, runtime.board.setConnection(e.connectorName, e.to, now()), runtime);
  };

  const guarded =
    <T>(name: string, fn: (e: T) => Promise<void>) =>
    async (m: { data: unknown }) => {
      try {
        await fn(m.data as T);
      } catch (error) {
        console.error(`wfm-rta: ${name} failed`, error);
      }
    };
  const subscriptions: Subscription[] = await Promise.all([
    bus.subscribe(`floorplan.*.${ingestEvents.agentState}`, guarded('agent state', onAgentState)),
    bus.subscribe(`floorplan.*.${wfmEvents.setupChanged}`, guarded('setup change', onSetupChanged)),
    bus.subscribe(`floorplan.*.${wfmEvents.scheduleChanged}`, guarded('schedule change', onScheduleChanged)),
    bus.subscribe(`floorplan.*.${ingestEvents.connectionChanged}`, guarded('connection change', onConnectionChanged)),
  ]);

  /** Evaluates what is due at `clock.now()` in one tenant or all built ones; reloads schedules as days roll. */
  async function tick(tenantId?: string): Promise<void> {
    const ids = tenantId === undefined ? [...tenants.keys()] : [tenantId];
    for (const id of ids) {
      const runtime = await runtimeOf(id);
      if (runtime === undefined) continue;
      const at = now();
      if (at - runtime.schedulesLoadedAt >= SCHEDULE_RELOAD_MS || at < runtime.schedulesLoadedAt - SCHEDULE_RELOAD_MS) {
        runtime.schedulesLoadedAt = at;
        const schedules = await loadPublishedSchedules(db, runtime.board.setup, scheduleRange(at));
        publish(id, runtime.board.replaceSchedules(schedules, at, true), runtime);
      }
      publish(id, runtime.board.due(now()), runtime);
    }
  }

  // One real timer for the whole node, armed for the earliest wake across built tenants and
  // measured against the platform clock; it also wakes every MAX_SLEEP_MS to notice clock jumps.
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  function armTimer(): void {
    if (closed) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const runtime of ready.values()) earliest = Math.min(earliest, runtime.board.nextWake() ?? Number.POSITIVE_INFINITY);
    if (timer !== undefined && earliest >= timerAt) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = earliest;
    const delay = Math.min(MAX_SLEEP_MS, Math.max(0, earliest - now()));
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      tick()
        .catch((error: unknown) => console.error('wfm-rta: tick failed', error))
        .finally(armTimer);
    }, delay);
    timer.unref();
  }

  let flushing: Promise<void> | undefined;
  /** Writes the changed entries; one flush at a time, so an older write never lands after a newer one. */
  async function flush(): Promise<void> {
    while (flushing !== undefined) await flushing;
    flushing = flushOnce();
    try {
      await flushing;
    } finally {
      flushing = undefined;
    }
  }

  async function flushOnce(): Promise<void> {
    for (const [tenantId, r] of tenants) {
      const runtime = await r.catch(() => undefined);
      if (runtime === undefined || runtime.dirty.size === 0) continue;
      const ids = [...runtime.dirty];
      runtime.dirty.clear();
      const entries = ids.map((id) => runtime.board.entry(id)).filter((e): e is BoardEntry => e !== undefined);
      const removed = ids.filter((id) => runtime.board.entry(id) === undefined);
      try {
        if (entries.length > 0) {
          await db.query(
            `INSERT INTO rta_agent_current (tenant_id, employee_id, entry, seq, updated_at)
             SELECT $1, e, j, s, $5 FROM unnest($2::uuid[], $3::jsonb[], $4::bigint[]) AS u(e, j, s)
             ON CONFLICT (tenant_id, employee_id) DO UPDATE SET entry = EXCLUDED.entry, seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at
              WHERE rta_agent_current.seq < EXCLUDED.seq`,
            [tenantId, entries.map((e) => e.employeeId), entries.map((e) => JSON.stringify(toWireAgent(e))), entries.map((e) => e.seq), new Date(now())],
          );
        }
        if (removed.length > 0) await db.query('DELETE FROM rta_agent_current WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[])', [tenantId, removed]);
      } catch (error) {
        for (const id of ids) runtime.dirty.add(id);
        throw error;
      }
    }
  }

  const flushTimer = setInterval(() => {
    flush().catch((error: unknown) => console.error('wfm-rta: flush failed', error));
  }, ctx.config.WFM_RTA_FLUSH_MS);
  flushTimer.unref();
  const leaseTimer = setInterval(() => {
    lease.renew().catch((error: unknown) => console.error('wfm-rta: lease renewal failed', error));
  }, LEASE_RENEW_MS);
  leaseTimer.unref();
  armTimer();

  return {
    tick,
    flush,
    /** Whether this node processes the tenant (holds its partition). */
    owns: (tenantId: string) => lease.owns(tenantId),
    /** The tenant's board (built if needed) and its seq; `undefined` when another node owns it. */
    async board(tenantId: string): Promise<{ seq: number; entries: BoardEntry[] } | undefined> {
      const runtime = await runtimeOf(tenantId);
      if (runtime === undefined) return undefined;
      return { seq: runtime.board.seq, entries: [...runtime.board.entries()] };
    },
    async close(): Promise<void> {
      closed = true;
      clearInterval(flushTimer);
      clearInterval(leaseTimer);
      if (timer !== undefined) clearTimeout(timer);
      await Promise.all(subscriptions.map((s) => s.unsubscribe()));
      await flush().catch((error: unknown) => console.error('wfm-rta: final flush failed', error));
      await lease.release().catch(() => {});
    },
  };
}

/** A counter on the app's registry, reused when a processor is created again on the same app (a restart in tests). */
function counter(ctx: WfmContext, name: string, help: string): Counter {
  const existing = ctx.metrics.getSingleMetric(name);
  return existing instanceof Counter ? existing : new Counter({ name, help, registers: [ctx.metrics] });
}

export type RtaProcessor = Awaited<ReturnType<typeof createRtaProcessor>>;
