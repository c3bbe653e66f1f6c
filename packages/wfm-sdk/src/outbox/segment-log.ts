import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './atomic-write.js';
import { segmentName } from './segment-name.js';

/** A segment file and how many of its records are still pending (it goes when none are). */
export interface Segment {
  readonly name: string;
  size: number;
  live: number;
}

/** A record line to store (without its newline) and its stored size (with it). */
export interface LineToWrite {
  seq: number;
  line: string;
  bytes: number;
}

interface Open {
  segment: Segment;
  handle: FileHandle;
}

/**
 * The segment files of an outbox directory: appends to the active segment, rolls to a new one at
 * `segmentBytes`, deletes spent ones. Callers serialise all calls (see `Serial`).
 *
 * The active segment is never deleted while open, even when spent, so a steady trickle of
 * append-then-ack does not create and delete a file per record; it goes at roll or close.
 */
export class SegmentLog {
  private readonly segments: Set<Segment>;
  private active: Open | null = null;
  /** Set when a failed write could not be undone: the files no longer match what callers were told. */
  failure: Error | null = null;

  constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
    existing: Iterable<Segment>,
  ) {
    this.segments = new Set(existing);
  }

  /**
   * Writes the lines in order and fdatasyncs every segment it touched; returns the segment of each
   * line. On failure the files are put back as they were (new segments removed, the active one
   * truncated) so the caller can reuse the seqs; if even that fails, the error says so and the
   * directory must be reopened to be trusted again.
   */
  async write(lines: readonly LineToWrite[]): Promise<Segment[]> {
    const original = this.active;
    const originalSize = original?.segment.size ?? 0;
    const created: Open[] = [];
    const placed: Segment[] = [];
    try {
      let i = 0;
      while (i < lines.length) {
        const first = lines[i]!;
        let target = this.active;
        if (target === null || (target.segment.size > 0 && target.segment.size + first.bytes > this.segmentBytes)) {
          target = await this.roll(first.seq, created);
        }
        const parts: string[] = [];
        let size = target.segment.size;
        // The first line always goes in (a record bigger than segmentBytes gets a segment of its own).
        for (; i < lines.length; i++) {
          const line = lines[i]!;
          if (parts.length > 0 && size + line.bytes > this.segmentBytes) break;
          parts.push(line.line);
          size += line.bytes;
          placed.push(target.segment);
        }
        await target.handle.appendFile(`${parts.join('\n')}\n`);
        target.segment.size = size;
      }
      await this.active?.handle.datasync();
    } catch (error) {
      await this.undo(original, originalSize, created, error);
      throw error;
    }
    // Segments rolled away from were synced by roll(); only now, with the round stored, are they let go.
    const retired = [original, ...created].filter((o): o is Open => o !== null && o !== this.active);
    for (const o of retired) await o.handle.close();
    for (const o of created) this.segments.add(o.segment);
    return placed;
  }

  /** Deletes every spent segment except the active one; failures go to `report` and are retried next time. */
  async removeSpent(report: (error: Error) => void): Promise<void> {
    for (const segment of this.segments) {
      if (segment.live > 0 || segment === this.active?.segment) continue;
      try {
        await unlink(join(this.dir, segment.name));
        this.segments.delete(segment);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') this.segments.delete(segment);
        else report(error as Error);
      }
    }
  }

  /** Closes the active segment and deletes every spent one, the active one included. */
  async close(report: (error: Error) => void): Promise<void> {
    const active = this.active;
    this.active = null;
    await active?.handle.close();
    await this.removeSpent(report);
  }

  private async roll(firstSeq: number, created: Open[]): Promise<Open> {
    // The segment being left must be complete on disk before a later one exists: recovery treats a
    // bad line in any segment but the last as damage, not as a torn append.
    await this.active?.handle.datasync();
    const segment: Segment = { name: segmentName(firstSeq), size: 0, live: 0 };
    const handle = await open(join(this.dir, segment.name), 'ax');
    const opened = { segment, handle };
    created.push(opened);
    this.active = opened;
    await syncDir(this.dir);
    return opened;
  }

  private async undo(original: Open | null, originalSize: number, created: Open[], cause: unknown): Promise<void> {
    try {
      for (const o of created.reverse()) {
        await o.handle.close().catch(() => undefined);
        await unlink(join(this.dir, o.segment.name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      this.active = original;
      // Unconditionally: a failed append may have written part of its data before throwing.
      if (original !== null) {
        await original.handle.truncate(originalSize);
        await original.handle.datasync();
        original.segment.size = originalSize;
      }
    } catch (undoError) {
      this.failure = new AggregateError([cause, undoError], 'Outbox write failed and could not be undone; reopen the outbox');
      throw this.failure;
    }
  }
}
