import type { Activity, ActivityAgent, AgentQueueRow, AgentSystemRow, QueueRow, RowRef } from './rows.js';
import { inputError, locate } from './rows.js';
import type { ReplayEvent } from './sources.js';
import { isoMinute } from './windows.js';

/** A value and the CSV row it came from. */
export interface Located<T> {
  value: T;
  ref: RowRef;
}

/** One queue report: every interval row of every file for one window, by section. */
export interface QueueWindow {
  type: 'queue';
  windowStart: number;
  windowEnd: number;
  queueReport: Located<QueueRow>[];
  agentQueueReport: Located<AgentQueueRow>[];
  agentSystemPerformanceReport: Located<AgentSystemRow>[];
}

/** One activity report: each agent's activities booked in one window. */
export interface ActivityWindow {
  type: 'activity';
  windowStart: number;
  windowEnd: number;
  agents: { agent: Omit<ActivityAgent, 'agentActivity'>; activities: Located<Activity>[] }[];
}

export type ReportWindow = QueueWindow | ActivityWindow;

type IntervalEvent = Extract<ReplayEvent, { type: 'intervalRows' }>;
type ActivityEvent = Extract<ReplayEvent, { type: 'activities' }>;

const sectionOf = { queue: 'queueReport', agentQueue: 'agentQueueReport', agentSystem: 'agentSystemPerformanceReport' } as const;

// The row keys of spec §4.2: a key twice in one window would be refused (400) by the server.
const keyOf = {
  queue: (r: Record<string, unknown>) => `queue ${JSON.stringify(r.queueValue)}`,
  agentQueue: (r: Record<string, unknown>) => `queue ${JSON.stringify(r.queueValue)} and agent ${JSON.stringify(r.agentValue)}`,
  agentSystem: (r: Record<string, unknown>) => `agent ${JSON.stringify(r.agentValue)}`,
} as const;

/**
 * Collects the rows of each window from all files into one report per window and kind: a queue
 * report carries the three sections together (a missing one is `[]`), an activity report one entry
 * per agent. Windows come out once every file has moved past their end, in window order; only
 * windows that have rows become reports.
 *
 * @example
 * const a = new WindowAssembler(900_000);
 * a.add(event);                  // intervalRows / activities events, in merged time order
 * const ready = a.takeBefore(t); // reports of windows ending before event time t
 */
export class WindowAssembler {
  readonly #queue = new Map<number, QueueWindow & { keys: Map<string, RowRef> }>();
  readonly #activity = new Map<number, ActivityWindow & { byAgent: Map<string, ActivityWindow['agents'][number]> }>();

  constructor(private readonly intervalMs: number) {}

  add(event: IntervalEvent | ActivityEvent): void {
    if (event.type === 'intervalRows') this.#addRows(event);
    else this.#addActivities(event);
  }

  /** Reports of every window that ends before `at` (their rows are all in), oldest first. */
  takeBefore(at: number): ReportWindow[] {
    const out: ReportWindow[] = [];
    for (const [w, q] of this.#queue) {
      if (q.windowEnd >= at) continue;
      this.#queue.delete(w);
      out.push({ type: 'queue', windowStart: q.windowStart, windowEnd: q.windowEnd, queueReport: q.queueReport, agentQueueReport: q.agentQueueReport, agentSystemPerformanceReport: q.agentSystemPerformanceReport });
    }
    for (const [w, a] of this.#activity) {
      if (a.windowEnd >= at) continue;
      this.#activity.delete(w);
      out.push({ type: 'activity', windowStart: a.windowStart, windowEnd: a.windowEnd, agents: a.agents });
    }
    return out.sort((x, y) => x.windowStart - y.windowStart || (x.type === 'queue' ? -1 : 1));
  }

  /** Every report still held (at the end of the input). */
  takeAll(): ReportWindow[] {
    return this.takeBefore(Infinity);
  }

  #addRows(event: IntervalEvent): void {
    let q = this.#queue.get(event.windowStart);
    if (!q) {
      q = { type: 'queue', windowStart: event.windowStart, windowEnd: event.windowStart + this.intervalMs, queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [], keys: new Map() };
      this.#queue.set(event.windowStart, q);
    }
    const section = q[sectionOf[event.kind]] as Located<unknown>[];
    for (const row of event.rows) {
      const key = `${event.kind} ${keyOf[event.kind](row.row as Record<string, unknown>)}`;
      const first = q.keys.get(key);
      if (first) {
        throw inputError(row.ref, undefined, `a second row for ${key.slice(event.kind.length + 1)} in the window starting ${isoMinute(event.windowStart)} (the first is at ${locate(first)}); the server would refuse the report`);
      }
      q.keys.set(key, row.ref);
      section.push({ value: row.row, ref: row.ref });
    }
  }

  #addActivities(event: ActivityEvent): void {
    let a = this.#activity.get(event.windowStart);
    if (!a) {
      a = { type: 'activity', windowStart: event.windowStart, windowEnd: event.windowStart + this.intervalMs, agents: [], byAgent: new Map() };
      this.#activity.set(event.windowStart, a);
    }
    for (const row of event.rows) {
      // One entry per agent: a repeated agentValue is refused by the server (spec §3.3).
      let entry = a.byAgent.get(row.agent.agentValue);
      if (!entry) {
        entry = { agent: { ...row.agent }, activities: [] };
        a.byAgent.set(row.agent.agentValue, entry);
        a.agents.push(entry);
      }
      entry.agent.agentId ||= row.agent.agentId;
      entry.agent.userName ||= row.agent.userName;
      entry.activities.push({ value: row.activity, ref: row.ref });
    }
  }
}
