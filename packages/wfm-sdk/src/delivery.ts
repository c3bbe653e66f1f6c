import type { Api } from './api.js';
import { CXoneWfmException, errorFromResponse, isRetryableStatus } from './errors.js';
import type { Outbox, OutboxRecord, RecordKind } from './outbox/outbox.js';
import { halve } from './report-split.js';
import { parseRetryAfter, retryDelayMs } from './retry-policy.js';

export const pathOf: Record<RecordKind, string> = {
  agentStates: '/wfm/acd/v1/agent-states',
  agentActivity: '/wfm/acd/v1/reports/agent-activity',
  queue: '/wfm/acd/v1/reports/queue',
};

export type DeliveryOutcome = { ok: true } | { ok: false; error: CXoneWfmException };

export interface DeliveryHooks {
  delivered(record: OutboxRecord): void;
  failed(record: OutboxRecord, error: CXoneWfmException): void;
  /** A retryable problem (network, 5xx, 429, auth); delivery keeps trying. */
  trouble(error: CXoneWfmException, record: OutboxRecord): void;
}

export interface DeliveryOptions {
  maxInFlight: number;
  /** Most states one request carries; adjacent state records are merged up to it. */
  maxStates: number;
  /** How long a state request may wait for more records to join it (from its oldest record). */
  flushMs: number;
  random?: () => number;
}

/** Waits `ms` or until `signal` aborts, leaving no listener behind either way. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    t.unref();
    signal.addEventListener('abort', done, { once: true });
  });

const maxAuthBackoffMs = 5 * 60_000;
const statesOf = (r: OutboxRecord) => (r.body as { agentStateList: unknown[] }).agentStateList.length;
const stateBody = (group: readonly OutboxRecord[]) => ({ agentStateList: group.flatMap((r) => (r.body as { agentStateList: unknown[] }).agentStateList) });

/**
 * Sends outbox records in `seq` order (spec §5.9). Adjacent state records are merged into requests of
 * up to `maxStates` states, a request waiting at most `flushMs` for company, and up to `maxInFlight`
 * state requests overlap; a report goes only when everything before it is acknowledged, and nothing
 * after it starts until it is. Retryable failures retry without limit; permanent ones go to the dead
 * letter (a merged request refused for good is retried record by record first) and delivery goes on.
 */
export class Delivery {
  readonly #inFlight = new Set<number>();
  #requests = 0;
  readonly #outcomes = new Map<number, { resolve: (o: DeliveryOutcome) => void; promise: Promise<DeliveryOutcome> }>();
  /** Outcomes of records settled ahead of the acknowledged prefix (pipelined), kept until it passes them. */
  readonly #settled = new Map<number, DeliveryOutcome>();
  readonly #stop = new AbortController();
  readonly #running = new Set<Promise<void>>();
  readonly #random: () => number;
  #reportInFlight = false;
  #urgent = 0;
  #wakeTimer: NodeJS.Timeout | null = null;
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly api: Api,
    private readonly hooks: DeliveryHooks,
    private readonly options: DeliveryOptions,
  ) {
    this.#random = options.random ?? Math.random;
  }

  /** Resolves when the record is acknowledged or dead-lettered; never rejects. */
  outcome(seq: number): Promise<DeliveryOutcome> {
    const settled = this.#settled.get(seq);
    if (settled) return Promise.resolve(settled);
    if (seq <= this.outbox.stats().ackedThrough) return Promise.resolve({ ok: true });
    let entry = this.#outcomes.get(seq);
    if (!entry) {
      let resolve!: (o: DeliveryOutcome) => void;
      const promise = new Promise<DeliveryOutcome>((r) => (resolve = r));
      entry = { resolve, promise };
      this.#outcomes.set(seq, entry);
    }
    return entry.promise;
  }

  /** While urgent (flush, close), state requests leave without waiting for company. */
  urgent<T>(p: Promise<T>): Promise<T> {
    this.#urgent++;
    this.pump();
    return p.finally(() => this.#urgent--);
  }

  /** Starts whatever may start now; called after appends and after each settled request. */
  pump(): void {
    if (this.#stop.signal.aborted || this.#reportInFlight) return this.#maybeIdle();
    const pending = this.outbox.pending();
    let i = 0;
    while (this.#requests < this.options.maxInFlight && i < pending.length) {
      const record = pending[i]!;
      if (this.#inFlight.has(record.seq)) {
        i++;
        continue;
      }
      if (record.kind !== 'agentStates') {
        // A report waits for every earlier record, and holds back every later one.
        if (this.#requests === 0) this.#start([record], true);
        break;
      }
      const group = [record];
      let states = statesOf(record);
      let j = i + 1;
      for (; j < pending.length; j++) {
        const next = pending[j]!;
        if (next.kind !== 'agentStates' || this.#inFlight.has(next.seq) || states + statesOf(next) > this.options.maxStates) break;
        group.push(next);
        states += statesOf(next);
      }
      const waitMs = Date.parse(record.createdAt) + this.options.flushMs - Date.now();
      if (j === pending.length && states < this.options.maxStates && waitMs > 0 && this.#urgent === 0) {
        this.#wakeAt(waitMs);
        break;
      }
      this.#start(group, false);
      i = j;
    }
    this.#maybeIdle();
  }

  /** Resolves when nothing is pending or in flight (or delivery stopped). */
  idle(): Promise<void> {
    if (this.#stop.signal.aborted || (this.#requests === 0 && this.outbox.pending().length === 0)) return Promise.resolve();
    return new Promise((r) => this.#idleWaiters.push(r));
  }

  /** Stops starting and retrying, aborts requests on the wire, and resolves once every delivery has settled. */
  async stop(): Promise<void> {
    this.#stop.abort();
    if (this.#wakeTimer) clearTimeout(this.#wakeTimer);
    for (const w of this.#idleWaiters.splice(0)) w();
    await Promise.all(this.#running);
  }

  #maybeIdle(): void {
    if (this.#requests === 0 && (this.#stop.signal.aborted || this.outbox.pending().length === 0)) for (const w of this.#idleWaiters.splice(0)) w();
  }

  #wakeAt(ms: number): void {
    if (this.#wakeTimer) return;
    // Not unref()ed: it only runs while states wait for company, at most flushMs.
    this.#wakeTimer = setTimeout(() => {
      this.#wakeTimer = null;
      this.pump();
    }, ms);
  }

  #start(group: OutboxRecord[], isReport: boolean): void {
    for (const r of group) this.#inFlight.add(r.seq);
    this.#requests++;
    if (isReport) this.#reportInFlight = true;
    const run = this.#deliverGroup(group)
      .catch((e: unknown) => {
        const error = e instanceof CXoneWfmException ? e : new CXoneWfmException({ statusReason: 'OUTBOX_FAILED', httpStatus: null, retryable: true, cause: e });
        this.hooks.trouble(error, group[0]!);
      })
      .finally(() => {
        this.#running.delete(run);
        for (const r of group) this.#inFlight.delete(r.seq);
        this.#requests--;
        if (isReport) this.#reportInFlight = false;
        this.pump();
      });
    this.#running.add(run);
  }

  async #deliverGroup(group: OutboxRecord[]): Promise<void> {
    const first = group[0]!;
    const body = first.kind === 'agentStates' && group.length > 1 ? stateBody(group) : first.body;
    const outcome = await this.#send(first, body);
    if (outcome === 'stopped') return;
    if (outcome.ok) {
      for (const r of group) await this.#settle(r, outcome);
      return;
    }
    if (group.length > 1) {
      // Find the record at fault: each one on its own, so the others are not dead-lettered with it.
      for (const r of group) {
        const own = await this.#deliverOne(r);
        if (own === 'stopped') return;
        await this.#settle(r, own);
      }
      return;
    }
    await this.#settle(first, outcome.error.httpStatus === 413 ? await this.#resplit(first, outcome) : outcome);
  }

  async #deliverOne(record: OutboxRecord): Promise<DeliveryOutcome | 'stopped'> {
    const r = await this.#send(record, record.body);
    if (r === 'stopped' || r.ok || r.error.httpStatus !== 413) return r;
    return this.#resplit(record, r);
  }

  /** The one re-split of spec §5.6: both halves must pass; a half refused again is permanent. */
  async #resplit(record: OutboxRecord, refused: DeliveryOutcome): Promise<DeliveryOutcome> {
    const halves = halve(record.kind, record.body);
    if (!halves) return refused;
    for (const part of halves) {
      const r = await this.#send(record, part);
      if (r === 'stopped') return refused;
      if (!r.ok) return r;
    }
    return { ok: true };
  }

  async #settle(record: OutboxRecord, outcome: DeliveryOutcome): Promise<void> {
    if (outcome.ok) {
      await this.outbox.ack(record.seq);
      this.hooks.delivered(record);
    } else {
      await this.outbox.deadLetter(record, outcome.error);
      this.hooks.failed(record, outcome.error);
    }
    this.#settled.set(record.seq, outcome);
    const through = this.outbox.stats().ackedThrough;
    for (const seq of this.#settled.keys()) if (seq <= through && seq !== record.seq) this.#settled.delete(seq);
    this.#outcomes.get(record.seq)?.resolve(outcome);
    this.#outcomes.delete(record.seq);
  }

  async #send(record: OutboxRecord, body: unknown): Promise<DeliveryOutcome | 'stopped'> {
    let authFailures = 0;
    for (let attempt = 1; ; attempt++) {
      if (this.#stop.signal.aborted) return 'stopped';
      let wait: number;
      try {
        const res = await this.api('POST', pathOf[record.kind], body, this.#stop.signal);
        if (res.status === 200) return { ok: true };
        const error = errorFromResponse(res.status, res.text);
        if (!isRetryableStatus(res.status)) return { ok: false, error };
        this.hooks.trouble(error, record);
        wait = retryDelayMs(attempt, parseRetryAfter(res.headers.get('retry-after')), this.#random);
      } catch (e) {
        if (this.#stop.signal.aborted) return 'stopped';
        const error = e instanceof CXoneWfmException ? e : new CXoneWfmException({ statusReason: 'UNREACHABLE', httpStatus: null, retryable: true, cause: e });
        this.hooks.trouble(error, record);
        if (error.statusReason === 'AUTH_FAILED') {
          // Paused on credentials: keep the data, try logging in again, backing off up to 5 minutes.
          authFailures++;
          wait = Math.min(maxAuthBackoffMs, retryDelayMs(authFailures, null, this.#random, 1000, maxAuthBackoffMs) + 1000);
        } else {
          wait = retryDelayMs(attempt, null, this.#random);
        }
      }
      await sleep(wait, this.#stop.signal);
    }
  }
}
