import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from './outbox.js';
import { PendingQueue } from './pending-queue.js';

const record = (seq: number): OutboxRecord => ({ seq, kind: 'agentStates', createdAt: 't', body: {}, sum: 's' });
const filled = (count: number) => {
  const q = new PendingQueue({ ackedThrough: 0, acked: [] });
  for (let seq = 1; seq <= count; seq++) q.add({ record: record(seq), bytes: 10 });
  return q;
};

describe('PendingQueue', () => {
  it('advances ackedThrough over the contiguous prefix only, whatever the ack order', () => {
    const q = filled(5);
    q.ack(3);
    q.ack(2);
    expect(q.ackState()).toEqual({ ackedThrough: 0, acked: [2, 3] });
    expect(q.list().map((r) => r.seq)).toEqual([1, 4, 5]);
    q.ack(1);
    expect(q.ackState()).toEqual({ ackedThrough: 3, acked: [] });
    q.ack(5);
    expect(q.stats()).toEqual({ pendingRecords: 1, pendingBytes: 10, ackedThrough: 3 });
    q.ack(4);
    expect(q.stats()).toEqual({ pendingRecords: 0, pendingBytes: 0, ackedThrough: 5 });
  });

  it('ignores a repeated ack and refuses a seq never handed out', () => {
    const q = filled(2);
    expect(q.ack(2)?.record.seq).toBe(2);
    expect(q.ack(2)).toBeUndefined();
    expect(() => q.ack(3)).toThrow(RangeError);
    expect(() => q.ack(0)).toThrow(RangeError);
    expect(() => q.ack(1.5)).toThrow(RangeError);
  });

  it('restores from a persisted state: acked seqs are not pending and new seqs continue above them', () => {
    const q = new PendingQueue({ ackedThrough: 2, acked: [4, 6] });
    for (const seq of [3, 5]) q.add({ record: record(seq), bytes: 1 });
    expect(q.isAcked(2)).toBe(true);
    expect(q.isAcked(4)).toBe(true);
    expect(q.nextSeq).toBe(7);
    expect(q.ackedThrough).toBe(2);
  });

  it('passes gaps of seqs that are not pending (a quarantined segment) instead of stalling', () => {
    const q = new PendingQueue({ ackedThrough: 0, acked: [] });
    q.noteSeq(10); // seqs 1..10 were in a segment moved to corrupt/
    q.add({ record: record(11), bytes: 1 });
    expect(q.ackedThrough).toBe(10);
    q.ack(11);
    expect(q.ackedThrough).toBe(11);
  });

  it('keeps the pending list stable until something changes', () => {
    const q = filled(2);
    const first = q.list();
    expect(q.list()).toBe(first);
    q.ack(1);
    expect(q.list()).not.toBe(first);
  });
});
