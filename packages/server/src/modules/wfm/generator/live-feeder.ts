// Drives the live feed through the WFM SDK, as a real ACD connector would (log-in with an
// acd-connector key, outbox, batching, heartbeats): simulated time advances at `speed` × wall
// clock (or as fast as delivery allows with `max`) but never overtakes the server's clock, so a
// feeder started in the past catches up and then runs in real time.
import { connectWfm, type WfmClient } from '@floorplan/wfm-sdk';
import { createFeed, type FeedEvent, type FeedPlan } from './live-feed.js';

export type FeedSpeed = number | 'max';

export interface LiveFeederOptions {
  plan: FeedPlan;
  /** Simulated start (epoch ms); default the server's now. */
  from?: number;
  /** Simulated end (exclusive); default: run until `stop()`. */
  until?: number;
  /** Simulated seconds per wall-clock second (1 = real time, 60 = a minute a second) or `max`. */
  speed?: FeedSpeed;
  tenantName?: string;
  /** Durable SDK outbox; default in memory. */
  outboxDir?: string;
  /** Each chunk sent: the simulated time reached and the counts so far. */
  onProgress?: (p: FeederProgress) => void;
}

export interface FeederProgress {
  simulatedTime: number;
  states: number;
  queueReports: number;
  activityReports: number;
  /** Records the server refused for good (dead-lettered by the SDK). */
  failures: string[];
}

export interface LiveFeeder {
  /** Resolves when `until` is reached (never without `until`) or after `stop()`. */
  readonly done: Promise<FeederProgress>;
  /** Stops at the next chunk boundary, flushes the SDK and resolves with the totals. */
  stop(): Promise<FeederProgress>;
}

/** Largest simulated step sent at once (bounds memory at `max` speed). */
const MAX_STEP_MS = 15 * 60_000;
const TICK_MS = 250;

/**
 * Connects with `key` to `url` and starts feeding. `stop()` ends it cleanly (SIGINT handlers call it).
 *
 * @example
 * const feeder = await startLiveFeeder('http://localhost:8080', key, { plan, speed: 60 });
 * process.once('SIGINT', () => void feeder.stop());
 */
export async function startLiveFeeder(url: string, key: { accessKeyId: string; accessKeySecret: string }, options: LiveFeederOptions): Promise<LiveFeeder> {
  const progress: FeederProgress = { simulatedTime: 0, states: 0, queueReports: 0, activityReports: 0, failures: [] };
  const wfm: WfmClient = await connectWfm({
    serviceUrl: url,
    ...key,
    ...(options.tenantName ? { tenantName: options.tenantName } : {}),
    ...(options.outboxDir ? { outboxDir: options.outboxDir } : {}),
    connectorName: 'floorplan-generator',
    logger: null,
  });
  wfm.on('error', (err, ctx) => {
    progress.failures.push(`${ctx.kind ?? 'record'} ${ctx.startDate ?? ''}: ${err.statusReason} ${err.message}`.replace(/\s+/g, ' ').trim());
  });
  const details = await wfm.details();
  const offset = Date.parse(details.serverTime) - Date.now();
  const serverNow = () => Date.now() + offset;
  const speed = options.speed ?? 1;
  const from = options.from ?? serverNow();
  const until = options.until ?? Infinity;
  progress.simulatedTime = from;

  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  async function send(events: readonly FeedEvent[]): Promise<void> {
    const states = events.flatMap((e) => (e.kind === 'state' ? [e.state] : []));
    // Reports follow the states of their window, in time order, as the ACD would send them.
    let i = 0;
    for (const e of events) {
      if (e.kind === 'state') continue;
      const before = states.filter((s) => Date.parse(s.eventUtcTime) <= e.at).slice(i);
      if (before.length > 0) await wfm.agentStates.send(before);
      i += before.length;
      if (e.kind === 'queueReport') {
        await wfm.reports.queue(e.report);
        progress.queueReports++;
      } else {
        await wfm.reports.agentActivity(e.report);
        progress.activityReports++;
      }
    }
    const rest = states.slice(i);
    if (rest.length > 0) await wfm.agentStates.send(rest);
    progress.states += states.length;
  }

  const feed = createFeed(options.plan);

  async function run(): Promise<FeederProgress> {
    const startedWall = Date.now();
    let sim = from;
    try {
      while (!stopping && sim < until) {
        const paced = speed === 'max' ? Infinity : from + speed * (Date.now() - startedWall);
        const target = Math.min(paced, serverNow(), until, sim + MAX_STEP_MS);
        if (target > sim) {
          await send(feed.events(sim, target));
          sim = target;
          progress.simulatedTime = sim;
          // Back-pressure at full speed: never queue more than one step ahead of delivery.
          if (speed === 'max') await wfm.flush();
          options.onProgress?.({ ...progress, failures: [...progress.failures] });
        }
        if (sim < until && (speed !== 'max' || sim >= serverNow() - 1)) await sleep(TICK_MS);
      }
    } finally {
      // Also after a failed send: what is queued is still delivered (or kept in the outbox).
      await wfm.close({ timeoutMs: 30_000 });
    }
    return { ...progress, failures: [...progress.failures] };
  }

  const done = run();
  return {
    done,
    async stop() {
      stopping = true;
      wake?.();
      return done;
    },
  };
}
