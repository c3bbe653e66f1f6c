// The back-test of spec §5.3: hold out the last days of history, fit every method that has enough
// training on the rest, forecast the held-out days in one run and score them.
import { accuracyReport, type AccuracyReport } from './accuracy.js';
import { forecastWith, METHODS_BY_SIMPLICITY, MIN_TRAINING_WEEKS, type ForecastMethod } from './methods.js';
import type { HoltWintersFit } from './holt-winters.js';
import type { SlotValues } from './whi.js';

/** One candidate's back-test metrics: interval-level headline figures plus the full report. */
export interface CandidateScore {
  method: ForecastMethod;
  wape: number | null;
  bias: number | null;
  mase: number | null;
  wapeFloor: number | null;
  wapeOverFloor: number | null;
  accuracy: AccuracyReport;
  /** Holt–Winters only: the fit a refit on all history starts from. */
  fit: HoltWintersFit | null;
}

export interface BacktestOptions {
  slotsPerDay: number;
  /** `N`, history weeks (default 8). */
  weeks?: number;
  /** Held-out days (default 14). */
  holdoutDays?: number;
  /** Day indices (from the history start) never scored: special days. */
  unscoredDays?: ReadonlySet<number>;
  /** Candidates to try (default all four); each still needs its minimum training. */
  methods?: readonly ForecastMethod[];
}

/**
 * Back-tests every method whose minimum training fits before the held-out days, simplest first.
 *
 * @example
 * backtest(eightWeeks, { slotsPerDay: 96 }).map((c) => [c.method, c.wape]); // four candidates
 */
export function backtest(history: SlotValues, options: BacktestOptions): CandidateScore[] {
  const s1 = options.slotsPerDay;
  const holdoutDays = options.holdoutDays ?? 14;
  const historyDays = history.length / s1;
  const trainingDays = historyDays - holdoutDays;
  if (!Number.isInteger(historyDays) || trainingDays < 1) throw new RangeError(`back-test needs whole days and more than ${holdoutDays} of them`);
  const split = trainingDays * s1;
  const training = Array.from({ length: split }, (_, i) => history[i] ?? null);
  const actual = Array.from({ length: history.length - split }, (_, i) => (options.unscoredDays?.has(trainingDays + Math.floor(i / s1)) ? null : (history[split + i] ?? null)));
  const wanted = options.methods ?? METHODS_BY_SIMPLICITY;
  return METHODS_BY_SIMPLICITY.filter((m) => wanted.includes(m) && 7 * MIN_TRAINING_WEEKS[m] <= trainingDays).map((method) => {
    const forecast = forecastWith(method, training, { slotsPerDay: s1, weeks: options.weeks ?? 8, horizonDays: holdoutDays });
    const accuracy = accuracyReport(actual, forecast.values, training, { slotsPerDay: s1 });
    const { wape, bias, mase, wapeFloor, wapeOverFloor } = accuracy.interval;
    return { method, wape, bias, mase, wapeFloor, wapeOverFloor, accuracy, fit: forecast.fit };
  });
}

/** 0.1 percentage points of WAPE, as a fraction; the float slack keeps an exact 0.1-point gap a tie. */
const TIE = 0.001 + 1e-12;

/**
 * The winner of a back-test: the simplest candidate within 0.1 percentage points of the lowest WAPE.
 * Comparing every candidate with the best (not neighbour with neighbour) keeps the rule transitive.
 * With no scorable WAPE (no actuals held out) the simplest candidate wins.
 *
 * @example
 * pickWinner([{ method: 'WHI', wape: 0.1205 }, { method: 'HOLT_WINTERS', wape: 0.1200 }]); // 'WHI'
 */
export function pickWinner(candidates: readonly Pick<CandidateScore, 'method' | 'wape'>[]): ForecastMethod | null {
  const simplestFirst = [...candidates].sort((a, b) => METHODS_BY_SIMPLICITY.indexOf(a.method) - METHODS_BY_SIMPLICITY.indexOf(b.method));
  const wapes = simplestFirst.flatMap((c) => (c.wape === null ? [] : [c.wape]));
  if (wapes.length === 0) return simplestFirst[0]?.method ?? null;
  const best = Math.min(...wapes);
  return simplestFirst.find((c) => c.wape !== null && c.wape <= best + TIE)?.method ?? null;
}
