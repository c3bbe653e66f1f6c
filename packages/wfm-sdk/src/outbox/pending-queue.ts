import type { OutboxRecord, OutboxStats } from './outbox.js';

/** A pending record and its stored size; implementations may attach more (e.g. its segment). */
export interface PendingEntry {
  record: OutboxRecord;
  bytes: number;
}

/** The acknowledgement state worth persisting: the prefix and the acks above it (out-of-order deliveries). */
export interface AckState {
  ackedThrough: number;
  acked: number[];
}

/**
 * Pending records in seq order plus acknowledgement bookkeeping, shared by both outboxes.
 *
 * `ackedThrough` is "everything below the oldest pending record", or the highest seq seen when
 * nothing is pending. Defining it from the pending set rather than by counting acks lets it pass
 * seqs that will never be acknowledged because they are not pending at all (a quarantined segment),
 * which would otherwise stall the prefix forever.
 *
 * @example
 * const q = new PendingQueue({ ackedThrough: 0, acked: [] });
 * q.add({ record, bytes }); q.ack(record.seq); q.ackedThrough; // record.seq
 */
export class PendingQueue<E extends PendingEntry = PendingEntry> {
  private readonly entries = new Map<number, E>();
  private readonly ackedAbove = new Set<number>();
  private lastSeq: number;
  private lastAdded = 0;
  private bytes = 0;
  private listCache: readonly OutboxRecord[] | null = null;
  /** The acknowledged prefix as read at open; records at or below it are never pending. */
  private readonly floor: number;

  constructor(initial: AckState) {
    this.lastSeq = Math.max(initial.ackedThrough, ...initial.acked, 0);
    for (const seq of initial.acked) if (seq > initial.ackedThrough) this.ackedAbove.add(seq);
    this.floor = initial.ackedThrough;
  }

  /** The seq the next appended record gets. */
  get nextSeq(): number {
    return this.lastSeq + 1;
  }

  get ackedThrough(): number {
    const first = this.entries.keys().next();
    return first.done ? this.lastSeq : first.value - 1;
  }

  /** Whether a record found on disk is already acknowledged (so not pending). */
  isAcked(seq: number): boolean {
    return seq <= this.floor || this.ackedAbove.has(seq);
  }

  /** Records that a seq exists (on disk, spent or quarantined) so new seqs continue above it. */
  noteSeq(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  /** Adds a pending record; seqs must strictly increase. */
  add(entry: E): void {
    const { seq } = entry.record;
    if (seq <= this.lastAdded || this.isAcked(seq)) throw new RangeError(`seq ${seq} is out of order`);
    this.entries.set(seq, entry);
    this.lastAdded = seq;
    this.noteSeq(seq);
    this.bytes += entry.bytes;
    this.listCache = null;
  }

  /** Throws RangeError unless `seq` was handed out (appended, or found on disk). */
  checkSeq(seq: number): void {
    if (!Number.isSafeInteger(seq) || seq < 1 || seq > this.lastSeq) throw new RangeError(`unknown outbox seq ${seq}`);
  }

  get(seq: number): E | undefined {
    return this.entries.get(seq);
  }

  /**
   * Acknowledges `seq`: returns the entry it removed, or undefined when it was not pending (a repeated
   * ack). A seq that was never handed out throws RangeError.
   */
  ack(seq: number): E | undefined {
    this.checkSeq(seq);
    const entry = this.entries.get(seq);
    if (entry === undefined) return undefined;
    this.entries.delete(seq);
    this.bytes -= entry.bytes;
    this.listCache = null;
    const through = this.ackedThrough;
    if (seq > through) this.ackedAbove.add(seq);
    // Out-of-order acks are few (bounded by the deliveries in flight), so scanning them is cheap.
    for (const s of this.ackedAbove) if (s <= through) this.ackedAbove.delete(s);
    return entry;
  }

  /** Pending records in seq order; the same array until the next change. */
  list(): readonly OutboxRecord[] {
    this.listCache ??= Array.from(this.entries.values(), (e) => e.record);
    return this.listCache;
  }

  stats(): OutboxStats {
    return { pendingRecords: this.entries.size, pendingBytes: this.bytes, ackedThrough: this.ackedThrough };
  }

  ackState(): AckState {
    const through = this.ackedThrough;
    const acked = [...this.ackedAbove].filter((s) => s > through).sort((a, b) => a - b);
    return { ackedThrough: through, acked };
  }
}
