/**
 * Runs async jobs one at a time, in call order. The file outbox puts every file mutation through one
 * of these so a segment is never written, truncated and deleted at the same time.
 *
 * @example
 * const serial = new Serial();
 * await serial.run(async () => writeSomething());
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    // A failed job must not poison the ones queued after it; its caller sees the rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * A job that callers join while it waits for its turn: many requests, one run. This is the group
 * commit: appends (or acks) arriving while a sync is in progress share the next sync.
 *
 * @example
 * const flush = new CoalescedJob(serial, async () => { ...write everything queued, sync once... });
 * await flush.request();
 */
export class CoalescedJob {
  private queued: Promise<void> | null = null;

  constructor(
    private readonly serial: Serial,
    private readonly job: () => Promise<void>,
  ) {}

  request(): Promise<void> {
    this.queued ??= this.serial.run(async () => {
      // From here on, new requests need a new run: this one may already have taken its snapshot.
      this.queued = null;
      await this.job();
    });
    return this.queued;
  }
}
