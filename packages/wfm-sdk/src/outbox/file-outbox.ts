import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readAckFile, renderAckState, writeAckFile } from './ack-file.js';
import { appendFileDurably, writeFileAtomic } from './atomic-write.js';
import { deadLetterFileName, deadLetterLine } from './dead-letter.js';
import { acquireDirLock, type DirLock } from './dir-lock.js';
import {
  OutboxClosedError,
  OutboxFullError,
  type Outbox,
  type OutboxRecord,
  type OutboxStats,
  type RecordKind,
} from './outbox.js';
import { PendingQueue, type PendingEntry } from './pending-queue.js';
import { encodeRecord, prepareItems, type PreparedItem } from './record-codec.js';
import { scanSegments } from './segment-scan.js';
import { SegmentLog, type Segment } from './segment-log.js';
import { CoalescedJob, Serial } from './serial.js';

/** Options of `openFileOutbox`. */
export interface FileOutboxOptions {
  /** The outbox directory (spec §5.8); created when missing. */
  dir: string;
  /** Cap on the stored bytes of pending records; an append past it rejects with OutboxFullError. */
  maxBytes: number;
  /** A segment rolls before it would exceed this many bytes. Default 16 MiB. */
  segmentBytes?: number;
  /** Problems that do not fail a call (a corrupt segment moved aside, a spent one not deletable). Default: a process warning. */
  onError?: (error: Error) => void;
}

interface FileEntry extends PendingEntry {
  segment: Segment;
}

interface QueuedAppend {
  items: PreparedItem[];
  resolve: (records: OutboxRecord[]) => void;
  reject: (error: unknown) => void;
}

const detailsFileName = 'details.json';

/**
 * Opens (or creates) a durable outbox directory: takes its lock, recovers from a crash (torn last
 * line truncated, damaged segments moved to `corrupt/` and reported through `onError`) and loads the
 * pending records. Rejects with OutboxLockedError when another live process holds the directory.
 *
 * @example
 * const outbox = await openFileOutbox({ dir: '/var/lib/connector/outbox', maxBytes: 2 ** 30 });
 * for (const record of outbox.pending()) await deliver(record).then(() => outbox.ack(record.seq));
 */
export async function openFileOutbox(options: FileOutboxOptions): Promise<Outbox> {
  const { dir, maxBytes, segmentBytes = 16 * 2 ** 20 } = options;
  if (typeof dir !== 'string' || dir === '') throw new TypeError('openFileOutbox: dir must be a non-empty path');
  if (!(maxBytes > 0)) throw new RangeError('openFileOutbox: maxBytes must be positive');
  if (!Number.isSafeInteger(segmentBytes) || segmentBytes <= 0) {
    throw new RangeError('openFileOutbox: segmentBytes must be a positive integer');
  }
  const report = options.onError ?? ((error: Error) => process.emitWarning(error));
  await mkdir(dir, { recursive: true });
  const lock = await acquireDirLock(join(dir, 'lock'));
  try {
    const ackState = await readAckFile(dir, report);
    const scan = await scanSegments(dir, report);
    const queue = new PendingQueue<FileEntry>(ackState);
    const segments: Segment[] = [];
    for (const scanned of scan.segments) {
      const segment: Segment = { name: scanned.name, size: scanned.size, live: 0 };
      segments.push(segment);
      for (const { record, bytes } of scanned.records) {
        queue.noteSeq(record.seq);
        if (queue.isAcked(record.seq)) continue;
        queue.add({ record, bytes, segment });
        segment.live++;
      }
    }
    queue.noteSeq(scan.maxSeq);
    const log = new SegmentLog(dir, segmentBytes, segments);
    await log.removeSpent(report);
    return new FileOutbox(dir, maxBytes, report, lock, queue, log);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

class FileOutbox implements Outbox {
  readonly durable = true;
  private readonly serial = new Serial();
  private readonly appends: QueuedAppend[] = [];
  private readonly flushJob = new CoalescedJob(this.serial, () => this.flushAppends());
  private readonly ackJob = new CoalescedJob(this.serial, () => this.persistAcks());
  private closing: Promise<void> | null = null;
  /** The lock is gone: nothing may touch the directory any more. */
  private released = false;
  private persistedAck = '';

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly report: (error: Error) => void,
    private readonly lock: DirLock,
    private readonly queue: PendingQueue<FileEntry>,
    private readonly log: SegmentLog,
  ) {}

  async append(items: readonly { kind: RecordKind; body: unknown }[]): Promise<OutboxRecord[]> {
    this.assertUsable();
    const prepared = prepareItems(items);
    if (prepared.length === 0) return [];
    const stored = new Promise<OutboxRecord[]>((resolve, reject) => {
      this.appends.push({ items: prepared, resolve, reject });
    });
    // Errors reach each caller through its own promise; the shared flush itself never rejects.
    void this.flushJob.request();
    return stored;
  }

  pending(): readonly OutboxRecord[] {
    this.assertOpen();
    return this.queue.list();
  }

  async ack(seq: number): Promise<void> {
    this.assertUsable();
    this.ackInMemory(seq);
    await this.ackJob.request();
  }

  async deadLetter(record: OutboxRecord, error: unknown): Promise<void> {
    this.assertUsable();
    this.queue.checkSeq(record.seq);
    const line = `${deadLetterLine(record, error, new Date())}\n`;
    await this.serial.run(async () => {
      await appendFileDurably(join(this.dir, deadLetterFileName), line);
      // In the same job, so a close() queued meanwhile still persists this ack.
      this.ackInMemory(record.seq);
    });
    await this.ackJob.request();
  }

  stats(): OutboxStats {
    this.assertOpen();
    return this.queue.stats();
  }

  async readDetails(): Promise<unknown | null> {
    this.assertUsable();
    const path = join(this.dir, detailsFileName);
    const text = await this.serial.run(() => readFile(path, 'utf8')).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      this.report(new Error(`Unreadable ${detailsFileName} in ${this.dir}; ignoring it`));
      return null;
    }
  }

  async writeDetails(details: unknown): Promise<void> {
    this.assertUsable();
    const json = JSON.stringify(details);
    if (json === undefined) throw new TypeError('writeDetails: details are not JSON data');
    await this.serial.run(() => writeFileAtomic(join(this.dir, detailsFileName), json));
  }

  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    try {
      // Queued behind every accepted append and ack, so those complete first.
      await this.serial.run(async () => {
        try {
          await this.writeAckState();
        } finally {
          // Set inside the job so an ack persist queued behind it (a late deadLetter) leaves the files alone.
          this.released = true;
          await this.log.close(this.report);
        }
      });
    } finally {
      await this.lock.release();
    }
  }

  private ackInMemory(seq: number): void {
    const entry = this.queue.ack(seq);
    if (entry !== undefined) entry.segment.live--;
  }

  private async flushAppends(): Promise<void> {
    const batches = this.appends.splice(0);
    if (this.log.failure !== null) {
      for (const batch of batches) batch.reject(this.log.failure);
      return;
    }
    const createdAt = new Date().toISOString();
    const base = this.queue.stats().pendingBytes;
    const accepted: { batch: QueuedAppend; encoded: ReturnType<typeof encodeRecord>[] }[] = [];
    let seq = this.queue.nextSeq;
    let roundBytes = 0;
    for (const batch of batches) {
      const encoded = batch.items.map((item, k) => encodeRecord(seq + k, createdAt, item));
      const bytes = encoded.reduce((sum, e) => sum + e.bytes, 0);
      if (base + roundBytes + bytes > this.maxBytes) {
        batch.reject(fullError(base + roundBytes, bytes, this.maxBytes));
        continue;
      }
      accepted.push({ batch, encoded });
      seq += encoded.length;
      roundBytes += bytes;
    }
    const all = accepted.flatMap((a) => a.encoded);
    if (all.length === 0) return;
    let placed: Segment[];
    try {
      placed = await this.log.write(all.map((e) => ({ seq: e.record.seq, line: e.line, bytes: e.bytes })));
    } catch (error) {
      // Undone on disk (or the log is marked failed), so none of these seqs exist: reject them all.
      for (const { batch } of accepted) batch.reject(error);
      return;
    }
    all.forEach((e, i) => {
      const segment = placed[i]!;
      segment.live++;
      this.queue.add({ record: e.record, bytes: e.bytes, segment });
    });
    for (const { batch, encoded } of accepted) batch.resolve(encoded.map((e) => e.record));
  }

  private async persistAcks(): Promise<void> {
    if (this.released) return;
    await this.writeAckState();
    // After ack.json: a segment deleted first could otherwise reappear with its records unacknowledged.
    await this.log.removeSpent(this.report);
  }

  /** Rewrites ack.json when it changed; rapid acks coalesce into one write through `ackJob`. */
  private async writeAckState(): Promise<void> {
    const content = renderAckState(this.queue.ackState());
    if (content === this.persistedAck) return;
    await writeAckFile(this.dir, content);
    this.persistedAck = content;
  }

  private assertOpen(): void {
    if (this.closing !== null) throw new OutboxClosedError();
  }

  private assertUsable(): void {
    this.assertOpen();
    if (this.log.failure !== null) throw this.log.failure;
  }
}

function fullError(pendingBytes: number, bytes: number, maxBytes: number): OutboxFullError {
  return new OutboxFullError(
    `Outbox full: ${pendingBytes} bytes pending, appending ${bytes} more would exceed maxBytes ${maxBytes}`,
  );
}
