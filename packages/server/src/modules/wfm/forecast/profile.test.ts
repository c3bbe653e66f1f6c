import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitProfile, profileForecast, smoothProfile } from './profile.js';

// Five slots a day, two weeks. Weekday 0 totals 100 then 200 with the intraday shape 0, .2, .4, .4, 0;
// every other weekday totals 50 each week, flat.
function twoWeeks(): (number | null)[] {
  const out: number[] = [];
  for (let d = 0; d < 14; d++) {
    if (d === 0) out.push(0, 20, 40, 40, 0);
    else if (d === 7) out.push(0, 40, 80, 80, 0);
    else out.push(10, 10, 10, 10, 10);
  }
  return out;
}

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe('smoothProfile', () => {
  it('averages a centred 5-slot window, cut at the day edges, and renormalises', () => {
    // raw 0, .2, .4, .4, 0 → windows {0,1,2}, {0..3}, {0..4}, {1..4}, {2..4} → .2, .25, .2, .25, .2667 → /1.1667
    const smoothed = Array.from(smoothProfile([0, 0.2, 0.4, 0.4, 0]));
    [12, 15, 12, 15, 16].forEach((v, j) => expect(smoothed[j]).toBeCloseTo(v / 70, 12));
  });

  it('keeps a flat profile flat and makes an all-zero day uniform', () => {
    expect(Array.from(smoothProfile([0.25, 0.25, 0.25, 0.25]))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(smoothProfile([0, 0, 0, 0]))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe('PROFILE (spec §5.2)', () => {
  it('computes the weekday index, the level and the smoothed profile by hand', () => {
    const model = fitProfile(twoWeeks(), { slotsPerDay: 5, weeks: 2, horizonDays: 7 });
    // mean of all totals = 900/14; weekday 0 mean 150 → I = 7/3; others 50 → I = 7/9.
    expect(model.weekdayIndex[0]).toBeCloseTo(7 / 3, 12);
    for (let k = 1; k < 7; k++) expect(model.weekdayIndex[k]).toBeCloseTo(7 / 9, 12);
    expect(model.level).toBeCloseTo(900 / 14, 12);
    expect(model.slope).toBe(0);
    [12, 15, 12, 15, 16].forEach((v, j) => expect(model.profiles[0]![j]).toBeCloseTo(v / 70, 12));
  });

  it('forecasts T_d · P_wd(d)(j)', () => {
    const forecast = profileForecast(twoWeeks(), { slotsPerDay: 5, weeks: 2, horizonDays: 7 });
    // T for weekday 0 = (900/14)·(7/3) = 150; weekday 1 = 50, flat.
    [12, 15, 12, 15, 16].forEach((v, j) => expect(forecast[j]).toBeCloseTo((150 * v) / 70, 9));
    for (let j = 5; j < 35; j++) expect(forecast[j]).toBeCloseTo(10, 9);
  });

  it('PROFILE_TREND fits Y/I ≈ a + b·d by least squares', () => {
    // Y/I is 300/7 on day 0, 600/7 on day 7 and 450/7 elsewhere: Σ(x − x̄)(y − ȳ) = 150, Σ(x − x̄)² = 227.5.
    const model = fitProfile(twoWeeks(), { slotsPerDay: 5, weeks: 2, horizonDays: 7, trend: true });
    expect(model.slope).toBeCloseTo(150 / 227.5, 12);
    expect(model.level).toBeCloseTo(60, 12);
    const forecast = profileForecast(twoWeeks(), { slotsPerDay: 5, weeks: 2, horizonDays: 2, trend: true });
    expect(sum(forecast.subarray(0, 5))).toBeCloseTo((60 + (14 * 60) / 91) * (7 / 3), 9);
    expect(sum(forecast.subarray(5, 10))).toBeCloseTo((60 + (15 * 60) / 91) * (7 / 9), 9);
  });

  it('PROFILE_TREND never forecasts below zero', () => {
    const falling = Array.from({ length: 21 }, (_, d) => Array<number>(4).fill(Math.max(0, 100 - 5 * d))).flat();
    const forecast = profileForecast(falling, { slotsPerDay: 4, horizonDays: 14, trend: true });
    expect(Math.min(...forecast)).toBe(0);
  });

  it('leaves out a day with a missing slot and uses only the last N weeks', () => {
    const history = twoWeeks();
    history[5 * 3 + 2] = null; // day 3 incomplete: its 50 no longer counts
    const older = Array<number>(35).fill(1000); // a week before the window, N = 2
    const model = fitProfile([...older, ...history], { slotsPerDay: 5, weeks: 2, horizonDays: 1 });
    // 13 complete days: totals 850 → mean 850/13; weekday 3 (index (7 + 3) mod 7) keeps day 10 only.
    expect(model.weekdayIndex[(7 + 0) % 7]).toBeCloseTo(150 / (850 / 13), 12);
    expect(model.weekdayIndex[(7 + 3) % 7]).toBeCloseTo(50 / (850 / 13), 12);
  });

  it('reproduces flat days with fixed totals per weekday (§9 check 22)', () => {
    const totals = [960, 1920, 1440, 1152, 1056, 480, 96];
    const history = Array.from({ length: 56 }, (_, d) => Array<number>(96).fill(totals[d % 7]! / 96)).flat();
    for (const trend of [false, true]) {
      const forecast = profileForecast(history, { slotsPerDay: 96, horizonDays: 14, trend });
      for (let i = 0; i < forecast.length; i++) expect(forecast[i]).toBeCloseTo(totals[Math.floor(i / 96) % 7]! / 96, 9);
    }
  });

  it('property: every weekday profile sums to 1', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat({ max: 500 }), { freq: 20 }), { minLength: 14 * 6, maxLength: 14 * 6 }), fc.boolean(), (values, trend) => {
        const model = fitProfile(values, { slotsPerDay: 6, weeks: 2, horizonDays: 1, trend });
        for (const profile of model.profiles) expect(sum(profile)).toBeCloseTo(1, 9);
      }),
    );
  });
});
