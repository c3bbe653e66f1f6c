// Erlang B (blocking probability of M/M/n/n) by the bounded recurrence of spec §6.1. Every B_k lies
// in [0, 1], so nothing overflows where A^n/n! would (A = 50 000), and the recurrence is forward
// stable: an error in B_{k−1} reaches B_k multiplied by (1 − B_k) ≤ 1.

/**
 * One step of the recurrence: `B_k` from `B_{k−1}`. The Erlang C search walks n upward with it
 * instead of restarting from `B_0` for every candidate.
 *
 * @example
 * erlangBStep(1, 1, 2); // B_1 for A = 2: 2/3
 */
export function erlangBStep(previous: number, k: number, traffic: number): number {
  const ab = traffic * previous;
  return ab / (k + ab);
}

/**
 * Erlang B for `agents` (a non-negative integer) and `traffic` Erlangs: `B_0 = 1`,
 * `B_k = A·B_{k−1} / (k + A·B_{k−1})`. Linear in `agents`; never factorials or powers of A.
 *
 * @example
 * erlangB(3, 2); // 0.2105263157894737 (= 4/19)
 */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  // Once B underflows to 0 it stays 0: staffing far above A (an occupancy cap) costs nothing more.
  for (let k = 1; k <= agents && b > 0; k++) {
    const ab = traffic * b;
    b = ab / (k + ab);
  }
  return b;
}

/** `B_0 … B_n` for one traffic, extended on demand; for searches that probe n out of order. */
export interface ErlangBTable {
  readonly traffic: number;
  /** `B_n` for a non-negative integer `n`. */
  at(n: number): number;
}

/**
 * A lazily extended table of Erlang B values: probing n costs the steps not yet taken, so any
 * sequence of probes up to n costs n steps in all.
 *
 * @example
 * const table = createErlangBTable(10);
 * table.at(14); // 0.0568191433865208… — the same number erlangB(14, 10) gives
 */
export function createErlangBTable(traffic: number): ErlangBTable {
  // A plain array of doubles: cheaper to create and grow than a Float64Array for a few hundred values.
  const values: number[] = [1];
  return {
    traffic,
    at(n: number): number {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`agents must be a non-negative integer, got ${n}`);
      let b = values[values.length - 1]!;
      for (let k = values.length; k <= n; k++) {
        // Past an underflow B stays 0.
        if (b > 0) {
          const ab = traffic * b;
          b = ab / (k + ab);
        }
        values.push(b);
      }
      return values[n]!;
    },
  };
}
