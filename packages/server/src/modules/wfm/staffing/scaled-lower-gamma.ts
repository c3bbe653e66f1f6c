// The scaled lower incomplete gamma function that Erlang A (spec §6.3) is written in:
//   S(a, u) = e^u·u^{−a}·Γ(a + 1)·P(a, u) = Σ_{k≥0} u^k / ((a+1)(a+2)…(a+k))   (Kummer's ₁F₁(1; a+1; u)).
// With it, 𝒜 = x·e^y·y^{−x}·Γ(x)·P(x, y) is S(x, y), and every ratio of P values in the Erlang A
// formulas becomes a ratio of S values times elementary factors. Summing the positive series
// avoids both the cancellation of `u − a·ln u + lnΓ(a+1)` (digits lost at large a) and
// @stdlib/math-base-special-gammainc 0.3.1, which is wrong by up to 18 % for u > 1000 near a
// (its large-x series starts the Pochhammer product at a instead of a − 1; see docs/wfm-staffing.md).
import gammaln from '@stdlib/math-base-special-gammaln';

/** `ln S(a, u)` and two quantities the Erlang A formulas need without cancellation. */
export interface ScaledLowerGamma {
  lnS: number;
  /** `1 − 1/S(a, u)`, which is `P(a + 1, u) / P(a, u)`. */
  complement: number;
  /**
   * `Σ_k t_k·(k + 1)/(a + k + 1) / S` with `t_k` the series terms: `P(Ab | W > 0)` of Erlang A when
   * `u < a`, where the spec's `1/(ρ𝒜) + 1 − 1/ρ` cancels. `NaN` when `u` is far above `a`.
   */
  abandonShare: number;
}

const RESCALE = 1e-280;
const LN_RESCALE = Math.log(RESCALE);

/**
 * `S(a, u)` in logs for `a ≥ 0`, `u ≥ 0`. Terms grow while `k < u − a` and then fall faster than a
 * geometric series, so the sum takes about `max(0, u − a) + 9·√max(a, u)` terms. Far above the
 * mode (`u − a > 30·√u + 30`, where `Q(a, u) < e^{−450}`) `P(a, u)` is 1 to the last bit and
 * `ln S = u − a·ln u + lnΓ(a + 1)` exactly.
 *
 * @example
 * Math.exp(scaledLowerGamma(20, 50 / 3).lnS); // 𝒜 of spec case A1
 */
export function scaledLowerGamma(a: number, u: number): ScaledLowerGamma {
  // NaN would never meet the stopping test below.
  if (!(a >= 0 && u >= 0 && Number.isFinite(a) && Number.isFinite(u))) throw new RangeError(`scaledLowerGamma needs finite a, u ≥ 0, got ${a}, ${u}`);
  if (u - a > 30 * Math.sqrt(u) + 30) {
    return { lnS: u - a * Math.log(u) + gammaln(a + 1), complement: 1, abandonShare: Number.NaN };
  }
  let term = 1;
  let sum = 1;
  let rest = 0;
  let weighted = 1 / (a + 1);
  let lnScale = 0;
  for (let k = 1; ; k++) {
    term *= u / (a + k);
    sum += term;
    rest += term;
    weighted += (term * (k + 1)) / (a + k + 1);
    if (k > u - a && term <= sum * 1e-17) break;
    if (sum > 1e280) {
      // The growing phase of a heavily loaded system: keep the sum finite, remember the scale.
      term *= RESCALE;
      sum *= RESCALE;
      rest *= RESCALE;
      weighted *= RESCALE;
      lnScale -= LN_RESCALE;
    }
  }
  const lnS = Math.log(sum) + lnScale;
  return { lnS, complement: lnScale === 0 ? rest / sum : -Math.expm1(-lnS), abandonShare: weighted / sum };
}
