import { describe, expect, it } from 'vitest';
import { createTokenBuckets } from './token-bucket.js';

describe('token buckets', () => {
  it('allows the burst at once, then the rate', () => {
    const b = createTokenBuckets(50, 100);
    const t0 = 1_000_000;
    for (let i = 0; i < 100; i++) expect(b.take('t', t0)).toBe(0);
    expect(b.take('t', t0)).toBeCloseTo(0.02, 6);
    expect(b.take('t', t0 + 20)).toBe(0);
    expect(b.take('t', t0 + 20)).toBeGreaterThan(0);
  });

  it('keeps callers apart', () => {
    const b = createTokenBuckets(1, 1);
    expect(b.take('a', 0)).toBe(0);
    expect(b.take('a', 0)).toBe(1);
    expect(b.take('b', 0)).toBe(0);
  });

  it('forgets buckets that refilled', () => {
    const b = createTokenBuckets(10, 10);
    b.take('a', 0);
    b.take('b', 120_000);
    expect(b.size()).toBe(1);
  });
});
