// The four forecasting methods behind one call, in the order of simplicity AUTO uses to break ties.
import { fitHoltWinters, holtWintersForecast, type HoltWintersFit } from './holt-winters.js';
import { profileForecast } from './profile.js';
import { whiForecast, type SlotValues } from './whi.js';

export type ForecastMethod = 'WHI' | 'PROFILE' | 'PROFILE_TREND' | 'HOLT_WINTERS';

/** Simplest first: within 0.1 percentage points of WAPE the earlier one wins (spec §5.3). */
export const METHODS_BY_SIMPLICITY: readonly ForecastMethod[] = ['WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS'];

/** Weeks of training each method needs (spec §5.3). */
export const MIN_TRAINING_WEEKS: Readonly<Record<ForecastMethod, number>> = { WHI: 1, PROFILE: 2, PROFILE_TREND: 3, HOLT_WINTERS: 3 };

export interface MethodOptions {
  slotsPerDay: number;
  /** `N`, history weeks (default 8). */
  weeks?: number;
  horizonDays: number;
  /** Holt–Winters only: continue from an earlier fit (the back-test's) with a smaller budget. */
  refitFrom?: HoltWintersFit;
}

export interface MethodForecast {
  method: ForecastMethod;
  /** `horizonDays · S1` values, ≥ 0. */
  values: Float64Array;
  /** Holt–Winters only: the fitted parameters. */
  fit: HoltWintersFit | null;
}

/** Evaluations of a Holt–Winters refit that starts from the back-test optimum (spec §5.2). */
const REFIT_EVALUATIONS = 40;
/** A refit starts near an optimum, so its start simplex is smaller than a fresh fit's (1 on the logit scale). */
const REFIT_STEP = 0.25;

/**
 * Fits `method` on `history` (whole days, the last of them just before the horizon) and forecasts.
 *
 * @example
 * forecastWith('PROFILE_TREND', history, { slotsPerDay: 96, horizonDays: 28 }).values.length; // 2688
 */
export function forecastWith(method: ForecastMethod, history: SlotValues, options: MethodOptions): MethodForecast {
  const { slotsPerDay, horizonDays } = options;
  const weeks = options.weeks ?? 8;
  switch (method) {
    case 'WHI':
      return { method, values: whiForecast(history, { slotsPerDay, weeks, horizonDays }), fit: null };
    case 'PROFILE':
    case 'PROFILE_TREND':
      return { method, values: profileForecast(history, { slotsPerDay, weeks, horizonDays, trend: method === 'PROFILE_TREND' }), fit: null };
    case 'HOLT_WINTERS': {
      const fit = options.refitFrom
        ? fitHoltWinters(history, { slotsPerDay, start: options.refitFrom.logit, maxEvaluations: REFIT_EVALUATIONS, step: REFIT_STEP })
        : fitHoltWinters(history, { slotsPerDay });
      return { method, values: holtWintersForecast(history, fit.params, { slotsPerDay, horizonDays }), fit };
    }
  }
}
