// Double seasonal multiplicative Holt–Winters (spec §5.2, Taylor 2003) on z = y + 1, with a daily
// (s1 = S1) and a weekly (s2 = S2) season. The inner loop runs 120 times per fit over weeks of slots,
// so it works on typed arrays and allocates nothing per step.
import { nelderMead } from './nelder-mead.js';
import type { SlotValues } from './whi.js';

/** Smoothing weights, each in [0, 1]: level α, trend γ, daily season δ, weekly season ω. */
export interface HoltWintersParams {
  alpha: number;
  gamma: number;
  delta: number;
  omega: number;
}

/** States at time 0, before the first observation. */
export interface HoltWintersStates {
  level: number;
  trend: number;
  /** `D_j`, j = slot of the day. */
  daily: Float64Array;
  /** `W_k`, k = slot of the week, mean 1. */
  weekly: Float64Array;
}

export interface HoltWintersFit {
  params: HoltWintersParams;
  /** The same parameters on the logit scale the search runs on; a refit starts from here. */
  logit: number[];
  /** Sum of squared one-step errors from week 3 on, on z. */
  sse: number;
  evaluations: number;
}

export interface HoltWintersFitOptions {
  slotsPerDay: number;
  /** Logit-scale start; default the logits of (0.1, 0.01, 0.2, 0.2). */
  start?: readonly number[];
  /** Default 120. */
  maxEvaluations?: number;
  /** Start-simplex edge on the logit scale; default 1. */
  step?: number;
}

const DEFAULT_START = [0.1, 0.01, 0.2, 0.2].map((p) => Math.log(p / (1 - p)));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * z = y + 1 as a typed array, missing as NaN (the recursion tests NaN, not null, in its hot loop).
 *
 * @example
 * toZ([0, null, 4]); // Float64Array [1, NaN, 5]
 */
export function toZ(values: SlotValues): Float64Array {
  return Float64Array.from({ length: values.length }, (_, i) => {
    const y = values[i];
    return y === null || y === undefined ? NaN : y + 1;
  });
}

function meanOf(z: Float64Array, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    const v = z[i]!;
    if (v === v) {
      sum += v;
      count++;
    }
  }
  return count ? sum / count : NaN;
}

/**
 * Initial states from the first two weeks of `z`: `L_0` = mean of week 1; `T_0` = (mean of week 2 −
 * mean of week 1) / s2; `D_j` = mean over the 14 days of z(d, j) / mean(z of day d); `W_k` = mean
 * over both weeks of z / (L_0·D) at week slot k, divided by its mean while `L_0` is multiplied by it.
 * Missing values are skipped; a slot with no value at all gets 1.
 *
 * @example
 * initialStates(toZ(twoWeeks), 24, 168).level; // mean of week 1, times the mean of the raw W
 */
export function initialStates(z: Float64Array, s1: number, s2: number): HoltWintersStates {
  if (z.length < 2 * s2) throw new RangeError(`Holt–Winters needs two weeks (${2 * s2} slots) to start, got ${z.length}`);
  const week1 = meanOf(z, 0, s2);
  const week2 = meanOf(z, s2, 2 * s2);
  let level = week1 === week1 ? week1 : week2;
  const trend = week1 === week1 && week2 === week2 ? (week2 - week1) / s2 : 0;
  if (!(level > 0)) level = 1;

  const daily = new Float64Array(s1);
  const dailyCount = new Uint16Array(s1);
  for (let d = 0; d < (2 * s2) / s1; d++) {
    const dayMean = meanOf(z, d * s1, (d + 1) * s1);
    if (!(dayMean > 0)) continue;
    for (let j = 0; j < s1; j++) {
      const v = z[d * s1 + j]!;
      if (v !== v) continue;
      daily[j]! += v / dayMean;
      dailyCount[j]! += 1;
    }
  }
  for (let j = 0; j < s1; j++) daily[j] = dailyCount[j] ? daily[j]! / dailyCount[j]! : 1;

  const weekly = new Float64Array(s2);
  let weeklySum = 0;
  for (let k = 0; k < s2; k++) {
    let sum = 0;
    let count = 0;
    for (const v of [z[k]!, z[s2 + k]!]) {
      if (v !== v) continue;
      sum += v / (level * daily[k % s1]!);
      count++;
    }
    weekly[k] = count ? sum / count : 1;
    weeklySum += weekly[k]!;
  }
  const weeklyMean = weeklySum / s2;
  for (let k = 0; k < s2; k++) weekly[k] = weekly[k]! / weeklyMean;
  return { level: level * weeklyMean, trend, daily, weekly };
}

/** A reusable runner: the season buffers are allocated once and reset from the initial states per run. */
class Recursion {
  readonly daily: Float64Array;
  readonly weekly: Float64Array;
  level = 0;
  trend = 0;

  constructor(
    private readonly z: Float64Array,
    private readonly init: HoltWintersStates,
  ) {
    this.daily = new Float64Array(init.daily.length);
    this.weekly = new Float64Array(init.weekly.length);
  }

  /** Runs the recursion over all of z; returns the squared one-step errors from week 3 on (NaN if L ≤ 0). */
  run(alpha: number, gamma: number, delta: number, omega: number): number {
    const { z, daily, weekly } = this;
    const s1 = daily.length;
    const s2 = weekly.length;
    const scoreFrom = 2 * s2;
    daily.set(this.init.daily);
    weekly.set(this.init.weekly);
    let level = this.init.level;
    let trend = this.init.trend;
    let sse = 0;
    let j = 0;
    let k = 0;
    for (let t = 0; t < z.length; t++) {
      const d = daily[j]!;
      const w = weekly[k]!;
      const base = level + trend;
      const forecast = base * d * w;
      let zt = z[t]!;
      // A missing observation takes its one-step forecast, so it carries the states through unchanged.
      if (zt !== zt) zt = forecast;
      else if (t >= scoreFrom) sse += (zt - forecast) * (zt - forecast);
      const next = (alpha * zt) / (d * w) + (1 - alpha) * base;
      if (!(next > 0)) return NaN;
      trend = gamma * (next - level) + (1 - gamma) * trend;
      daily[j] = (delta * zt) / (next * w) + (1 - delta) * d;
      weekly[k] = (omega * zt) / (next * d) + (1 - omega) * w;
      level = next;
      if (++j === s1) j = 0;
      if (++k === s2) k = 0;
    }
    this.level = level;
    this.trend = trend;
    return sse;
  }
}

/**
 * Fits α, γ, δ, ω by Nelder–Mead on the logit scale, minimising the squared one-step errors on z
 * from week 3 on. Needs at least three weeks of history.
 *
 * @example
 * const fit = fitHoltWinters(sixWeeks, { slotsPerDay: 96 }); // ≤ 120 evaluations
 * const refit = fitHoltWinters(eightWeeks, { slotsPerDay: 96, start: fit.logit, maxEvaluations: 40 });
 */
export function fitHoltWinters(values: SlotValues, options: HoltWintersFitOptions): HoltWintersFit {
  const s1 = options.slotsPerDay;
  const s2 = 7 * s1;
  if (values.length < 3 * s2) throw new RangeError(`Holt–Winters needs three weeks (${3 * s2} slots) to fit, got ${values.length}`);
  const z = toZ(values);
  const recursion = new Recursion(z, initialStates(z, s1, s2));
  const objective = (x: Float64Array) => recursion.run(logistic(x[0]!), logistic(x[1]!), logistic(x[2]!), logistic(x[3]!));
  const found = nelderMead(objective, options.start ?? DEFAULT_START, { maxEvaluations: options.maxEvaluations ?? 120, step: options.step ?? 1 });
  const [alpha, gamma, delta, omega] = found.x.map(logistic) as [number, number, number, number];
  return { params: { alpha, gamma, delta, omega }, logit: found.x, sse: found.value, evaluations: found.evaluations };
}

/**
 * Runs the recursion over the whole history with `params` and forecasts `horizonDays`:
 * `ẑ_{t+k} = (L_t + min(k, s2)·T_t)·D_{t−s1+1+((k−1) mod s1)}·W_{t−s2+1+((k−1) mod s2)}`, `ŷ = max(0, ẑ − 1)`.
 *
 * @example
 * holtWintersForecast(history, fit.params, { slotsPerDay: 96, horizonDays: 28 }).length; // 2688
 */
export function holtWintersForecast(values: SlotValues, params: HoltWintersParams, options: { slotsPerDay: number; horizonDays: number }): Float64Array {
  const s1 = options.slotsPerDay;
  const s2 = 7 * s1;
  const z = toZ(values);
  const recursion = new Recursion(z, initialStates(z, s1, s2));
  const out = new Float64Array(options.horizonDays * s1);
  if (Number.isNaN(recursion.run(params.alpha, params.gamma, params.delta, params.omega))) return out;
  const n = z.length;
  for (let k = 1; k <= out.length; k++) {
    const zHat = (recursion.level + Math.min(k, s2) * recursion.trend) * recursion.daily[(n + k - 1) % s1]! * recursion.weekly[(n + k - 1) % s2]!;
    out[k - 1] = Number.isFinite(zHat) ? Math.max(0, zHat - 1) : 0;
  }
  return out;
}
