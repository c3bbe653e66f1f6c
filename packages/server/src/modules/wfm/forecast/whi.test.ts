import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestSameSlotOfWeek, weightedWeeks, whiForecast } from './whi.js';

// One slot per day keeps a week at 7 values, small enough to weigh by hand.
const S1 = 1;

describe('WHI (spec §5.2)', () => {
  it('weighs week w by N + 1 − w, the latest most', () => {
    // Three weeks; slot-of-week 0 is 10, 20, 40 from oldest to latest. N = 3: weights 1, 2, 3.
    const history = [10, 1, 1, 1, 1, 1, 1, 20, 1, 1, 1, 1, 1, 1, 40, 1, 1, 1, 1, 1, 1];
    const forecast = whiForecast(history, { slotsPerDay: S1, weeks: 3, horizonDays: 8 });
    expect(forecast[0]).toBeCloseTo((3 * 40 + 2 * 20 + 1 * 10) / 6, 12); // 28.333…
    expect(forecast[7]).toBeCloseTo(forecast[0]!, 12); // next week reads the same history weeks
    expect(forecast[1]).toBe(1);
  });

  it('keeps the weights of N even when fewer weeks exist', () => {
    // N = 8 with two weeks: weights 8 (latest) and 7.
    const history = [7, 0, 0, 0, 0, 0, 0, 22, 0, 0, 0, 0, 0, 0];
    expect(whiForecast(history, { slotsPerDay: S1, weeks: 8, horizonDays: 1 })[0]).toBeCloseTo((8 * 22 + 7 * 7) / 15, 12);
  });

  it('skips weeks without a value and renormalises the rest', () => {
    const history = [10, 0, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0];
    expect(whiForecast(history, { slotsPerDay: S1, weeks: 3, horizonDays: 1 })[0]).toBeCloseTo((3 * 40 + 1 * 10) / 4, 12);
  });

  it('ignores history older than N weeks', () => {
    const history = [1000, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0];
    expect(whiForecast(history, { slotsPerDay: S1, weeks: 2, horizonDays: 1 })[0]).toBeCloseTo((2 * 20 + 10) / 3, 12);
  });

  it('aligns history that ends mid-week: each future slot reads its own latest occurrence', () => {
    // 10 days, one slot per day: future day 10 shares its slot of the week with days 3 and −4; only day 3 exists.
    const history = Array.from({ length: 10 }, (_, d) => d);
    expect(latestSameSlotOfWeek(10, 7, 10)).toBe(3);
    expect(Array.from(whiForecast(history, { slotsPerDay: S1, weeks: 2, horizonDays: 7 }))).toEqual([
      (2 * 3) / 2, // week 1 is day 3 (weight 2); week 2 would be day −4
      (2 * 4) / 2,
      (2 * 5) / 2,
      (2 * 6) / 2,
      (2 * 7 + 1 * 0) / 3,
      (2 * 8 + 1 * 1) / 3,
      (2 * 9 + 1 * 2) / 3,
    ]);
  });

  it('weightedWeeks returns null with no value to weigh', () => {
    expect(weightedWeeks([null, null], 1, 1, 2)).toBeNull();
  });

  it('reproduces a series repeating exactly every week (§9 check 22)', () => {
    const week = Array.from({ length: 7 * 96 }, (_, i) => Math.round(50 + 40 * Math.sin(i / 13) + (i % 96 < 28 ? -45 : 0)));
    const history = Array.from({ length: 8 }, () => week).flat();
    const forecast = whiForecast(history, { slotsPerDay: 96, horizonDays: 28 });
    for (let i = 0; i < forecast.length; i++) expect(forecast[i]).toBeCloseTo(week[i % week.length]!, 9);
  });

  it('property: the WHI of a constant series is that constant, whatever is missing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 26 }), fc.array(fc.boolean(), { minLength: 35, maxLength: 35 }), (c, weeks, n, holes) => {
        const history = Array.from({ length: weeks * 7 }, (_, i) => (holes[i % 35] && i < (weeks - 1) * 7 ? null : c));
        const forecast = whiForecast(history, { slotsPerDay: S1, weeks: n, horizonDays: 14 });
        for (const f of forecast) expect(f).toBeCloseTo(c, 6);
      }),
    );
  });
});
