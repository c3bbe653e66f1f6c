import { CXoneWfmException, type AgentActivityReportDTO, type ReportDTO, type WfmClient } from '@floorplan/wfm-sdk';
import type { ReplaySink, StateRow } from './replay.js';
import type { ActivityWindow, QueueWindow, ReportWindow } from './reports.js';
import { InputError, locate, type RowRef } from './rows.js';

/** Delivery counters and permanent failures, as seen through the SDK's events. */
export interface SdkSinkStats {
  /** Durable in the outbox. */
  statesQueued: number;
  reportsQueued: number;
  /** Acknowledged by the server (including records resumed from an earlier run). */
  statesDelivered: number;
  reportRecordsDelivered: number;
  outboxDepth: number;
}

export interface SdkSink extends ReplaySink {
  stats(): SdkSinkStats;
  /** Records the server refused for good (dead-lettered) and other delivery problems, as messages. */
  failures: string[];
  /** Waits until everything queued is acknowledged or refused; rejects on `signal`. */
  finish(): Promise<void>;
}

export interface SdkSinkOptions {
  signal?: AbortSignal;
  /** A delivery problem retrying cannot fix (bad credentials): the run should stop. */
  onFatal(error: CXoneWfmException): void;
  /**
   * Stop reading while this many records wait in the outbox: pending records are also held in
   * memory by the SDK, so an unbounded lead over delivery would grow memory with the file's size.
   */
  maxOutboxRecords?: number;
  /** State sends awaiting durability at once (they are not awaited one by one, to keep pace). */
  maxPendingSends?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Where a SDK validation path (`agentStateList[3].eventUtcTime`) points in the CSV files. */
type Lookup = (path: string) => { ref: RowRef; column: string } | undefined;

function sdkError(e: unknown, what: string, lookup: Lookup): unknown {
  if (!(e instanceof CXoneWfmException) || e.statusReason !== 'VALIDATION_FAILED') return e;
  const issue = e.getResponse().errors[0];
  const at = issue ? lookup(issue.path) : undefined;
  if (!issue || !at) return new InputError(`the SDK refused ${what}: ${e.message}`);
  return new InputError(`${locate(at.ref, at.column)}: ${at.column}: ${issue.message} (the SDK refused ${what} at ${issue.path})`);
}

const statesLookup = (rows: StateRow[]): Lookup => (path) => {
  const m = /^agentStateList\[(\d+)\]\.?(\w*)/.exec(path);
  const row = m ? rows[Number(m[1])] : undefined;
  return row && m ? { ref: row.ref, column: m[2] || 'eventUtcTime' } : undefined;
};

function queueLookup(w: QueueWindow): Lookup {
  return (path) => {
    const m = /^reportData\.(queueReport|agentQueueReport|agentSystemPerformanceReport)\[(\d+)\]\.?(\w*)/.exec(path);
    if (m) {
      const row = w[m[1] as 'queueReport'][Number(m[2])];
      return row ? { ref: row.ref, column: m[3] || 'startDate' } : undefined;
    }
    // Envelope problems (the window) belong to the window's first row.
    const first = w.queueReport[0] ?? w.agentQueueReport[0] ?? w.agentSystemPerformanceReport[0];
    return first ? { ref: first.ref, column: 'startDate' } : undefined;
  };
}

function activityLookup(w: ActivityWindow): Lookup {
  return (path) => {
    const m = /^reportData\[(\d+)\](?:\.agentActivity\[(\d+)\])?\.?(\w*)/.exec(path);
    const agent = m ? w.agents[Number(m[1])] : w.agents[0];
    const row = agent?.activities[m?.[2] === undefined ? 0 : Number(m[2])];
    // `reportData[i].agentActivity` (too many activities for one agent) is about the agent's column.
    const field = m?.[3] || 'startTime';
    return row ? { ref: row.ref, column: field === 'agentActivity' ? 'agentValue' : field } : undefined;
  };
}

/** The wire queue report of a window: all three sections, `[]` for a missing one (spec §1.4). */
export function queueReportOf(w: QueueWindow): ReportDTO {
  return {
    startDate: iso(w.windowStart),
    endDate: iso(w.windowEnd),
    reportData: {
      queueReport: w.queueReport.map((r) => r.value),
      agentQueueReport: w.agentQueueReport.map((r) => r.value),
      agentSystemPerformanceReport: w.agentSystemPerformanceReport.map((r) => r.value),
    },
  };
}

/** The wire activity report of a window: one entry per agent. */
export function activityReportOf(w: ActivityWindow): AgentActivityReportDTO {
  return {
    startDate: iso(w.windowStart),
    endDate: iso(w.windowEnd),
    reportData: w.agents.map((a) => ({ ...a.agent, agentActivity: a.activities.map((x) => x.value) })),
  };
}

/**
 * Sends the replay through `@floorplan/wfm-sdk`: states and reports go into the SDK's durable
 * outbox; a local validation failure becomes an {@link InputError} naming the CSV cell. Reading
 * pauses while the outbox holds `maxOutboxRecords` records, so a history of any size replays in
 * bounded memory.
 *
 * @example
 * const sink = createSdkSink(wfm, { onFatal: (e) => controller.abort(e) });
 * await replay({ sources, intervalMs, speed, sink }); await sink.finish();
 */
export function createSdkSink(wfm: WfmClient, options: SdkSinkOptions): SdkSink {
  const { signal, onFatal, maxOutboxRecords = 64, maxPendingSends = 8 } = options;
  const stats = { statesQueued: 0, reportsQueued: 0, statesDelivered: 0, reportRecordsDelivered: 0 };
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  wfm.on('delivered', (d) => {
    if (d.kind === 'agentStates') stats.statesDelivered += d.items;
    else stats.reportRecordsDelivered++;
    poke();
  });
  wfm.on('error', (err, ctx) => {
    if (err.statusReason === 'AUTH_FAILED') onFatal(err);
    else {
      const where = ctx.seq === undefined ? '' : ` ${ctx.kind ?? 'record'} record #${ctx.seq}`;
      const detail = err.getResponse().errors.map((x) => `${x.path}: ${x.message}`).slice(0, 3).join('; ');
      failures.push(`the server refused${where}: ${err.statusReason}${err.httpStatus ? ` (HTTP ${err.httpStatus})` : ''}${detail ? `: ${detail}` : ''}`);
    }
    poke();
  });

  const waitForRoom = async () => {
    while (wfm.stats().outboxDepth >= maxOutboxRecords) {
      signal?.throwIfAborted();
      // Woken by a delivery; the timer only guards against a missed wake-up.
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1000);
        const done = () => (clearTimeout(t), signal?.removeEventListener('abort', done), resolve());
        wake = done;
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  };
  const settlePending = async () => {
    while (pending.length > 0) await pending.shift();
  };
  const send = async (w: ReportWindow) => {
    if (w.type === 'queue') await wfm.reports.queue(queueReportOf(w)).catch((e: unknown) => Promise.reject(sdkError(e, `the queue report of ${iso(w.windowStart)}`, queueLookup(w))));
    else await wfm.reports.agentActivity(activityReportOf(w)).catch((e: unknown) => Promise.reject(sdkError(e, `the activity report of ${iso(w.windowStart)}`, activityLookup(w))));
  };

  return {
    failures,
    async states(rows) {
      // Not awaited one by one: the SDK queues sends in the order they are called, and waiting for
      // each to be durable (an fsync, or a batching delay in some SDK versions) would hold back a
      // paced replay. At most maxPendingSends are outstanding.
      const p = wfm.agentStates.send(rows.map((r) => r.state)).then(
        () => void (stats.statesQueued += rows.length),
        (e: unknown) => Promise.reject(sdkError(e, 'a batch of states', statesLookup(rows))),
      );
      p.catch(() => {}); // surfaced when awaited below; this only prevents an unhandled rejection
      pending.push(p);
      while (pending.length > maxPendingSends) await pending.shift();
      await waitForRoom();
    },
    async report(w) {
      // Called before the outstanding state sends settle: the SDK queues the report after them
      // anyway, and a state send may only settle once something flushes the SDK's buffer.
      const sent = send(w);
      sent.catch(() => {});
      await settlePending();
      await sent;
      stats.reportsQueued++;
      await waitForRoom();
    },
    async finish() {
      const flushed = wfm.flush(); // before settling the state sends, as in report()
      flushed.catch(() => {});
      await settlePending();
      const aborted = new Promise<never>((_, reject) => {
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      aborted.catch(() => {});
      await Promise.race([flushed, aborted]);
    },
    stats: () => ({ ...stats, outboxDepth: wfm.stats().outboxDepth }),
  };
}
