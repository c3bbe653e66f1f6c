/** What a record carries: one request body of one kind, delivered as one HTTP request. */
export type RecordKind = 'agentStates' | 'agentActivity' | 'queue';

/** One line of a segment file (spec §5.8). `sum` is the first 16 hex digits of SHA-256 of `JSON.stringify(body)`. */
export interface OutboxRecord {
  seq: number;
  kind: RecordKind;
  createdAt: string;
  body: unknown;
  sum: string;
}

export interface OutboxStats {
  /** Records appended and not yet acknowledged (or dead-lettered). */
  pendingRecords: number;
  /** Bytes of those records as stored. */
  pendingBytes: number;
  /** Highest seq of the contiguous acknowledged prefix (0 before any). */
  ackedThrough: number;
}

/**
 * The queue of records the SDK has promised to deliver. The file implementation makes every append
 * durable (fdatasync) before it resolves; the memory one only keeps them in the process.
 *
 * Both implementations take ownership of each appended `body`: it must be plain JSON data and must
 * not be mutated afterwards (the stored line and `sum` are computed once, at append).
 *
 * Once `close()` has been called every other method rejects (or, for the synchronous ones, throws)
 * with `OutboxClosedError`; `close()` itself is idempotent.
 *
 * @example
 * const outbox = await openFileOutbox({ dir, maxBytes: 2 ** 30 });
 * const [record] = await outbox.append([{ kind: 'agentStates', body: { agentStateList } }]);
 * // ... deliver record.body ...
 * await outbox.ack(record!.seq);
 * await outbox.close();
 */
export interface Outbox {
  readonly durable: boolean;
  /**
   * Appends records in order with one sync; resolves once they are durable. Rejects with
   * OutboxFullError past the cap (and then stores none of `items`). Seqs strictly increase, also
   * across reopening the same directory.
   */
  append(items: readonly { kind: RecordKind; body: unknown }[]): Promise<OutboxRecord[]>;
  /** Pending records in seq order (those appended and not acknowledged), including ones found on disk at open. */
  pending(): readonly OutboxRecord[];
  /**
   * Marks a record delivered; `ackedThrough` advances over the contiguous prefix and spent segments
   * are removed. Acks may arrive out of order and twice; a seq never handed out rejects with RangeError.
   */
  ack(seq: number): Promise<void>;
  /** Moves a permanently refused record to `dead-letter.jsonl` with the error, and acknowledges it. */
  deadLetter(record: OutboxRecord, error: unknown): Promise<void>;
  stats(): OutboxStats;
  /** The cached `/details` answer of an earlier run (`details.json`), or null. */
  readDetails(): Promise<unknown | null>;
  writeDetails(details: unknown): Promise<void>;
  /** Flushes state and releases the directory lock. */
  close(): Promise<void>;
}

/** An append would take the pending bytes past `maxBytes`; nothing of it was stored (SDK reason `OUTBOX_FULL`). */
export class OutboxFullError extends Error {
  override readonly name = 'OutboxFullError';
}

/** Another live process holds the outbox directory. */
export class OutboxLockedError extends Error {
  override readonly name = 'OutboxLockedError';
}

/** The outbox was used after `close()` (SDK reason `CLOSED`). */
export class OutboxClosedError extends Error {
  override readonly name = 'OutboxClosedError';
  constructor() {
    super('The outbox is closed');
  }
}

/**
 * A segment had a damaged line other than a torn tail; it was moved to `corrupt/` and its records
 * are not delivered. Reported through `onError`, never thrown by `openFileOutbox`.
 */
export class CorruptSegmentError extends Error {
  override readonly name = 'CorruptSegmentError';
  constructor(
    /** Segment file name, e.g. `seg-000000000001.jsonl`. */
    readonly file: string,
    /** 1-based number of the first bad line. */
    readonly line: number,
    /** Where the segment now lives, relative to the outbox directory. */
    readonly movedTo: string,
    reason: string,
  ) {
    super(`Corrupt outbox segment ${file} (line ${line}: ${reason}); moved to ${movedTo}`);
  }
}
