import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './atomic-write.js';
import { CorruptSegmentError, type OutboxRecord } from './outbox.js';
import { decodeRecordLine } from './record-codec.js';
import { parseSegmentName } from './segment-name.js';

/** A segment that survived recovery, with its records in seq order. */
export interface ScannedSegment {
  name: string;
  /** Bytes on disk after any truncation of a torn tail. */
  size: number;
  records: { record: OutboxRecord; bytes: number }[];
}

export interface ScanResult {
  segments: ScannedSegment[];
  /** Highest seq seen anywhere, quarantined segments included, so new seqs continue above it. */
  maxSeq: number;
}

interface BadLine {
  line: number;
  offset: number;
  reason: string;
  /** Nothing follows it in the file. */
  last: boolean;
}

/**
 * Reads every segment of `dir` in seq order and repairs what a crash can leave behind. A bad last
 * line of the last segment is a torn append (it never got its sync, so no caller was told it was
 * stored) and is truncated away. A bad line anywhere else is damage: the whole segment moves to
 * `corrupt/`, `report` gets a CorruptSegmentError, and recovery goes on with the other segments.
 */
export async function scanSegments(dir: string, report: (error: Error) => void): Promise<ScanResult> {
  const names = (await readdir(dir)).filter((n) => parseSegmentName(n) !== null).sort();
  const segments: ScannedSegment[] = [];
  let maxSeq = 0;
  let lastGood = 0;
  for (const [index, name] of names.entries()) {
    const path = join(dir, name);
    const data = await readFile(path);
    const records: ScannedSegment['records'] = [];
    const bad = parseLines(data, parseSegmentName(name) ?? 0, lastGood, records);
    for (const { record } of records) maxSeq = Math.max(maxSeq, record.seq);
    if (bad !== null && !(bad.last && index === names.length - 1)) {
      // Seqs keep increasing past the damage: the records after the bad line still had theirs.
      maxSeq = Math.max(maxSeq, parseSegmentName(name) ?? 0, highestSeqIn(data));
      const movedTo = await quarantine(dir, name);
      report(new CorruptSegmentError(name, bad.line, movedTo, bad.reason));
      continue;
    }
    let size = data.length;
    if (bad !== null) {
      size = bad.offset;
      await truncate(path, size);
    }
    if (size === 0) {
      // Created just before a crash, or holding only a torn line: no record in it was ever stored.
      await unlink(path);
      continue;
    }
    lastGood = records.at(-1)?.record.seq ?? lastGood;
    segments.push({ name, size, records });
  }
  return { segments, maxSeq };
}

/** Collects the good records up to the first bad line, which it returns (null when all are good). */
function parseLines(data: Buffer, nameSeq: number, after: number, into: ScannedSegment['records']): BadLine | null {
  let offset = 0;
  let previous = after;
  for (let line = 1; offset < data.length; line++) {
    const end = data.indexOf(10, offset);
    if (end === -1) return { line, offset, reason: 'no trailing newline', last: true };
    const decoded = decodeRecordLine(data.toString('utf8', offset, end));
    const last = end === data.length - 1;
    if ('bad' in decoded) return { line, offset, reason: decoded.bad, last };
    if (decoded.seq <= previous || decoded.seq < nameSeq) return { line, offset, reason: 'seq out of order', last };
    into.push({ record: decoded, bytes: end + 1 - offset });
    previous = decoded.seq;
    offset = end + 1;
  }
  return null;
}

/** The highest seq any line of a damaged segment still announces at its start, however bad the rest. */
function highestSeqIn(data: Buffer): number {
  let max = 0;
  for (const match of data.toString('utf8').matchAll(/^\{"seq":(\d{1,15}),/gm)) max = Math.max(max, Number(match[1]));
  return max;
}

async function truncate(path: string, size: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(size);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Moves a segment into `corrupt/` without overwriting an earlier casualty of the same name. */
async function quarantine(dir: string, name: string): Promise<string> {
  const corruptDir = join(dir, 'corrupt');
  await mkdir(corruptDir, { recursive: true });
  const taken = new Set(await readdir(corruptDir));
  let target = name;
  for (let n = 1; taken.has(target); n++) target = `${name}.${n}`;
  await rename(join(dir, name), join(corruptDir, target));
  await syncDir(corruptDir);
  await syncDir(dir);
  return `corrupt/${target}`;
}
