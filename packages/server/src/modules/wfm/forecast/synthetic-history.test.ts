import { describe, expect, it } from 'vitest';
import { createRandom, gamma, poisson } from './random.js';
import { intradayShape, syntheticHistory } from './synthetic-history.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('synthetic history', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(syntheticHistory({ seed: 3, days: 14 })).toEqual(syntheticHistory({ seed: 3, days: 14 }));
    expect(syntheticHistory({ seed: 4, days: 14 }).contacts.values).not.toEqual(syntheticHistory({ seed: 3, days: 14 }).contacts.values);
  });

  it('follows its ground-truth rates: weekday factors, peaks, trend and special days', () => {
    const { contacts, rates } = syntheticHistory({ seed: 1, days: 28, trendPerWeek: 0.1, specialDays: [{ date: '2024-01-10', factor: 3 }] });
    const dayRate = (d: number) => mean(Array.from(rates.subarray(d * 96, (d + 1) * 96))) * 96;
    expect(dayRate(0)).toBeCloseTo(2000 * 1.15, 6); // Monday
    expect(dayRate(6)).toBeCloseTo(2000 * 0.3 * 1.1 ** (6 / 7), 6); // Sunday, with trend
    expect(dayRate(9)).toBeCloseTo(2000 * 1 * 1.1 ** (9 / 7) * 3, 6); // Wednesday 10 January, ×3
    const total = (contacts.values as number[]).reduce((a, b) => a + b, 0);
    const expected = rates.reduce((a, b) => a + b, 0);
    expect(Math.abs(total / expected - 1)).toBeLessThan(0.03);
    const shape = intradayShape(96, false);
    expect(shape.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shape[42]!).toBeGreaterThan(shape[50]!); // 10:30 peak over 12:30
    expect(shape[58]!).toBeGreaterThan(shape[50]!); // 14:30 peak over 12:30
  });

  it('keeps handled under offered and handle seconds near handled × AHT', () => {
    const { contacts, handled, handleSeconds } = syntheticHistory({ seed: 2, days: 7, ahtSeconds: 240 });
    handled.values.forEach((h, i) => expect(h!).toBeLessThanOrEqual(contacts.values[i]!));
    const seconds = (handleSeconds.values as number[]).reduce((a, b) => a + b, 0);
    const count = (handled.values as number[]).reduce((a, b) => a + b, 0);
    expect(seconds / count).toBeGreaterThan(235);
    expect(seconds / count).toBeLessThan(245);
  });

  it('draws Poisson and gamma with the right mean and variance', () => {
    const random = createRandom(99);
    for (const lambda of [0.5, 4, 30, 400]) {
      const xs = Array.from({ length: 20_000 }, () => poisson(random, lambda));
      const m = mean(xs);
      expect(Math.abs(m / lambda - 1)).toBeLessThan(0.05);
      expect(Math.abs(mean(xs.map((x) => (x - m) ** 2)) / lambda - 1)).toBeLessThan(0.06);
    }
    const gs = Array.from({ length: 20_000 }, () => gamma(random, 25, 1 / 25));
    expect(Math.abs(mean(gs) - 1)).toBeLessThan(0.01);
    expect(Math.abs(mean(gs.map((g) => (g - 1) ** 2)) / (1 / 25) - 1)).toBeLessThan(0.06);
  });
});
