import { appendFile, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openFileOutbox, type FileOutboxOptions } from './file-outbox.js';
import { CorruptSegmentError, OutboxClosedError, OutboxFullError, OutboxLockedError, type Outbox } from './outbox.js';
import { encodeRecord, prepareItems } from './record-codec.js';

const states = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ kind: 'agentStates' as const, body: { agentStateList: [{ n: from + i }] } }));
const seqs = (outbox: Outbox) => outbox.pending().map((r) => r.seq);
const segmentFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.startsWith('seg-')).sort();
const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

let dir = '';
let errors: Error[] = [];
const opened: Outbox[] = [];
const openOutbox = async (options: Partial<FileOutboxOptions> = {}) => {
  const outbox = await openFileOutbox({ dir, maxBytes: 2 ** 20, onError: (e) => errors.push(e), ...options });
  opened.push(outbox);
  return outbox;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'floorplan-outbox-'));
  errors = [];
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const outbox of opened.splice(0)) await outbox.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('openFileOutbox', () => {
  it('appends, lists pending in seq order and acknowledges out of order', async () => {
    const outbox = await openOutbox();
    expect(outbox.durable).toBe(true);
    const records = await outbox.append(states(4));
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    const lines = (await readFile(join(dir, 'seg-000000000001.jsonl'), 'utf8')).split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0]!)).toEqual(records[0]);
    await outbox.ack(3);
    await outbox.ack(2);
    expect(seqs(outbox)).toEqual([1, 4]);
    expect(await readJson(join(dir, 'ack.json'))).toEqual({ ackedThrough: 0, acked: [2, 3] });
    await outbox.ack(1);
    await outbox.ack(1);
    expect(outbox.stats()).toEqual({ pendingRecords: 1, pendingBytes: Buffer.byteLength(lines[3]!) + 1, ackedThrough: 3 });
    expect(await readJson(join(dir, 'ack.json'))).toEqual({ ackedThrough: 3 });
    await expect(outbox.ack(9)).rejects.toBeInstanceOf(RangeError);
  });

  it('keeps pending records, out-of-order acks and seq continuity across close and reopen', async () => {
    const first = await openOutbox();
    await first.append(states(3));
    await first.ack(2);
    await first.close();
    expect(await readdir(dir)).not.toContain('lock');

    const second = await openOutbox();
    expect(seqs(second)).toEqual([1, 3]);
    expect(second.pending()[1]?.body).toEqual({ agentStateList: [{ n: 2 }] });
    expect((await second.append(states(1)))[0]?.seq).toBe(4);
    await second.ack(1);
    await second.ack(3);
    await second.ack(4);
    await second.close();
    // Everything acknowledged: the segments are gone, ack.json alone carries the seq forward.
    expect(await segmentFiles(dir)).toEqual([]);

    const third = await openOutbox();
    expect(third.stats()).toEqual({ pendingRecords: 0, pendingBytes: 0, ackedThrough: 4 });
    expect((await third.append(states(1)))[0]?.seq).toBe(5);
  });

  it('refuses a directory held by a live process, and opens once it is released', async () => {
    const first = await openOutbox();
    expect(await readFile(join(dir, 'lock'), 'utf8')).toBe(`${process.pid}\n`);
    await expect(openOutbox()).rejects.toBeInstanceOf(OutboxLockedError);
    await first.close();
    await expect(openOutbox()).resolves.toBeDefined();
  });

  it('takes over a lock that holds no pid', async () => {
    await writeFile(join(dir, 'lock'), '');
    await openOutbox();
    expect(await readFile(join(dir, 'lock'), 'utf8')).toBe(`${process.pid}\n`);
  });

  it('truncates a torn last line and keeps the records before it', async () => {
    const first = await openOutbox();
    await first.append(states(3));
    await first.close();
    const segment = join(dir, 'seg-000000000001.jsonl');
    const { size } = await stat(segment);
    await appendFile(segment, '{"seq":4,"kind":"agentStates","createdAt":"2024-04-');

    const second = await openOutbox();
    expect(seqs(second)).toEqual([1, 2, 3]);
    expect((await stat(segment)).size).toBe(size);
    expect(errors).toEqual([]);
    expect((await second.append(states(1)))[0]?.seq).toBe(4);
  });

  it('truncates a complete last line whose sum does not match', async () => {
    const first = await openOutbox();
    await first.append(states(2));
    await first.close();
    const segment = join(dir, 'seg-000000000001.jsonl');
    const lines = (await readFile(segment, 'utf8')).split('\n');
    await writeFile(segment, `${lines[0]}\n${lines[1]!.replace('"n":1', '"n":7')}\n`);

    const second = await openOutbox();
    expect(seqs(second)).toEqual([1]);
    expect(await readFile(segment, 'utf8')).toBe(`${lines[0]}\n`);
  });

  it('drops an empty segment a crash left right after a roll, and reuses its name', async () => {
    const first = await openOutbox();
    await first.append(states(3));
    await first.close();
    await writeFile(join(dir, 'seg-000000000004.jsonl'), '');

    const second = await openOutbox();
    expect(await segmentFiles(dir)).toEqual(['seg-000000000001.jsonl']);
    expect((await second.append(states(1)))[0]?.seq).toBe(4);
    expect(await segmentFiles(dir)).toEqual(['seg-000000000001.jsonl', 'seg-000000000004.jsonl']);
    expect(errors).toEqual([]);
  });

  it('moves a damaged segment to corrupt/, reports it and recovers the others', async () => {
    const first = await openOutbox({ segmentBytes: 300 });
    for (let i = 0; i < 6; i++) await first.append(states(1, i));
    await first.close();
    const files = await segmentFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const damaged = files[1]!;
    const text = await readFile(join(dir, damaged), 'utf8');
    await writeFile(join(dir, damaged), text.replace('"sum":"', '"sum":"0'));

    const second = await openOutbox({ segmentBytes: 300 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CorruptSegmentError);
    expect(errors[0]).toMatchObject({ file: damaged, line: 1, movedTo: `corrupt/${damaged}` });
    expect(await readFile(join(dir, 'corrupt', damaged), 'utf8')).toContain('"sum":"0');
    const lost = text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs(second)).toEqual([1, 2, 3, 4, 5, 6].filter((s) => !lost.includes(s)));
    expect((await second.append(states(1)))[0]?.seq).toBe(7);
  });

  it('treats a bad line followed by good ones in the last segment as damage, not a torn tail', async () => {
    const first = await openOutbox();
    await first.append(states(3));
    await first.close();
    const segment = join(dir, 'seg-000000000001.jsonl');
    const lines = (await readFile(segment, 'utf8')).split('\n');
    lines[1] = lines[1]!.slice(0, 20);
    await writeFile(segment, lines.join('\n'));

    const second = await openOutbox();
    expect(errors[0]).toMatchObject({ name: 'CorruptSegmentError', line: 2 });
    expect(seqs(second)).toEqual([]);
    expect((await second.append(states(1)))[0]?.seq).toBe(4);
  });

  it('rolls segments at segmentBytes and deletes the spent ones as acks arrive', async () => {
    const outbox = await openOutbox({ segmentBytes: 400 });
    const records = await outbox.append(states(12));
    const files = await segmentFiles(dir);
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect((await stat(join(dir, f))).size).toBeLessThanOrEqual(400);
    expect(files[0]).toBe('seg-000000000001.jsonl');
    const secondFirstSeq = Number(files[1]!.slice(4, 16));
    for (const r of records.filter((r) => r.seq < secondFirstSeq)) await outbox.ack(r.seq);
    expect(await segmentFiles(dir)).toEqual(files.slice(1));
    for (const r of records) await outbox.ack(r.seq);
    // The active segment stays open until it rolls or the outbox closes.
    expect(await segmentFiles(dir)).toEqual(files.slice(-1));
    await outbox.close();
    expect(await segmentFiles(dir)).toEqual([]);
  });

  it('rejects an append past maxBytes with OutboxFullError and writes nothing', async () => {
    const recordBytes = encodeRecord(1, new Date().toISOString(), prepareItems(states(1))[0]!).bytes;
    const outbox = await openOutbox({ maxBytes: 4 * recordBytes });
    await outbox.append(states(3));
    const segment = join(dir, 'seg-000000000001.jsonl');
    const size = (await stat(segment)).size;
    expect(outbox.stats().pendingBytes).toBe(size);
    const [tooMuch, fits] = await Promise.allSettled([outbox.append(states(2)), outbox.append(states(1))]);
    expect(tooMuch.status === 'rejected' && tooMuch.reason).toBeInstanceOf(OutboxFullError);
    expect(fits.status === 'fulfilled' && fits.value.map((r) => r.seq)).toEqual([4]);
    expect((await stat(segment)).size).toBe(size + recordBytes);
    expect(outbox.stats()).toMatchObject({ pendingRecords: 4, pendingBytes: 4 * recordBytes });
    await expect(outbox.append(states(1))).rejects.toThrow(/exceed maxBytes/);
    await outbox.ack(1);
    expect((await outbox.append(states(1)))[0]?.seq).toBe(5);
  });

  it('writes a dead letter with the error and acknowledges the record', async () => {
    const outbox = await openOutbox();
    const [record] = await outbox.append(states(1));
    const refusal = Object.assign(new Error('bad agent'), {
      statusReason: 'VALIDATION_FAILED',
      httpStatus: 400,
      getResponse: () => ({ status: 'FAILURE', statusReason: 'VALIDATION_FAILED', errors: [] }),
    });
    await outbox.deadLetter(record!, refusal);
    expect(outbox.stats()).toMatchObject({ pendingRecords: 0, ackedThrough: 1 });
    const lines = (await readFile(join(dir, 'dead-letter.jsonl'), 'utf8')).split('\n');
    expect(lines[1]).toBe('');
    const dead = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(dead)).toEqual(['seq', 'kind', 'createdAt', 'body', 'error', 'at']);
    expect(dead).toMatchObject({ seq: 1, kind: 'agentStates', createdAt: record!.createdAt, body: record!.body });
    expect(dead.error).toEqual({
      name: 'Error',
      message: 'bad agent',
      statusReason: 'VALIDATION_FAILED',
      httpStatus: 400,
      response: { status: 'FAILURE', statusReason: 'VALIDATION_FAILED', errors: [] },
    });
    expect(await readJson(join(dir, 'ack.json'))).toEqual({ ackedThrough: 1 });
  });

  it('keeps details.json across runs and ignores an unreadable one', async () => {
    const first = await openOutbox();
    expect(await first.readDetails()).toBeNull();
    await first.writeDetails({ intervalMinutes: 15, acdType: 'CXONE' });
    await first.close();
    const second = await openOutbox();
    expect(await second.readDetails()).toEqual({ intervalMinutes: 15, acdType: 'CXONE' });
    await writeFile(join(dir, 'details.json'), '{"interval');
    expect(await second.readDetails()).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('refuses every call after close and releases the lock once', async () => {
    const outbox = await openOutbox();
    await outbox.append(states(1));
    await Promise.all([outbox.close(), outbox.close()]);
    await expect(outbox.append(states(1))).rejects.toBeInstanceOf(OutboxClosedError);
    await expect(outbox.ack(1)).rejects.toBeInstanceOf(OutboxClosedError);
    await expect(outbox.writeDetails({})).rejects.toBeInstanceOf(OutboxClosedError);
    expect(() => outbox.pending()).toThrow(OutboxClosedError);
    expect(await readdir(dir)).not.toContain('lock');
  });

  it('finishes appends accepted before close', async () => {
    const outbox = await openOutbox();
    const appended = outbox.append(states(2));
    await outbox.close();
    await expect(appended).resolves.toHaveLength(2);
    expect(seqs(await openOutbox())).toEqual([1, 2]);
  });

  it('shares one fdatasync between concurrent appends (group commit)', async () => {
    const outbox = await openOutbox();
    await outbox.append(states(1)); // the segment exists from here on
    const handle = await open(join(dir, 'probe'), 'w');
    const datasync = vi.spyOn(Object.getPrototypeOf(handle) as { datasync(): Promise<void> }, 'datasync');
    await handle.close();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => outbox.append(states(2, i))));
    expect(datasync).toHaveBeenCalledTimes(1);
    const all = results.flat().map((r) => r.seq);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
  });

  it('undoes a failed write so the seqs are reused and the file stays clean', async () => {
    const outbox = await openOutbox();
    await outbox.append(states(1));
    const segment = join(dir, 'seg-000000000001.jsonl');
    const size = (await stat(segment)).size;
    const handle = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(handle) as { appendFile(data: string): Promise<void> };
    await handle.close();
    const original = proto.appendFile;
    // A disk that fills up halfway through the write.
    vi.spyOn(proto, 'appendFile').mockImplementationOnce(async function (this: typeof proto, data: string) {
      await original.call(this, data.slice(0, 30));
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    });
    await expect(outbox.append(states(2))).rejects.toThrow(/no space/);
    expect((await stat(segment)).size).toBe(size);
    expect((await outbox.append(states(1)))[0]?.seq).toBe(2);
    await outbox.close();
    expect(seqs(await openOutbox())).toEqual([1, 2]);
    expect(errors).toEqual([]);
  });
});
