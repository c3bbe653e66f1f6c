import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './retry-policy.js';

describe('retry policy', () => {
  it('stays within full-jitter bounds, capped at 60 s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const d = retryDelayMs(attempt, null, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(60_000, 500 * 2 ** attempt));
      }),
    );
  });

  it('honours Retry-After exactly, plus at most 250 ms', () => {
    expect(retryDelayMs(3, 2, () => 0)).toBe(2000);
    expect(retryDelayMs(3, 2, () => 0.999)).toBe(2249);
  });

  it('parses both Retry-After forms', () => {
    expect(parseRetryAfter('2')).toBe(2);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
