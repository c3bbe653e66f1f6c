import { DateTime } from 'luxon';
import { mapEvent } from '../adherence/model.js';
import type { PublishedSchedule } from '../schedules/published-schedule.js';
import { createLoginIndex, type LoginIndex, type TenantSetup } from '../setup/tenant-setup.js';
import { evaluateAgent, sameEntry, type AgentActual, type BoardEntry } from './board-entry.js';
import { createWakeHeap } from './wake-heap.js';

/** An ACD login's latest state as ingest stored it; `since` already clamped (§2.4). */
export interface LoginState {
  readonly loginId: string;
  readonly acdId: string;
  readonly eventCode: string;
  readonly reasonCode: string;
  readonly since: number;
}

export interface TenantBoardInit {
  readonly setup: TenantSetup;
  readonly schedules: ReadonlyMap<string, PublishedSchedule>;
  readonly loginStates: readonly LoginState[];
  /** Status per connector; the feed is down when there is at least one and every one is DISCONNECTED. */
  readonly connections: ReadonlyMap<string, string>;
  /** Entries flushed before (a restart): they keep `stateSince`/`outSince` and the sequence. */
  readonly stored: ReadonlyMap<string, BoardEntry>;
  readonly seq: number;
  readonly now: number;
}

const loginKey = (acdId: string, loginId: string) => `${acdId}\u0000${loginId}`;

/**
 * One tenant's RTA board (§2.3–2.4), without I/O: the processor loads its inputs and publishes
 * what the methods return, the changed entries, each already given the next tenant `seq`.
 * @example const board = createTenantBoard(init); for (const e of board.applyState(state, now)) publish(e);
 */
export function createTenantBoard(init: TenantBoardInit) {
  let setup = init.setup;
  let loginIndex: LoginIndex = createLoginIndex(setup.employees);
  let schedules = new Map(init.schedules);
  const connections = new Map(init.connections);
  const logins = new Map<string, LoginState>(init.loginStates.map((s) => [loginKey(s.acdId, s.loginId), s]));
  const actuals = new Map<string, AgentActual>();
  const entries = new Map<string, BoardEntry>(init.stored);
  const heap = createWakeHeap();
  const days = new Map<string, { date: string; start: number; nextMidnight: number }>();
  let seq = init.seq;

  const feedDown = () => connections.size > 0 && [...connections.values()].every((s) => s === 'DISCONNECTED');

  const localDay = (schedulingUnitId: string, now: number) => {
    const hit = days.get(schedulingUnitId);
    if (hit !== undefined && hit.start <= now && now < hit.nextMidnight) return hit;
    const zone = setup.schedulingUnits.get(schedulingUnitId)?.timeZone ?? 'UTC';
    const local = DateTime.fromMillis(now, { zone });
    const start = local.startOf('day');
    const day = { date: local.toISODate() ?? '', start: start.toMillis(), nextMidnight: start.plus({ days: 1 }).toMillis() };
    days.set(schedulingUnitId, day);
    return day;
  };

  const mapped = (s: LoginState): AgentActual => ({
    activityCodeId: mapEvent(setup.mappings, { source: s.acdId, eventCode: s.eventCode, reasonCode: s.reasonCode }),
    eventCode: s.eventCode,
    reasonCode: s.reasonCode,
    since: s.since,
  });

  /** Latest state across each employee's logins (an agent with several logins takes the newest). */
  const rebuildActuals = () => {
    actuals.clear();
    for (const s of logins.values()) {
      const employeeId = loginIndex.resolve(s.loginId, s.acdId);
      if (employeeId === undefined) continue;
      const have = actuals.get(employeeId);
      if (have === undefined || s.since >= have.since) actuals.set(employeeId, mapped(s));
    }
  };

  const onBoard = (employeeId: string) => {
    const e = setup.employees.get(employeeId);
    return e !== undefined && !e.archived && e.active;
  };

  /** Re-evaluates one agent; returns its entry when it changed visibly (with a new seq). */
  const evaluate = (employeeId: string, now: number, changeAt: number): BoardEntry | undefined => {
    const employee = setup.employees.get(employeeId);
    if (employee === undefined || !onBoard(employeeId)) {
      entries.delete(employeeId);
      heap.schedule(employeeId, null);
      return undefined;
    }
    const day = localDay(employee.schedulingUnitId, now);
    const previous = entries.get(employeeId);
    const { entry, wakeAt } = evaluateAgent(
      setup,
      { employee, actual: actuals.get(employeeId) ?? null, schedule: schedules.get(employeeId), localDate: day.date, nextMidnight: day.nextMidnight, feedDown: feedDown() },
      now,
      changeAt,
      previous,
    );
    heap.schedule(employeeId, wakeAt);
    if (previous !== undefined && sameEntry(previous, entry)) return undefined;
    const numbered = { ...entry, seq: ++seq };
    entries.set(employeeId, numbered);
    return numbered;
  };

  const evaluateAll = (now: number): BoardEntry[] => {
    const changed: BoardEntry[] = [];
    for (const id of [...entries.keys()]) if (!onBoard(id)) entries.delete(id);
    for (const id of setup.employees.keys()) {
      const e = evaluate(id, now, now);
      if (e !== undefined) changed.push(e);
    }
    return changed;
  };

  rebuildActuals();

  return {
    get seq() {
      return seq;
    },
    get setup() {
      return setup;
    },
    /** First evaluation of every agent (after a build); returns what differs from the stored entries. */
    start: (now: number) => evaluateAll(now),

    /**
     * Applies a login's new state (§2.4). A state older than the agent's newest (from another
     * login, or replayed) leaves the board unchanged.
     */
    applyState(state: LoginState, now: number): BoardEntry[] {
      const key = loginKey(state.acdId, state.loginId);
      const have = logins.get(key);
      if (have !== undefined && state.since < have.since) return [];
      logins.set(key, state);
      const employeeId = loginIndex.resolve(state.loginId, state.acdId);
      if (employeeId === undefined) return [];
      const current = actuals.get(employeeId);
      if (current !== undefined && state.since < current.since) return [];
      actuals.set(employeeId, mapped(state));
      const e = evaluate(employeeId, now, Math.min(state.since, now));
      return e === undefined ? [] : [e];
    },

    /**
     * New setup: logins, mappings, rules, thresholds and names all re-derived, every agent
     * re-evaluated once; `tenantSchedules`, when given, replaces all schedules first (new employees).
     */
    replaceSetup(next: TenantSetup, now: number, tenantSchedules?: ReadonlyMap<string, PublishedSchedule>): BoardEntry[] {
      setup = next;
      if (tenantSchedules !== undefined) schedules = new Map(tenantSchedules);
      loginIndex = createLoginIndex(setup.employees);
      days.clear();
      rebuildActuals();
      return evaluateAll(now);
    },

    /** Reloaded schedules of some agents (or, with `all`, of the whole tenant). */
    replaceSchedules(loaded: ReadonlyMap<string, PublishedSchedule>, now: number, all = false): BoardEntry[] {
      if (all) schedules = new Map(loaded);
      else for (const [id, s] of loaded) schedules.set(id, s);
      const changed: BoardEntry[] = [];
      for (const id of all ? setup.employees.keys() : loaded.keys()) {
        const e = evaluate(id, now, now);
        if (e !== undefined) changed.push(e);
      }
      return changed;
    },

    setConnection(connectorName: string, status: string, now: number): BoardEntry[] {
      const before = feedDown();
      connections.set(connectorName, status);
      return before === feedDown() ? [] : evaluateAll(now);
    },

    /** Evaluates every agent whose wake time is due at `now`; a boundary's change starts at the boundary. */
    due(now: number): BoardEntry[] {
      const changed: BoardEntry[] = [];
      for (const { key, at } of heap.popDue(now)) {
        const e = evaluate(key, now, at);
        if (e !== undefined) changed.push(e);
      }
      return changed;
    },

    /** The latest state of one ACD login, as the board holds it. */
    loginState: (acdId: string, loginId: string) => logins.get(loginKey(acdId, loginId)),
    nextWake: () => heap.peek(),
    entries: (): IterableIterator<BoardEntry> => entries.values(),
    entry: (employeeId: string) => entries.get(employeeId),
  };
}

export type TenantBoard = ReturnType<typeof createTenantBoard>;
