// AUTO (spec §5.3): back-test the candidates on the last N weeks, pick the winner by WAPE with the
// simpler-wins tie rule, refit it on all of that history and forecast the horizon, special days
// excluded from history and scaled in the forecast.
import { backtest, pickWinner, type CandidateScore } from './backtest.js';
import { forecastWith, type ForecastMethod } from './methods.js';
import type { HoltWintersFit } from './holt-winters.js';
import { addDays, applyDayFactors, dayCount, daysBetween, excludeSpecialDays, slotsPerDay, type SkillSeries, type SpecialDay } from './series.js';

export interface AutoForecastOptions {
  /** Days to forecast after the last history day (the nightly run uses 28). */
  horizonDays: number;
  /** `N`, history weeks used, 2–26 (default 8). */
  historyWeeks?: number;
  specialDays?: readonly SpecialDay[];
}

export type AutoForecastResult =
  | {
      status: 'INSUFFICIENT_HISTORY';
      /** Days from the first day with any value to the end of the series (under 7). */
      historyDays: number;
    }
  | {
      status: 'OK';
      method: ForecastMethod;
      /** False under 3 weeks of history: WHI on what exists, no candidates. */
      backtested: boolean;
      /** Every candidate back-tested, simplest first. */
      candidates: CandidateScore[];
      /** Holt–Winters only: the refitted parameters. */
      fit: HoltWintersFit | null;
      /** Local dates of the history window used, inclusive. */
      historyFrom: string;
      historyTo: string;
      /** `horizonDays` of local slots from the day after `historyTo`, special-day factors applied. */
      forecast: SkillSeries;
    };

const HOLDOUT_DAYS = 14;

/** First day index with any value, or `days` when there is none. */
function firstDayWithData(values: readonly (number | null)[], s1: number, days: number): number {
  const first = values.findIndex((v) => v !== null);
  return first < 0 ? days : Math.floor(first / s1);
}

/**
 * Chooses and runs the best method for one skill's contacts. History shorter than the window is
 * used as it is; leading days without any value do not count as history.
 *
 * @example
 * const result = autoForecast(series, { horizonDays: 28, specialDays: [{ date: '2024-12-25', label: 'Christmas' }] });
 * if (result.status === 'OK') console.log(result.method, result.candidates.map((c) => c.wape));
 */
export function autoForecast(series: SkillSeries, options: AutoForecastOptions): AutoForecastResult {
  const weeks = options.historyWeeks ?? 8;
  if (!Number.isInteger(weeks) || weeks < 2 || weeks > 26) throw new RangeError(`historyWeeks must be a whole number in 2–26, got ${weeks}`);
  if (!Number.isInteger(options.horizonDays) || options.horizonDays < 1) throw new RangeError(`horizonDays must be a positive whole number, got ${options.horizonDays}`);
  const specialDays = options.specialDays ?? [];
  const s1 = slotsPerDay(series.intervalMinutes);
  const days = dayCount(series);
  const cleaned = excludeSpecialDays(series, specialDays).values;
  const from = Math.max(days - 7 * weeks, firstDayWithData(cleaned, s1, days));
  const historyDays = days - from;
  if (historyDays < 7) return { status: 'INSUFFICIENT_HISTORY', historyDays };

  const history = cleaned.slice(from * s1);
  const historyFrom = addDays(series.startDate, from);
  const unscoredDays = new Set(specialDays.map((s) => daysBetween(historyFrom, s.date)).filter((d) => d >= 0 && d < historyDays));
  const backtested = historyDays >= 21;
  const candidates = backtested ? backtest(history, { slotsPerDay: s1, weeks, holdoutDays: HOLDOUT_DAYS, unscoredDays }) : [];
  const method = (backtested && pickWinner(candidates)) || 'WHI';
  const refitFrom = candidates.find((c) => c.method === method)?.fit ?? undefined;
  const final = forecastWith(method, history, { slotsPerDay: s1, weeks, horizonDays: options.horizonDays, ...(refitFrom ? { refitFrom } : {}) });
  const forecast = applyDayFactors(
    { intervalMinutes: series.intervalMinutes, zone: series.zone, startDate: addDays(series.startDate, days), values: Array.from(final.values) },
    specialDays,
  );
  return { status: 'OK', method, backtested, candidates, fit: final.fit, historyFrom, historyTo: addDays(series.startDate, days - 1), forecast };
}
