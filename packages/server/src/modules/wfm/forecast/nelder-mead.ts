// Nelder–Mead minimisation with a hard budget of function evaluations (spec §5.2). Deterministic:
// a fixed start simplex, standard coefficients, ties kept in insertion order, no randomness.

export interface NelderMeadOptions {
  /** Hard cap on calls of the objective, the start simplex included. */
  maxEvaluations: number;
  /** Edge length of the start simplex along each axis (default 1). */
  step?: number;
  /** Stop once the simplex's values differ by at most this, relative to the best (default 1e-10). */
  tolerance?: number;
}

export interface NelderMeadResult {
  /** Best point evaluated. */
  x: number[];
  value: number;
  evaluations: number;
}

interface Vertex {
  x: Float64Array;
  f: number;
}

/**
 * Minimises `f` from `start`. Non-finite objective values count as +∞, so a diverging model is
 * simply a bad point.
 *
 * @example
 * nelderMead((x) => (x[0]! - 3) ** 2 + (x[1]! + 1) ** 2, [0, 0], { maxEvaluations: 200 }).x; // ≈ [3, −1]
 */
export function nelderMead(f: (x: Float64Array) => number, start: ArrayLike<number>, options: NelderMeadOptions): NelderMeadResult {
  const n = start.length;
  const step = options.step ?? 1;
  const tolerance = options.tolerance ?? 1e-10;
  let evaluations = 0;
  let best: Vertex = { x: Float64Array.from(start), f: Infinity };

  // Returns null once the budget is spent, which ends the search.
  const evaluate = (x: Float64Array): Vertex | null => {
    if (evaluations >= options.maxEvaluations) return null;
    evaluations++;
    const value = f(x);
    const vertex = { x, f: Number.isFinite(value) ? value : Infinity };
    if (vertex.f < best.f) best = vertex;
    return vertex;
  };
  const along = (from: Float64Array, to: Float64Array, t: number) => from.map((v, i) => v + t * ((to[i] ?? 0) - v));

  const simplex: Vertex[] = [];
  for (let i = 0; i <= n; i++) {
    const x = Float64Array.from(start);
    if (i > 0) x[i - 1]! += step;
    const v = evaluate(x);
    if (!v) return result();
    simplex.push(v);
  }

  for (;;) {
    simplex.sort((a, b) => a.f - b.f);
    const lowest = simplex[0]!;
    const worst = simplex[n]!;
    if (worst.f - lowest.f <= tolerance * Math.max(Math.abs(lowest.f), 1e-300)) return result();
    const centroid = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k]! += simplex[i]!.x[k]! / n;

    const reflected = evaluate(along(centroid, worst.x, -1));
    if (!reflected) return result();
    if (reflected.f < lowest.f) {
      const expanded = evaluate(along(centroid, worst.x, -2));
      if (!expanded) return result();
      simplex[n] = expanded.f < reflected.f ? expanded : reflected;
      continue;
    }
    if (reflected.f < simplex[n - 1]!.f) {
      simplex[n] = reflected;
      continue;
    }
    const outside = reflected.f < worst.f;
    const contracted = evaluate(along(centroid, outside ? reflected.x : worst.x, 0.5));
    if (!contracted) return result();
    if (contracted.f < (outside ? reflected.f : worst.f) || (outside && contracted.f === reflected.f)) {
      simplex[n] = contracted;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const shrunk = evaluate(along(lowest.x, simplex[i]!.x, 0.5));
      if (!shrunk) return result();
      simplex[i] = shrunk;
    }
  }

  function result(): NelderMeadResult {
    return { x: Array.from(best.x), value: best.f, evaluations };
  }
}
