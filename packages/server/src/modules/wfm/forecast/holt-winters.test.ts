import { describe, expect, it } from 'vitest';
import { accuracyOf } from './accuracy.js';
import { fitHoltWinters, holtWintersForecast, initialStates, toZ } from './holt-winters.js';

// Two slots a day: s1 = 2, s2 = 14. Week 1 days are y = 0, 2 (z = 1, 3); week 2 days y = 1, 5 (z = 2, 6).
const tinyTwoWeeks = () => [...Array<number[]>(7).fill([0, 2]).flat(), ...Array<number[]>(7).fill([1, 5]).flat()];

describe('Holt–Winters initial states (spec §5.2)', () => {
  it('matches the hand computation on a tiny two-week series', () => {
    const states = initialStates(toZ(tinyTwoWeeks()), 2, 14);
    // L0 = mean z of week 1 = 2; T0 = (4 − 2)/14. Every day's z/mean is (.5, 1.5) → D = (.5, 1.5).
    // W = mean of z/(L0·D) = mean(1, 2) = 1.5 everywhere → W / 1.5 = 1, L0 · 1.5 = 3.
    expect(states.level).toBeCloseTo(3, 12);
    expect(states.trend).toBeCloseTo(1 / 7, 12);
    expect(Array.from(states.daily)).toEqual([0.5, 1.5]);
    for (const w of states.weekly) expect(w).toBeCloseTo(1, 12);
  });

  it('puts a weekday difference into W and keeps its mean at 1', () => {
    // As above but day 0 of each week doubled: week means 16/7 and 32/7.
    const y = tinyTwoWeeks();
    y.splice(0, 2, 1, 5);
    y.splice(14, 2, 3, 11);
    const states = initialStates(toZ(y), 2, 14);
    expect(states.trend).toBeCloseTo(16 / 7 / 14, 12);
    expect(Array.from(states.daily)).toEqual([0.5, 1.5]);
    // raw W: day 0 mean(1.75, 3.5) = 2.625, others mean(.875, 1.75) = 1.3125; their mean is 1.5.
    expect(states.weekly[0]).toBeCloseTo(1.75, 12);
    expect(states.weekly[1]).toBeCloseTo(1.75, 12);
    for (let k = 2; k < 14; k++) expect(states.weekly[k]).toBeCloseTo(0.875, 12);
    expect(states.level).toBeCloseTo((16 / 7) * 1.5, 12);
  });

  it('skips missing values', () => {
    const y: (number | null)[] = tinyTwoWeeks();
    y[3] = null; // week 1, day 1, slot 1 (z = 3)
    const states = initialStates(toZ(y), 2, 14);
    // L0 = 25/13 (13 values); T0 = (4 − 25/13)/14; day 1 has only slot 0, ratio 1 → D0 = (13·.5 + 1)/14.
    expect(states.trend).toBeCloseTo((4 - 25 / 13) / 14, 12);
    expect(states.daily[0]).toBeCloseTo(15 / 28, 12);
    expect(states.daily[1]).toBeCloseTo(1.5, 12);
    // raw W: even slots (364/375 + 728/375)/2 = 1.456, odd 1.56, slot 3 only week 2 = 2.08; mean 21.632/14.
    const rawMean = 21.632 / 14;
    expect(states.weekly[0]).toBeCloseTo(1.456 / rawMean, 12);
    expect(states.weekly[1]).toBeCloseTo(1.56 / rawMean, 12);
    expect(states.weekly[3]).toBeCloseTo(2.08 / rawMean, 12);
    expect(states.level).toBeCloseTo((25 / 13) * rawMean, 12);
  });
});

describe('Holt–Winters recursion and forecast', () => {
  it('with all weights 0 extends L0 + n·T0 and caps the trend at min(k, s2)·T', () => {
    // Four weeks (n = 56 slots) with nothing updating: L_n = 3 + 56/7 = 11, T = 1/7, D = (.5, 1.5), W = 1.
    const history = [...tinyTwoWeeks(), ...tinyTwoWeeks()];
    const forecast = holtWintersForecast(history, { alpha: 0, gamma: 0, delta: 0, omega: 0 }, { slotsPerDay: 2, horizonDays: 14 });
    expect(forecast[0]).toBeCloseTo((11 + 1 / 7) * 0.5 - 1, 12); // k = 1: 4.5714
    expect(forecast[1]).toBeCloseTo((11 + 2 / 7) * 1.5 - 1, 12); // k = 2: 15.9286
    expect(forecast[13]).toBeCloseTo((11 + 14 / 7) * 1.5 - 1, 12); // k = s2 = 14: 18.5
    expect(forecast[14]).toBeCloseTo((11 + 14 / 7) * 0.5 - 1, 12); // k = 15, trend capped at 14·T: 5.5
    expect(forecast[27]).toBeCloseTo((11 + 14 / 7) * 1.5 - 1, 12); // k = 28: 18.5 again
  });

  it('a missing value takes its one-step forecast: holes in an exactly fitted series change nothing', () => {
    // Holes only after the two start weeks: holes inside them change the initial states instead.
    const history = noiseless(4);
    const holed = history.map((v, i) => (i >= 2 * 672 && (i % 97 === 5 || (i > 1500 && i < 1600)) ? null : v));
    const params = { alpha: 0.3, gamma: 0.05, delta: 0.2, omega: 0.2 };
    const a = holtWintersForecast(history, params, { slotsPerDay: 96, horizonDays: 7 });
    const b = holtWintersForecast(holed, params, { slotsPerDay: 96, horizonDays: 7 });
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 9);
  });

  it('reaches WAPE < 1 % on a noiseless series with periods 96 and 672 (§9 check 22)', () => {
    const history = noiseless(8);
    const training = history.slice(0, 6 * 672);
    const fit = fitHoltWinters(training, { slotsPerDay: 96 });
    const forecast = holtWintersForecast(training, fit.params, { slotsPerDay: 96, horizonDays: 14 });
    expect(accuracyOf(history.slice(6 * 672), forecast, null).wape!).toBeLessThan(0.01);
  });

  it('fits deterministically within its budgets, and a refit spends at most 40 more', () => {
    const history = noisy(8, 11);
    const first = fitHoltWinters(history.slice(0, 6 * 672), { slotsPerDay: 96 });
    expect(fitHoltWinters(history.slice(0, 6 * 672), { slotsPerDay: 96 })).toEqual(first);
    expect(first.evaluations).toBeLessThanOrEqual(120);
    const refit = fitHoltWinters(history, { slotsPerDay: 96, start: first.logit, maxEvaluations: 40 });
    expect(refit.evaluations).toBeLessThanOrEqual(40);
    for (const p of Object.values(refit.params)) expect(p).toBeGreaterThan(0), expect(p).toBeLessThan(1);
  });

  it('refuses fewer than three weeks to fit', () => {
    expect(() => fitHoltWinters(noiseless(2), { slotsPerDay: 96 })).toThrow(RangeError);
  });
});

/** A product of a daily (96) and a weekly (672) pattern, with quiet nights. */
function noiseless(weeks: number): number[] {
  return Array.from({ length: weeks * 672 }, (_, t) => {
    const j = t % 96;
    const d = Math.floor(t / 96) % 7;
    const daily = j < 28 || j >= 84 ? 0.1 : 1 + Math.sin(((j - 28) / 56) * Math.PI);
    const weekly = [1.2, 1.1, 1, 1, 0.9, 0.5, 0.3][d]! * (1 + 0.1 * Math.cos(j / 7));
    return 40 * daily * weekly;
  });
}

function noisy(weeks: number, seed: number): number[] {
  let s = seed;
  return noiseless(weeks).map((v) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.max(0, Math.round(v * (0.9 + (0.2 * s) / 2_147_483_648)));
  });
}
