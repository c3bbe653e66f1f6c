// PROFILE and PROFILE_TREND (spec §5.2): a daily total from a weekday index (flat, or on a
// least-squares trend) times a smoothed intraday profile per weekday. Weekday k is the day index
// modulo 7 counted from the history start: only the cycle matters, not the calendar name.
import type { SlotValues } from './whi.js';

export interface ProfileOptions {
  slotsPerDay: number;
  /** `N`, history weeks used (default 8): the last `7·N` days of the history. */
  weeks?: number;
  horizonDays: number;
  /** PROFILE_TREND when true. */
  trend?: boolean;
}

/** The fitted parts of a PROFILE model, kept for tests and for showing how a forecast was built. */
export interface ProfileModel {
  /** `I_k`, k = day index mod 7 from the history start; 0 for a weekday with no complete day. */
  weekdayIndex: number[];
  /** `P_k(j)`, each summing to 1. */
  profiles: Float64Array[];
  /** Level `a` and slope `b` per day of `Y_d / I_wd(d) ≈ a + b·d` (`b = 0` for PROFILE). */
  level: number;
  slope: number;
  /** Day index (from the window start) of the first forecast day. */
  firstForecastDay: number;
}

/**
 * Centred moving average over `width` slots, the window cut at the day edges (slot 0 averages slots
 * 0–2 for width 5), then renormalised to sum 1. An all-zero input stays uniform.
 *
 * @example
 * smoothProfile(Float64Array.from([0, 0, 1, 0, 0])); // [1/3, 1/4, 1/5, 1/4, 1/3] renormalised
 */
export function smoothProfile(profile: ArrayLike<number>, width = 5): Float64Array {
  const n = profile.length;
  const half = Math.floor(width / 2);
  const out = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    const from = Math.max(0, j - half);
    const to = Math.min(n - 1, j + half);
    let sum = 0;
    for (let i = from; i <= to; i++) sum += profile[i] ?? 0;
    out[j] = sum / (to - from + 1);
    total += out[j] ?? 0;
  }
  if (total > 0) for (let j = 0; j < n; j++) out[j] = (out[j] ?? 0) / total;
  else out.fill(1 / n);
  return out;
}

/** Daily totals of the complete days (every slot present) of the window, `null` for the others. */
function dailyTotals(values: SlotValues, from: number, days: number, s1: number): (number | null)[] {
  const totals: (number | null)[] = [];
  for (let d = 0; d < days; d++) {
    let sum: number | null = 0;
    for (let j = 0; j < s1 && sum !== null; j++) {
      const y = values[(from + d) * s1 + j];
      sum = y === null || y === undefined ? null : sum + y;
    }
    totals.push(sum);
  }
  return totals;
}

/**
 * Fits PROFILE (flat level) or PROFILE_TREND (least-squares line) on the last N weeks. Days with a
 * missing slot are left out of totals and profiles (a partial day would read as a quiet one).
 *
 * @example
 * fitProfile(history, { slotsPerDay: 96, horizonDays: 28, trend: true }).weekdayIndex; // 7 indices, mean ≈ 1
 */
export function fitProfile(values: SlotValues, options: ProfileOptions): ProfileModel {
  const s1 = options.slotsPerDay;
  const historyDays = values.length / s1;
  if (!Number.isInteger(historyDays) || historyDays < 1) throw new RangeError(`history must be whole days of ${s1} slots`);
  const days = Math.min(historyDays, 7 * (options.weeks ?? 8));
  const from = historyDays - days;
  const totals = dailyTotals(values, from, days, s1);
  const wd = (d: number) => (from + d) % 7;

  const sumBy = [0, 0, 0, 0, 0, 0, 0];
  const countBy = [0, 0, 0, 0, 0, 0, 0];
  let sumAll = 0;
  let countAll = 0;
  totals.forEach((y, d) => {
    if (y === null) return;
    sumBy[wd(d)]! += y;
    countBy[wd(d)]! += 1;
    sumAll += y;
    countAll += 1;
  });
  const meanAll = countAll ? sumAll / countAll : 0;
  const weekdayIndex = sumBy.map((s, k) => (meanAll > 0 && countBy[k] ? s / countBy[k]! / meanAll : 0));

  // Deseasonalised totals Y_d / I_wd(d): a mean for PROFILE, a line for PROFILE_TREND.
  const xs: number[] = [];
  const ys: number[] = [];
  totals.forEach((y, d) => {
    const index = weekdayIndex[wd(d)]!;
    if (y !== null && index > 0) {
      xs.push(d);
      ys.push(y / index);
    }
  });
  const { level, slope } = options.trend ? leastSquares(xs, ys) : { level: mean(ys), slope: 0 };

  const profiles: Float64Array[] = [];
  for (let k = 0; k < 7; k++) {
    const raw = new Float64Array(s1);
    let used = 0;
    totals.forEach((y, d) => {
      if (y === null || y === 0 || wd(d) !== k) return;
      for (let j = 0; j < s1; j++) raw[j]! += (values[(from + d) * s1 + j] ?? 0) / y;
      used++;
    });
    if (used > 0) for (let j = 0; j < s1; j++) raw[j]! /= used;
    profiles.push(smoothProfile(raw));
  }
  return { weekdayIndex, profiles, level, slope, firstForecastDay: days };
}

/**
 * `F(d, j) = T_d · P_wd(d)(j)` for the horizon, with `T_d = max(0, a + b·d) · I_wd(d)`.
 *
 * @example
 * profileForecast(history, { slotsPerDay: 96, horizonDays: 14 }).length; // 1344
 */
export function profileForecast(values: SlotValues, options: ProfileOptions): Float64Array {
  const model = fitProfile(values, options);
  return forecastFromProfile(model, values.length / options.slotsPerDay - model.firstForecastDay, options);
}

function forecastFromProfile(model: ProfileModel, windowFrom: number, options: ProfileOptions): Float64Array {
  const s1 = options.slotsPerDay;
  const out = new Float64Array(options.horizonDays * s1);
  for (let h = 0; h < options.horizonDays; h++) {
    const d = model.firstForecastDay + h;
    const k = (windowFrom + d) % 7;
    const total = Math.max(0, model.level + model.slope * d) * (model.weekdayIndex[k] ?? 0);
    const profile = model.profiles[k]!;
    for (let j = 0; j < s1; j++) out[h * s1 + j] = total * (profile[j] ?? 0);
  }
  return out;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** Ordinary least squares `y ≈ level + slope·x`; a single point or a vertical spread gives a flat line. */
function leastSquares(xs: readonly number[], ys: readonly number[]): { level: number; slope: number } {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { level: my - slope * mx, slope };
}
