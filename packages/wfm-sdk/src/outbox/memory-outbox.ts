import { OutboxClosedError, OutboxFullError, type Outbox, type OutboxRecord, type RecordKind } from './outbox.js';
import { PendingQueue } from './pending-queue.js';
import { encodeRecord, prepareItems } from './record-codec.js';

/** Options of `createMemoryOutbox`. */
export interface MemoryOutboxOptions {
  /** Cap on the bytes pending records would take on disk; an append past it rejects with OutboxFullError. */
  maxBytes: number;
}

/**
 * An outbox that lives in the process only (`durable: false`), used when no `outboxDir` is given: same
 * seqs, acks, cap and errors as the file outbox, measured in the bytes the records would take on
 * disk, but a crash loses everything. Dead-lettered records are only acknowledged (there is no file
 * to keep them in; the SDK reports them through its `'error'` event).
 *
 * @example
 * const outbox = createMemoryOutbox({ maxBytes: 2 ** 30 });
 * const [record] = await outbox.append([{ kind: 'queue', body: report }]);
 */
export function createMemoryOutbox(options: MemoryOutboxOptions): Outbox {
  const { maxBytes } = options;
  if (!(maxBytes > 0)) throw new RangeError('createMemoryOutbox: maxBytes must be positive');
  const queue = new PendingQueue({ ackedThrough: 0, acked: [] });
  let details: string | null = null;
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new OutboxClosedError();
  };

  return {
    durable: false,
    async append(items: readonly { kind: RecordKind; body: unknown }[]): Promise<OutboxRecord[]> {
      assertOpen();
      const createdAt = new Date().toISOString();
      const encoded = prepareItems(items).map((item, k) => encodeRecord(queue.nextSeq + k, createdAt, item));
      const bytes = encoded.reduce((sum, e) => sum + e.bytes, 0);
      const { pendingBytes } = queue.stats();
      if (pendingBytes + bytes > maxBytes) {
        throw new OutboxFullError(
          `Outbox full: ${pendingBytes} bytes pending, appending ${bytes} more would exceed maxBytes ${maxBytes}`,
        );
      }
      for (const { record, bytes: size } of encoded) queue.add({ record, bytes: size });
      return encoded.map((e) => e.record);
    },
    pending() {
      assertOpen();
      return queue.list();
    },
    async ack(seq: number) {
      assertOpen();
      queue.ack(seq);
    },
    async deadLetter(record: OutboxRecord) {
      assertOpen();
      queue.ack(record.seq);
    },
    stats() {
      assertOpen();
      return queue.stats();
    },
    // Kept as JSON text so callers get a fresh copy each time, as they would from details.json.
    async readDetails() {
      assertOpen();
      return details === null ? null : (JSON.parse(details) as unknown);
    },
    async writeDetails(value: unknown) {
      assertOpen();
      const json = JSON.stringify(value);
      if (json === undefined) throw new TypeError('writeDetails: details are not JSON data');
      details = json;
    },
    async close() {
      closed = true;
    },
  };
}
