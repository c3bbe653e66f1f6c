// Every generated thing draws from its own stream, derived from the run's seed and the thing's
// identity (agent, skill, date): a day can be regenerated alone (the live feeder does) and adding
// an agent never shifts the draws of the others.
import { createRandom, type Random } from '../forecast/random.js';

/**
 * A 32-bit seed for the stream of `parts` under `seed` (FNV-1a over their text).
 *
 * @example
 * seedFor(1, 'agent', 3, '2026-03-02') === seedFor(1, 'agent', 3, '2026-03-02'); // true
 */
export function seedFor(seed: number, ...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of parts.join('\u0000')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The random stream of `parts` under `seed`.
 *
 * @example
 * const random = streamFor(1, 'skill', 'Sales', '2026-03-02');
 */
export function streamFor(seed: number, ...parts: readonly (string | number)[]): Random {
  return createRandom(seedFor(seed, ...parts));
}

/** A uniform integer in `[min, max]`. @example intBetween(createRandom(1), 1, 6) */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** An exponential draw with the given mean. @example exponential(createRandom(1), 60) */
export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random());
}
