import { expect } from 'vitest';

/**
 * Asserts that `actual` reads as `expected` to the digits shown: the tolerance is half a unit of the
 * last digit (spec test vectors: '0.888350' allows ±5e−7, '40.4' ±0.05, '108' ±0.5).
 *
 * @example
 * expectDigits(0.88835001917, '0.888350');
 */
export function expectDigits(actual: number, expected: string): void {
  const decimals = expected.split('.')[1]?.length ?? 0;
  const tolerance = 0.5 * 10 ** -decimals;
  // The last factor absorbs the binary representation of the decimal bound itself.
  expect(Math.abs(actual - Number(expected)), `${actual} should read ${expected} (± ${tolerance})`).toBeLessThanOrEqual(tolerance * (1 + 1e-9));
}
