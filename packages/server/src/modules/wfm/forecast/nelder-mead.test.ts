import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead.js';

describe('nelderMead', () => {
  it('finds the minimum of a quadratic bowl', () => {
    const found = nelderMead((x) => (x[0]! - 3) ** 2 + 2 * (x[1]! + 1) ** 2 + 5, [0, 0], { maxEvaluations: 400, tolerance: 1e-14 });
    expect(found.x[0]).toBeCloseTo(3, 4);
    expect(found.x[1]).toBeCloseTo(-1, 4);
    expect(found.value).toBeCloseTo(5, 8);
  });

  it('never calls the objective more than the budget, the start simplex included', () => {
    let calls = 0;
    const rosenbrock = (x: Float64Array) => (calls++, 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2);
    for (const budget of [1, 3, 4, 17, 120]) {
      calls = 0;
      const found = nelderMead(rosenbrock, [-1.2, 1, 0.5], { maxEvaluations: budget });
      expect(calls).toBe(budget);
      expect(found.evaluations).toBe(budget);
    }
  });

  it('returns the best point seen and treats a non-finite value as +∞', () => {
    const found = nelderMead((x) => (x[0]! > 0.5 ? NaN : (x[0]! - 0.4) ** 2), [0], { maxEvaluations: 60 });
    expect(found.x[0]).toBeCloseTo(0.4, 3);
    expect(Number.isFinite(found.value)).toBe(true);
  });

  it('is deterministic', () => {
    const f = (x: Float64Array) => Math.sin(3 * x[0]!) + (x[1]! - x[0]!) ** 2 + 0.1 * x[2]! ** 2;
    expect(nelderMead(f, [0.3, -0.2, 1], { maxEvaluations: 90 })).toEqual(nelderMead(f, [0.3, -0.2, 1], { maxEvaluations: 90 }));
  });
});
