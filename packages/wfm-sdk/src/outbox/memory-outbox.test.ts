import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from './memory-outbox.js';
import { OutboxClosedError, OutboxFullError } from './outbox.js';

const states = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'agentStates' as const, body: { i } }));

describe('createMemoryOutbox', () => {
  it('appends with increasing seqs and acknowledges out of order', async () => {
    const outbox = createMemoryOutbox({ maxBytes: 1e6 });
    expect(outbox.durable).toBe(false);
    const records = await outbox.append(states(3));
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0]).toMatchObject({ kind: 'agentStates', body: { i: 0 }, sum: expect.stringMatching(/^[0-9a-f]{16}$/) });
    await outbox.ack(3);
    await outbox.ack(1);
    expect(outbox.pending().map((r) => r.seq)).toEqual([2]);
    expect(outbox.stats()).toMatchObject({ pendingRecords: 1, ackedThrough: 1 });
    await outbox.ack(2);
    expect(outbox.stats()).toEqual({ pendingRecords: 0, pendingBytes: 0, ackedThrough: 3 });
    expect((await outbox.append(states(1)))[0]?.seq).toBe(4);
  });

  it('rejects an append past maxBytes with OutboxFullError and stores none of it', async () => {
    const outbox = createMemoryOutbox({ maxBytes: 300 });
    await outbox.append(states(2));
    const before = outbox.stats();
    await expect(outbox.append(states(2))).rejects.toBeInstanceOf(OutboxFullError);
    expect(outbox.stats()).toEqual(before);
    await outbox.ack(1);
    await expect(outbox.append(states(1))).resolves.toHaveLength(1);
  });

  it('acknowledges a dead-lettered record', async () => {
    const outbox = createMemoryOutbox({ maxBytes: 1e6 });
    const [record] = await outbox.append(states(1));
    await outbox.deadLetter(record!, new Error('refused'));
    expect(outbox.stats().ackedThrough).toBe(1);
  });

  it('keeps details as a copy', async () => {
    const outbox = createMemoryOutbox({ maxBytes: 1e6 });
    expect(await outbox.readDetails()).toBeNull();
    const details = { intervalMinutes: 15 };
    await outbox.writeDetails(details);
    details.intervalMinutes = 30;
    expect(await outbox.readDetails()).toEqual({ intervalMinutes: 15 });
  });

  it('refuses everything after close', async () => {
    const outbox = createMemoryOutbox({ maxBytes: 1e6 });
    await outbox.append(states(1));
    await outbox.close();
    await outbox.close();
    await expect(outbox.append(states(1))).rejects.toBeInstanceOf(OutboxClosedError);
    await expect(outbox.ack(1)).rejects.toBeInstanceOf(OutboxClosedError);
    await expect(outbox.readDetails()).rejects.toBeInstanceOf(OutboxClosedError);
    expect(() => outbox.pending()).toThrow(OutboxClosedError);
    expect(() => outbox.stats()).toThrow(OutboxClosedError);
  });

  it('pending is always appended minus acked, in seq order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 3 }).map((n) => ({ append: n })), fc.nat({ max: 50 }).map((i) => ({ ack: i }))), { maxLength: 40 }),
        async (ops) => {
          const outbox = createMemoryOutbox({ maxBytes: 1e9 });
          const live = new Set<number>();
          for (const op of ops) {
            if ('append' in op) for (const r of await outbox.append(states(op.append))) live.add(r.seq);
            else {
              const seq = [...live][op.ack % Math.max(live.size, 1)];
              if (seq === undefined) continue;
              live.delete(seq);
              await outbox.ack(seq);
            }
          }
          expect(outbox.pending().map((r) => r.seq)).toEqual([...live].sort((a, b) => a - b));
        },
      ),
    );
  });
});
