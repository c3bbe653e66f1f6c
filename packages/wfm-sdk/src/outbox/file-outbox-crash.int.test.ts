import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOutboxChild } from '../test-support/run-outbox-child.js';
import { openFileOutbox } from './file-outbox.js';
import type { Outbox } from './outbox.js';

// Real child processes append and die without close(), as a killed connector would (spec §6 check 17).

let dir = '';
let outbox: Outbox | undefined;
const open = async () => (outbox = await openFileOutbox({ dir, maxBytes: 2 ** 30, segmentBytes: 4096 }));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'floorplan-outbox-crash-'));
});

afterEach(async () => {
  await outbox?.close();
  outbox = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('file outbox after a crash', () => {
  it('delivers what a process appended before it exited without close, taking over its stale lock', async () => {
    const child = await runOutboxChild(dir, 5);
    expect(child.code).toBe(0);
    expect(child.seqs).toEqual([1, 2, 3, 4, 5]);
    expect(await readFile(join(dir, 'lock'), 'utf8')).toBe(`${child.pid}\n`);

    const recovered = await open();
    expect(recovered.pending().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(recovered.pending()[4]?.body).toEqual({ child: 4 });
    expect(await readFile(join(dir, 'lock'), 'utf8')).toBe(`${process.pid}\n`);
    expect((await recovered.append([{ kind: 'queue', body: {} }]))[0]?.seq).toBe(6);
  });

  it('keeps the acks a SIGKILLed process made durable', async () => {
    const child = await runOutboxChild(dir, 40, 15, 'sigkill');
    expect(child.signal).toBe('SIGKILL');
    const recovered = await open();
    expect(recovered.stats()).toMatchObject({ ackedThrough: 15, pendingRecords: 25 });
    expect(recovered.pending()[0]?.seq).toBe(16);
  });

  it('truncates the torn line a crash left mid-append and goes on from the good records', async () => {
    await runOutboxChild(dir, 3);
    const segment = (await readdir(dir)).find((f) => f.startsWith('seg-'))!;
    await appendFile(join(dir, segment), '{"seq":4,"kind":"agentStates","createdAt":"2024-04-17T10:0');
    const recovered = await open();
    expect(recovered.pending().map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await readFile(join(dir, segment), 'utf8')).endsWith('}\n')).toBe(true);
  });

  it('runs one crashed process after another on the same directory without losing a record', async () => {
    const first = await runOutboxChild(dir, 3, 1);
    const second = await runOutboxChild(dir, 2, 0, 'sigkill');
    expect(second.seqs).toEqual([4, 5]);
    expect(first.pid).not.toBe(second.pid);
    const recovered = await open();
    expect(recovered.pending().map((r) => r.seq)).toEqual([2, 3, 4, 5]);
  });
});
