// Forecast accuracy (spec §5.5): WAPE, bias, MASE and the Poisson noise floor. Every aggregate is a
// ratio of sums; an undefined ratio is null, never 0. Slots whose actual is missing are not scored.
import type { SlotValues } from './whi.js';

/** Accuracy of one set of scored slots (or days). */
export interface Accuracy {
  /** `Σ|A − F| / ΣA`. */
  wape: number | null;
  /** `Σ(F − A) / ΣA`; positive means over-forecast. */
  bias: number | null;
  /** `mean|A − F|` over the seasonal-naive scale. */
  mase: number | null;
  /** `Σ 0.798·√F / ΣF`: the WAPE a perfect Poisson rate would still show. */
  wapeFloor: number | null;
  /** `wape / wapeFloor`: 1 means as good as noise allows. */
  wapeOverFloor: number | null;
  /** Scored slots (or days). */
  count: number;
  actualTotal: number;
  forecastTotal: number;
}

/** Accuracy at interval level, at day level (day totals) and per horizon day (its intervals). */
export interface AccuracyReport {
  interval: Accuracy;
  day: Accuracy;
  perHorizonDay: Accuracy[];
}

/** E|X − λ| / λ ≈ √(2/π)/√λ for Poisson X with large λ. */
const POISSON_MAD = 0.798;

/**
 * Mean absolute one-step error of the seasonal naive forecast `y_t = y_{t−lag}` over the history
 * (pairs with both values present): the MASE denominator. `null` with no pair or a zero error.
 *
 * @example
 * seasonalNaiveScale([1, 2, 3, 5], 2); // (|3 − 1| + |5 − 2|) / 2 = 2.5
 */
export function seasonalNaiveScale(history: SlotValues, lag: number): number | null {
  let sum = 0;
  let count = 0;
  for (let t = lag; t < history.length; t++) {
    const y = history[t];
    const before = history[t - lag];
    if (y === null || y === undefined || before === null || before === undefined) continue;
    sum += Math.abs(y - before);
    count++;
  }
  return count && sum > 0 ? sum / count : null;
}

/**
 * Accuracy of `forecast` against `actual`, slot by slot; `scale` is the MASE denominator.
 *
 * @example
 * accuracyOf([100, 50], [90, 60], null); // wape 20/150 = 0.1333, bias 0, wapeFloor 0.798·(√90 + √60)/150 = 0.0917
 */
export function accuracyOf(actual: SlotValues, forecast: ArrayLike<number>, scale: number | null): Accuracy {
  let absError = 0;
  let error = 0;
  let actualTotal = 0;
  let forecastTotal = 0;
  let floor = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const f = forecast[i];
    if (a === null || a === undefined || f === undefined) continue;
    absError += Math.abs(a - f);
    error += f - a;
    actualTotal += a;
    forecastTotal += f;
    floor += POISSON_MAD * Math.sqrt(Math.max(0, f));
    count++;
  }
  const wape = actualTotal > 0 ? absError / actualTotal : null;
  const wapeFloor = forecastTotal > 0 ? floor / forecastTotal : null;
  return {
    wape,
    bias: actualTotal > 0 ? error / actualTotal : null,
    mase: count && scale ? absError / count / scale : null,
    wapeFloor,
    wapeOverFloor: wape !== null && wapeFloor ? wape / wapeFloor : null,
    count,
    actualTotal,
    forecastTotal,
  };
}

/** Day totals over the slots whose actual is present, so both sides cover the same slots. */
function dayTotals(actual: SlotValues, forecast: ArrayLike<number>, slotsPerDay: number): { a: (number | null)[]; f: number[] } {
  const a: (number | null)[] = [];
  const f: number[] = [];
  for (let d = 0; d * slotsPerDay < actual.length; d++) {
    let sa = 0;
    let sf = 0;
    let count = 0;
    for (let j = d * slotsPerDay; j < (d + 1) * slotsPerDay; j++) {
      const v = actual[j];
      if (v === null || v === undefined) continue;
      sa += v;
      sf += forecast[j] ?? 0;
      count++;
    }
    a.push(count ? sa : null);
    f.push(sf);
  }
  return { a, f };
}

/** Complete-day totals of the training history, `null` for a day with a missing slot. */
function historyDayTotals(history: SlotValues, slotsPerDay: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let d = 0; (d + 1) * slotsPerDay <= history.length; d++) {
    let sum: number | null = 0;
    for (let j = d * slotsPerDay; j < (d + 1) * slotsPerDay && sum !== null; j++) {
      const v = history[j];
      sum = v === null || v === undefined ? null : sum + v;
    }
    out.push(sum);
  }
  return out;
}

/**
 * The full report of a forecast over whole days: interval level (MASE scale = one-week seasonal
 * naive error of the training slots), day level (scale = the same on training day totals, lag 7)
 * and per horizon day.
 *
 * @example
 * accuracyReport(heldOut, forecast, training, { slotsPerDay: 96 }).interval.wape;
 */
export function accuracyReport(actual: SlotValues, forecast: ArrayLike<number>, training: SlotValues, options: { slotsPerDay: number }): AccuracyReport {
  const s1 = options.slotsPerDay;
  const intervalScale = seasonalNaiveScale(training, 7 * s1);
  const days = dayTotals(actual, forecast, s1);
  const perHorizonDay: Accuracy[] = [];
  for (let d = 0; d * s1 < actual.length; d++) {
    perHorizonDay.push(accuracyOf(slice(actual, d * s1, (d + 1) * s1), slice(forecast, d * s1, (d + 1) * s1), intervalScale));
  }
  return {
    interval: accuracyOf(actual, forecast, intervalScale),
    day: accuracyOf(days.a, days.f, seasonalNaiveScale(historyDayTotals(training, s1), 7)),
    perHorizonDay,
  };
}

function slice<T>(values: ArrayLike<T>, from: number, to: number): T[] {
  const out: T[] = [];
  for (let i = from; i < Math.min(to, values.length); i++) out.push(values[i]!);
  return out;
}
