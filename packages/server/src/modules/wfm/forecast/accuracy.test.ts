import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracyOf, accuracyReport, seasonalNaiveScale } from './accuracy.js';
import { createRandom, poisson } from './random.js';

describe('accuracy metrics (spec §5.5)', () => {
  it('computes WAPE, bias, MASE and the Poisson floor exactly, skipping missing actuals', () => {
    const result = accuracyOf([100, 50, 0, null], [90, 60, 4, 1000], 2.5);
    expect(result.count).toBe(3);
    expect(result.wape).toBeCloseTo(24 / 150, 15); // (10 + 10 + 4) / 150 = 0.16
    expect(result.bias).toBeCloseTo(4 / 150, 15); // (−10 + 10 + 4) / 150
    expect(result.mase).toBeCloseTo(24 / 3 / 2.5, 15); // 3.2
    const floor = (0.798 * (Math.sqrt(90) + Math.sqrt(60) + 2)) / 154;
    expect(result.wapeFloor).toBeCloseTo(floor, 15); // 0.09967
    expect(result.wapeOverFloor).toBeCloseTo(0.16 / floor, 12);
    expect(result.actualTotal).toBe(150);
    expect(result.forecastTotal).toBe(154);
  });

  it('gives null for undefined ratios, never 0', () => {
    const none = accuracyOf([0, 0], [0, 0], null);
    expect([none.wape, none.bias, none.mase, none.wapeFloor, none.wapeOverFloor]).toEqual([null, null, null, null, null]);
    expect(accuracyOf([null], [5], 1).count).toBe(0);
  });

  it('takes the MASE scale from the one-week seasonal naive inside the training history', () => {
    expect(seasonalNaiveScale([1, 2, 3, 5], 2)).toBe(2.5);
    expect(seasonalNaiveScale([1, null, 3, 5], 2)).toBe(2);
    expect(seasonalNaiveScale([4, 4, 4, 4], 2)).toBeNull();
  });

  it('reports interval level, day level and per horizon day', () => {
    // Two slots a day. Training: 8 days of (1, 1) but day 7 is (3, 3): interval scale 2, day-total scale 4.
    const training = [...Array<number>(14).fill(1), 3, 3];
    const report = accuracyReport([10, 20, 30, null], [12, 18, 33, 7], training, { slotsPerDay: 2 });
    expect(report.interval.wape).toBeCloseTo(7 / 60, 15);
    expect(report.interval.mase).toBeCloseTo(7 / 3 / 2, 15);
    // Day totals over slots with an actual: A = 30, 30; F = 30, 33.
    expect(report.day.wape).toBeCloseTo(3 / 60, 15);
    expect(report.day.bias).toBeCloseTo(3 / 60, 15);
    expect(report.day.mase).toBeCloseTo(1.5 / 4, 15);
    expect(report.day.wapeFloor).toBeCloseTo((0.798 * (Math.sqrt(30) + Math.sqrt(33))) / 63, 15);
    expect(report.perHorizonDay.map((d) => d.wape)).toEqual([4 / 30, 3 / 30]);
  });

  it('a forecast equal to λ on 10 000 Poisson(100) samples has WAPE within 10 % of wapeFloor (§9 check 25)', () => {
    const random = createRandom(20_250_101);
    const samples = Array.from({ length: 10_000 }, () => poisson(random, 100));
    const result = accuracyOf(samples, Array<number>(10_000).fill(100), null);
    expect(result.wapeFloor).toBeCloseTo(0.0798, 12);
    expect(Math.abs(result.wape! / result.wapeFloor! - 1)).toBeLessThan(0.1);
  });

  it('property: WAPE, bias and MASE are scale-invariant (the floor is not: it shrinks as 1/√c)', () => {
    const values = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 14, maxLength: 14 });
    fc.assert(
      fc.property(values, values, values, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (actual, forecast, training, c) => {
        const scale = seasonalNaiveScale(training, 7);
        const scaledScale = seasonalNaiveScale(training.map((v) => v * c), 7);
        const a = accuracyOf(actual, forecast, scale);
        const b = accuracyOf(actual.map((v) => v * c), forecast.map((v) => v * c), scaledScale);
        for (const key of ['wape', 'bias', 'mase'] as const) {
          if (a[key] === null) expect(b[key]).toBeNull();
          else expect(b[key]!).toBeCloseTo(a[key], 9);
        }
        if (a.wapeFloor !== null) expect(b.wapeFloor!).toBeCloseTo(a.wapeFloor / Math.sqrt(c), 9);
      }),
    );
  });
});
