import type { AgentState } from '@floorplan/contracts';

/**
 * Buffers agent states into records of at most `maxStates`, cut when full or `flushMs` after the
 * first buffered state (spec §5.9). `add` resolves with the seqs of the records that hold the
 * states it was given, once those records are durable.
 */
export class StateBatcher {
  #buffer: AgentState[] = [];
  #timer: NodeJS.Timeout | null = null;
  #current: { promise: Promise<number>; resolve: (seq: number) => void; reject: (e: unknown) => void } | null = null;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly maxStates: number,
    private readonly flushMs: number,
    /** Appends one record durably and returns its seq; called in order, one at a time. */
    private readonly appendRecord: (states: AgentState[]) => Promise<number>,
  ) {}

  get buffered(): number {
    return this.#buffer.length;
  }

  add(states: readonly AgentState[]): Promise<number[]> {
    const seqs: Promise<number>[] = [];
    for (const s of states) {
      this.#buffer.push(s);
      if (this.#buffer.length >= this.maxStates) seqs.push(this.#cut());
    }
    if (this.#buffer.length > 0) {
      seqs.push(this.#pending().promise);
      if (!this.#timer) {
        // Not unref()ed, unlike the SDK's other timers: a caller awaiting send() waits on it, and it
        // lives at most flushMs, only while states are buffered.
        this.#timer = setTimeout(() => void this.flush().catch(() => {}), this.flushMs);
      }
    }
    return Promise.all([...new Set(seqs)]);
  }

  /** Cuts whatever is buffered into a record now; resolves when every record cut so far is durable. */
  async flush(): Promise<void> {
    if (this.#buffer.length > 0) void this.#cut().catch(() => {});
    await this.#chain;
  }

  #pending() {
    if (!this.#current) {
      let resolve!: (seq: number) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<number>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => {});
      this.#current = { promise, resolve, reject };
    }
    return this.#current;
  }

  #cut(): Promise<number> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const chunk = this.#buffer.splice(0, this.maxStates);
    const waiter = this.#pending();
    this.#current = null;
    const appended = this.#chain.then(() => this.appendRecord(chunk));
    this.#chain = appended.catch(() => {});
    appended.then(waiter.resolve, waiter.reject);
    return waiter.promise;
  }
}
