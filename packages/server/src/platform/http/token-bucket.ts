/** Token buckets keyed by caller: `ratePerS` tokens a second, at most `burst` saved up. */
export interface TokenBuckets {
  /** Takes one token; returns 0 when allowed, else the seconds to wait before one is available. */
  take(key: string, nowMs: number): number;
  size(): number;
}

export function createTokenBuckets(ratePerS: number, burst: number): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = 0;
  return {
    take(key, nowMs) {
      // A bucket idle long enough to be full again carries no information: drop it.
      if (nowMs - lastSweep > 60_000) {
        lastSweep = nowMs;
        for (const [k, b] of buckets) if (b.tokens + ((nowMs - b.at) / 1000) * ratePerS >= burst) buckets.delete(k);
      }
      const b = buckets.get(key) ?? { tokens: burst, at: nowMs };
      b.tokens = Math.min(burst, b.tokens + ((nowMs - b.at) / 1000) * ratePerS);
      b.at = nowMs;
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (1 - b.tokens) / ratePerS;
    },
    size: () => buckets.size,
  };
}
