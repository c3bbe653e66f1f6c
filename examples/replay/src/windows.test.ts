import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityWindowStart, alignedWindowStart } from './windows.js';

const t = (iso: string) => Date.parse(iso);
const min15 = 900_000;

describe('alignedWindowStart', () => {
  it('takes a start on a boundary, or up to 60 s after one, as that boundary', () => {
    expect(alignedWindowStart(t('2024-04-17T10:00:00Z'), min15)).toBe(t('2024-04-17T10:00:00Z'));
    expect(alignedWindowStart(t('2024-04-17T10:00:12Z'), min15)).toBe(t('2024-04-17T10:00:00Z'));
    expect(alignedWindowStart(t('2024-04-17T10:01:00Z'), min15)).toBe(t('2024-04-17T10:00:00Z'));
    expect(alignedWindowStart(t('2024-04-17T10:30:00Z'), 30 * 60_000)).toBe(t('2024-04-17T10:30:00Z'));
  });

  it('refuses a start further from a boundary', () => {
    expect(alignedWindowStart(t('2024-04-17T10:01:00.001Z'), min15)).toBeNull();
    expect(alignedWindowStart(t('2024-04-17T10:14:59Z'), min15)).toBeNull();
    expect(alignedWindowStart(t('2024-04-17T10:15:00Z'), 60 * 60_000)).toBeNull();
  });
});

describe('activityWindowStart (booking by end, spec §4.5)', () => {
  it('books an activity in the interval where it ends, taken as (start, end]', () => {
    // spec §4.5: a break 10:10-10:40 goes to 10:30-10:45
    expect(activityWindowStart(t('2024-04-17T10:40:00Z'), min15)).toBe(t('2024-04-17T10:30:00Z'));
    // ending exactly at 10:30:00.000 belongs to 10:15-10:30
    expect(activityWindowStart(t('2024-04-17T10:30:00Z'), min15)).toBe(t('2024-04-17T10:15:00Z'));
    expect(activityWindowStart(t('2024-04-17T10:30:00.001Z'), min15)).toBe(t('2024-04-17T10:30:00Z'));
  });

  it('gives a window that contains the end, as (start, end] (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: t('2000-01-01T00:00:00Z'), max: t('2100-01-01T00:00:00Z') }), fc.constantFrom(5, 15, 30, 60), (end, minutes) => {
        const len = minutes * 60_000;
        const w = activityWindowStart(end, len);
        expect(w % len).toBe(0);
        expect(w).toBeLessThan(end);
        expect(end).toBeLessThanOrEqual(w + len);
      }),
    );
  });
});
