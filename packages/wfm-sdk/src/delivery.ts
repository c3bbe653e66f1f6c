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

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    t.unref();
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

const maxAuthBackoffMs = 5 * 60_000;

/**
 * Sends outbox records in `seq` order (spec §5.9): state records pipelined up to `maxInFlight`, a
 * report only when everything before it is acknowledged, with nothing after it until it is.
 * Retryable failures retry without limit; permanent ones go to the dead letter and delivery goes on.
 */
export class Delivery {
  readonly #inFlight = new Set<number>();
  readonly #outcomes = new Map<number, { resolve: (o: DeliveryOutcome) => void; promise: Promise<DeliveryOutcome> }>();
  /** Outcomes of records settled ahead of the acknowledged prefix (pipelined), kept until it passes them. */
  readonly #settled = new Map<number, DeliveryOutcome>();
  readonly #stop = new AbortController();
  #reportInFlight = false;
  #idleWaiters: (() => void)[] = [];
  readonly #running = new Set<Promise<void>>();

  constructor(
    private readonly outbox: Outbox,
    private readonly api: Api,
    private readonly hooks: DeliveryHooks,
    private readonly maxInFlight: number,
    private readonly random: () => number = Math.random,
  ) {}

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

  /** Starts whatever may start now; call after appending records. */
  pump(): void {
    if (this.#stop.signal.aborted || this.#reportInFlight) return;
    for (const record of this.outbox.pending()) {
      if (this.#inFlight.size >= this.maxInFlight) break;
      if (this.#inFlight.has(record.seq)) continue;
      if (record.kind !== 'agentStates') {
        // A report waits for every earlier record, and holds back every later one.
        if (this.#inFlight.size === 0) this.#start(record, true);
        break;
      }
      this.#start(record, false);
    }
    if (this.#inFlight.size === 0) for (const w of this.#idleWaiters.splice(0)) w();
  }

  /** Resolves when nothing is pending or in flight (or delivery stopped). */
  idle(): Promise<void> {
    if (this.#stop.signal.aborted || (this.#inFlight.size === 0 && this.outbox.pending().length === 0)) return Promise.resolve();
    return new Promise((r) => this.#idleWaiters.push(r));
  }

  /** Stops starting and retrying, aborts requests on the wire, and resolves once every delivery has settled. */
  async stop(): Promise<void> {
    this.#stop.abort();
    for (const w of this.#idleWaiters.splice(0)) w();
    await Promise.all(this.#running);
  }

  #start(record: OutboxRecord, isReport: boolean): void {
    this.#inFlight.add(record.seq);
    if (isReport) this.#reportInFlight = true;
    const run = this.#deliver(record)
      .then((outcome) => (outcome ? this.#settle(record, outcome) : undefined))
      .catch((e: unknown) => this.hooks.trouble(e instanceof CXoneWfmException ? e : new CXoneWfmException({ statusReason: 'OUTBOX_FAILED', httpStatus: null, retryable: true, cause: e }), record))
      .finally(() => {
        this.#running.delete(run);
        this.#inFlight.delete(record.seq);
        if (isReport) this.#reportInFlight = false;
        this.pump();
      });
    this.#running.add(run);
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

  /** Delivers one record until it is acknowledged or refused for good; undefined when stopped first. */
  async #deliver(record: OutboxRecord): Promise<DeliveryOutcome | undefined> {
    const first = await this.#send(record, record.body);
    if (first === 'stopped') return undefined;
    if (first.ok || first.error.httpStatus !== 413) return first;
    // One re-split (spec §5.6): both halves must pass; a half refused again is permanent.
    const halves = halve(record.kind, record.body);
    if (!halves) return first;
    for (const part of halves) {
      const r = await this.#send(record, part);
      if (r === 'stopped') return undefined;
      if (!r.ok) return r;
    }
    return { ok: true };
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
        wait = retryDelayMs(attempt, parseRetryAfter(res.headers.get('retry-after')), this.random);
      } catch (e) {
        if (this.#stop.signal.aborted) return 'stopped';
        const error = e instanceof CXoneWfmException ? e : new CXoneWfmException({ statusReason: 'UNREACHABLE', httpStatus: null, retryable: true, cause: e });
        this.hooks.trouble(error, record);
        if (error.statusReason === 'AUTH_FAILED') {
          // Paused on credentials: keep the data, try logging in again, backing off up to 5 minutes.
          authFailures++;
          wait = Math.min(maxAuthBackoffMs, retryDelayMs(authFailures, null, this.random, 1000, maxAuthBackoffMs) + 1000);
        } else {
          wait = retryDelayMs(attempt, null, this.random);
        }
      }
      await sleep(wait, this.#stop.signal);
    }
  }
}
