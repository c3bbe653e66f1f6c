import { describe, expect, it } from 'vitest';
import { createWakeHeap } from './wake-heap.js';

describe('wake heap', () => {
  it('pops due keys earliest first, leaves later ones', () => {
    const heap = createWakeHeap();
    heap.schedule('c', 300);
    heap.schedule('a', 100);
    heap.schedule('b', 200);
    expect(heap.peek()).toBe(100);
    expect(heap.popDue(200)).toEqual([{ key: 'a', at: 100 }, { key: 'b', at: 200 }]);
    expect(heap.peek()).toBe(300);
    expect(heap.size).toBe(1);
  });

  it('a rescheduled key wakes only at its latest time', () => {
    const heap = createWakeHeap();
    heap.schedule('a', 100);
    heap.schedule('a', 500);
    expect(heap.popDue(400)).toEqual([]);
    expect(heap.peek()).toBe(500);
    expect(heap.popDue(500)).toEqual([{ key: 'a', at: 500 }]);
    expect(heap.peek()).toBeNull();
  });

  it('a cleared key never wakes', () => {
    const heap = createWakeHeap();
    heap.schedule('a', 100);
    heap.schedule('a', null);
    expect(heap.popDue(1_000)).toEqual([]);
    expect(heap.size).toBe(0);
  });

  it('stays ordered under many random moves (against a sorted reference)', () => {
    const heap = createWakeHeap();
    const reference = new Map<string, number>();
    let seed = 7;
    const rand = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 5_000; i++) {
      const key = `k${Math.floor(rand() * 300)}`;
      const at = Math.floor(rand() * 10_000);
      heap.schedule(key, at);
      reference.set(key, at);
    }
    const due = heap.popDue(5_000);
    const expected = [...reference].filter(([, at]) => at <= 5_000).sort((a, b) => a[1] - b[1]);
    expect(due.map((d) => d.at)).toEqual(expected.map(([, at]) => at));
    expect(new Set(due.map((d) => d.key))).toEqual(new Set(expected.map(([k]) => k)));
    expect(heap.size).toBe(reference.size - expected.length);
  });
});
