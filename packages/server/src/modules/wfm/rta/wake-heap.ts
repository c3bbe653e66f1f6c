/**
 * Min-heap of wake times (spec §2.4): one pending wake per key (an agent). Re-scheduling a key
 * leaves its old entry in the heap; `popDue` skips entries that no longer match the key's current
 * wake time (lazy deletion), which keeps every operation O(log n) without an index into the array.
 *
 * @example
 * const heap = createWakeHeap();
 * heap.schedule('ann', 1_000);
 * heap.popDue(1_000); // [{ key: 'ann', at: 1_000 }]
 */
export function createWakeHeap() {
  const items: { at: number; key: string }[] = [];
  const current = new Map<string, number>();

  const swap = (i: number, j: number) => {
    const a = items[i]!;
    items[i] = items[j]!;
    items[j] = a;
  };
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= items[i]!.at) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < items.length && items[l]!.at < items[min]!.at) min = l;
      if (r < items.length && items[r]!.at < items[min]!.at) min = r;
      if (min === i) return;
      swap(i, min);
      i = min;
    }
  };
  const pop = () => {
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      down(0);
    }
    return top;
  };
  const dropStale = () => {
    while (items.length > 0 && current.get(items[0]!.key) !== items[0]!.at) pop();
  };

  return {
    /** Sets (or, with `null`, clears) the key's wake time. */
    schedule(key: string, at: number | null): void {
      if (at === null) {
        current.delete(key);
        return;
      }
      if (current.get(key) === at) return;
      current.set(key, at);
      items.push({ at, key });
      up(items.length - 1);
      // Stale entries are dropped as they surface; bound the garbage when keys move a lot.
      if (items.length > 4 * current.size + 64) this.compact();
    },
    /** Removes and returns the keys whose wake time is at or before `now`, earliest first. */
    popDue(now: number): { key: string; at: number }[] {
      const due: { key: string; at: number }[] = [];
      for (dropStale(); items.length > 0 && items[0]!.at <= now; dropStale()) {
        const top = pop()!;
        current.delete(top.key);
        due.push(top);
      }
      return due;
    },
    /** The earliest pending wake time, `null` when nothing is pending. */
    peek(): number | null {
      dropStale();
      return items[0]?.at ?? null;
    },
    get size(): number {
      return current.size;
    },
    /** Rebuilds the array from the live wake times. */
    compact(): void {
      items.length = 0;
      for (const [key, at] of current) items.push({ at, key });
      for (let i = (items.length >> 1) - 1; i >= 0; i--) down(i);
    },
  };
}

export type WakeHeap = ReturnType<typeof createWakeHeap>;
