/** Anything merged by time: `at` is its event time in epoch milliseconds. */
export interface Timed {
  at: number;
}

/**
 * Merges streams that are each sorted by `at` into one sorted stream, reading each only as far as
 * needed (one item ahead per stream), so memory stays constant whatever the inputs' size. Ties go
 * to the lower `rank`, then to the earlier stream.
 *
 * @example
 * for await (const e of mergeByTime([statesOf(a), statesOf(b)], () => 0)) send(e);
 */
export async function* mergeByTime<T extends Timed>(streams: readonly AsyncIterator<T>[], rank: (item: T) => number): AsyncGenerator<T> {
  const heads: ({ item: T; rank: number } | null)[] = await Promise.all(
    streams.map(async (s) => {
      const r = await s.next();
      return r.done ? null : { item: r.value, rank: rank(r.value) };
    }),
  );
  try {
    for (;;) {
      // A linear scan: a replay merges a handful of files, where a heap would only add code.
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (!h) continue;
        const b = best < 0 ? null : heads[best]!;
        if (!b || h.item.at < b.item.at || (h.item.at === b.item.at && h.rank < b.rank)) best = i;
      }
      if (best < 0) return;
      const { item } = heads[best]!;
      const r = await streams[best]!.next();
      heads[best] = r.done ? null : { item: r.value, rank: rank(r.value) };
      yield item;
    }
  } finally {
    // Stopped early (an error, Ctrl-C): let each stream close its file.
    await Promise.all(streams.map((s) => s.return?.()));
  }
}
