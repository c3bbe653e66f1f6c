import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeByTime } from './merge.js';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('mergeByTime', () => {
  it('breaks ties by rank, then by stream order', async () => {
    const a = [{ at: 1, id: 'a1', r: 1 }, { at: 2, id: 'a2', r: 0 }];
    const b = [{ at: 1, id: 'b1', r: 0 }, { at: 2, id: 'b2', r: 0 }];
    const merged = await collect(mergeByTime([from(a), from(b)], (x) => x.r));
    expect(merged.map((x) => x.id)).toEqual(['b1', 'a1', 'a2', 'b2']);
  });

  it('yields every item of sorted streams, sorted, and each stream in its own order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 10 }), { maxLength: 5 }), async (lists) => {
        const streams = lists.map((l, s) => [...l].sort((x, y) => x - y).map((at, i) => ({ at, s, i })));
        const merged = await collect(mergeByTime(streams.map((l) => from(l)), () => 0));
        expect(merged.length).toBe(streams.flat().length);
        for (let k = 1; k < merged.length; k++) expect(merged[k]!.at).toBeGreaterThanOrEqual(merged[k - 1]!.at);
        for (const [s, l] of streams.entries()) expect(merged.filter((x) => x.s === s)).toEqual(l);
      }),
    );
  });

  it('closes every stream when stopped early', async () => {
    const closed: string[] = [];
    async function* tracked(name: string) {
      try {
        yield { at: 1 };
        yield { at: 2 };
      } finally {
        closed.push(name);
      }
    }
    for await (const _ of mergeByTime([tracked('a'), tracked('b')], () => 0)) break;
    expect(closed.sort()).toEqual(['a', 'b']);
  });
});
