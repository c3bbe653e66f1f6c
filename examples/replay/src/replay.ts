import { setTimeout as delay } from 'node:timers/promises';
import { mergeByTime } from './merge.js';
import { WindowAssembler, type ReportWindow } from './reports.js';
import type { Row } from './rows.js';
import { createSchedule, type Schedule, type Speed } from './schedule.js';
import type { FileSource, ReplayEvent } from './sources.js';

/** A state row ready to send. */
export type StateRow = Extract<Row, { kind: 'states' }>;

/** Where the replay puts what it reads: the SDK, or nothing at all for `--dry-run`. */
export interface ReplaySink {
  /** States in event-time order, at most `statesPerSend` at a time. */
  states(rows: StateRow[]): Promise<void>;
  /** One report for one window, after every state due before its end. */
  report(window: ReportWindow): Promise<void>;
}

/** What the replay has read and handed to the sink so far; updated as it goes, for progress. */
export interface ReplayCounts {
  states: number;
  queueRows: number;
  agentQueueRows: number;
  agentSystemRows: number;
  activities: number;
  queueReports: number;
  activityReports: number;
  /** Earliest time covered (a state's time, a window's start) and latest reached (a state's time, a window's end), epoch ms. */
  firstEventMs: number | null;
  lastEventMs: number | null;
}

export interface ReplayOptions {
  sources: readonly FileSource[];
  intervalMs: number;
  speed: Speed;
  sink: ReplaySink;
  /** Stops between items (Ctrl-C); the replay then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Counters to update in place (progress reads them while the replay runs). */
  counts?: ReplayCounts;
  /** States handed to the sink per call (the SDK's record size). */
  statesPerSend?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Fresh zeroed counters. */
export const emptyCounts = (): ReplayCounts => ({
  states: 0,
  queueRows: 0,
  agentQueueRows: 0,
  agentSystemRows: 0,
  activities: 0,
  queueReports: 0,
  activityReports: 0,
  firstEventMs: null,
  lastEventMs: null,
});

const rowCounter = { queue: 'queueRows', agentQueue: 'agentQueueRows', agentSystem: 'agentSystemRows' } as const;

/**
 * Replays the files in event-time order: merges their streams by time, hands states to the sink
 * in order (batched), and each window's interval or activity rows as one report once every file
 * has moved past the window's end. With a speed factor, each item waits until it is due (a state
 * at its time, a report at its window's end, both relative to the first item).
 *
 * @example
 * const counts = await replay({ sources, intervalMs: 900_000, speed: { kind: 'max' }, sink });
 */
export async function replay(options: ReplayOptions): Promise<ReplayCounts> {
  const { sources, intervalMs, speed, sink, signal } = options;
  const counts = options.counts ?? emptyCounts();
  const statesPerSend = options.statesPerSend ?? 1000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number, s?: AbortSignal) => delay(ms, undefined, s ? { signal: s } : {}));
  const assembler = new WindowAssembler(intervalMs);
  let buffer: StateRow[] = [];
  let schedule: Schedule | null = null;

  const flushStates = async () => {
    if (buffer.length === 0) return;
    const rows = buffer;
    buffer = [];
    await sink.states(rows);
  };
  const sendReports = async (windows: ReportWindow[]) => {
    for (const w of windows) {
      // States due before the window's end go first, as a live ACD would have sent them.
      await flushStates();
      await sink.report(w);
      if (w.type === 'queue') counts.queueReports++;
      else counts.activityReports++;
    }
  };
  // States before reports at the same instant: a report covers a window that has just closed.
  const rank = (e: ReplayEvent) => (e.type === 'state' ? 0 : 1);

  for await (const event of mergeByTime(sources.map((s) => s.events), rank)) {
    signal?.throwIfAborted();
    await sendReports(assembler.takeBefore(event.at));
    schedule ??= createSchedule(now(), event.at, speed);
    const covers = event.type === 'state' ? event.at : event.windowStart;
    counts.firstEventMs = Math.min(counts.firstEventMs ?? covers, covers);
    const wait = schedule.dueAt(event.at) - now();
    if (wait > 0) {
      await flushStates();
      await sleep(wait, signal);
    }
    counts.lastEventMs = event.at;
    if (event.type === 'state') {
      buffer.push(event.row);
      counts.states++;
      if (buffer.length >= statesPerSend) await flushStates();
    } else {
      assembler.add(event);
      if (event.type === 'activities') counts.activities += event.rows.length;
      else counts[rowCounter[event.kind]] += event.rows.length;
    }
  }
  signal?.throwIfAborted();
  await sendReports(assembler.takeAll());
  await flushStates();
  return counts;
}
