// One forecast run of one skill (spec §5.2–§5.6): N weeks of history to the end of the day before the
// horizon (skill zone), special days excluded, AUTO or the named method, the AHT forecast, special-day
// factors on the horizon, stored as the skill's next version. The pure work is `planRun`; `runForecast`
// adds the reads and the write.
import type { CandidateMetrics, ForecastRun } from '@floorplan/contracts';
import type { Db } from '../../../platform/db/db.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { ahtForecast } from './aht-forecast.js';
import { autoForecast } from './auto-select.js';
import { backtest, type CandidateScore } from './backtest.js';
import type { LocalHistory } from './local-slots.js';
import { toUtcIntervals } from './local-slots.js';
import { forecastWith, MIN_TRAINING_WEEKS, type ForecastMethod } from './methods.js';
import { storeRun, type NewRun } from './forecast-store.js';
import { addDays, applyDayFactors, daysBetween, excludeSpecialDays, slotsPerDay, type SkillSeries, type SpecialDay } from './series.js';
import { localDateOf, readSkillHistory } from './skill-history.js';
import { specialDaysOfSkill } from './special-days-store.js';

export interface RunOptions {
  method: 'AUTO' | ForecastMethod;
  historyWeeks: number;
  horizonDays: number;
  /** First forecast date (skill zone); history ends the day before. */
  horizonFrom: string;
}

const HOLDOUT_DAYS = 14;

const metrics = (c: CandidateScore): CandidateMetrics => ({ method: c.method, wape: c.wape, bias: c.bias, mase: c.mase, wapeFloor: c.wapeFloor, wapeOverFloor: c.wapeOverFloor });

/**
 * Everything a run stores, from the skill's history (on local slots, ending the day before
 * `horizonFrom`) and its special days. Pure.
 *
 * @example
 * const run = planRun(skill, history, specialDays, { method: 'AUTO', historyWeeks: 8, horizonDays: 28, horizonFrom: '2026-03-02' });
 * run.status; // 'ACTIVE'
 */
export function planRun(skill: SkillSetup, history: LocalHistory, specialDays: readonly SpecialDay[], o: RunOptions): NewRun {
  const base = {
    skillId: skill.id,
    requestedMethod: o.method,
    paradigm: skill.paradigm,
    horizonFrom: o.horizonFrom,
    horizonDays: o.horizonDays,
    params: { historyWeeks: o.historyWeeks } as Record<string, unknown>,
  };
  const s1 = slotsPerDay(history.contacts.intervalMinutes);
  const chosen = o.method === 'AUTO' ? auto(history.contacts, specialDays, o) : named(o.method, history.contacts, specialDays, o);
  if (chosen.status !== 'OK') {
    return {
      ...base,
      method: null,
      historyFrom: null,
      historyTo: addDays(o.horizonFrom, -1),
      backtest: [],
      status: chosen.status,
      error: chosen.reason,
      intervals: [],
    };
  }
  // AHT on the same window, special days left out like for contacts (§5.4).
  const window = (s: SkillSeries) => excludeSpecialDays(s, specialDays).values.slice(daysBetween(history.contacts.startDate, chosen.historyFrom) * s1);
  const aht = ahtForecast(window(history.handled), window(history.handleSeconds), { slotsPerDay: s1, weeks: o.historyWeeks, horizonDays: o.horizonDays });
  const contacts = toUtcIntervals(chosen.forecast);
  const ahts = toUtcIntervals({ ...chosen.forecast, values: aht });
  return {
    ...base,
    method: chosen.method,
    params: { ...base.params, backtested: chosen.backtested, ...(chosen.fit ? { holtWinters: chosen.fit.params } : {}) },
    historyFrom: chosen.historyFrom,
    historyTo: chosen.historyTo,
    backtest: chosen.candidates.map(metrics),
    status: 'ACTIVE',
    error: null,
    intervals: contacts.map((c, i) => ({ start: Date.parse(c.intervalStart), contacts: c.value ?? 0, ahtSeconds: ahts[i]?.value ?? null })),
  };
}

type Chosen =
  | { status: 'INSUFFICIENT_HISTORY' | 'FAILED'; reason: string }
  | {
      status: 'OK';
      method: ForecastMethod;
      backtested: boolean;
      candidates: CandidateScore[];
      fit: CandidateScore['fit'];
      historyFrom: string;
      historyTo: string;
      forecast: SkillSeries;
    };

function auto(series: SkillSeries, specialDays: readonly SpecialDay[], o: RunOptions): Chosen {
  const result = autoForecast(series, { horizonDays: o.horizonDays, historyWeeks: o.historyWeeks, specialDays });
  return result.status === 'OK' ? result : { status: 'INSUFFICIENT_HISTORY', reason: `${result.historyDays} days of history, at least 7 needed` };
}

/** A named method: the same window, exclusions and back-test as AUTO, with that method only. */
function named(method: ForecastMethod, series: SkillSeries, specialDays: readonly SpecialDay[], o: RunOptions): Chosen {
  const s1 = slotsPerDay(series.intervalMinutes);
  const days = series.values.length / s1;
  const cleaned = excludeSpecialDays(series, specialDays).values;
  const firstValue = cleaned.findIndex((v) => v !== null);
  const from = Math.max(days - 7 * o.historyWeeks, firstValue < 0 ? days : Math.floor(firstValue / s1));
  const historyDays = days - from;
  if (historyDays < 7) return { status: 'INSUFFICIENT_HISTORY', reason: `${historyDays} days of history, at least 7 needed` };
  if (historyDays < 7 * MIN_TRAINING_WEEKS[method]) return { status: 'FAILED', reason: `${method} needs ${MIN_TRAINING_WEEKS[method]} weeks of history, ${historyDays} days exist` };
  const history = cleaned.slice(from * s1);
  const historyFrom = addDays(series.startDate, from);
  const unscoredDays = new Set(specialDays.map((s) => daysBetween(historyFrom, s.date)).filter((d) => d >= 0 && d < historyDays));
  const backtested = historyDays - HOLDOUT_DAYS >= 7 * MIN_TRAINING_WEEKS[method];
  const candidates = backtested ? backtest(history, { slotsPerDay: s1, weeks: o.historyWeeks, holdoutDays: HOLDOUT_DAYS, unscoredDays, methods: [method] }) : [];
  const refitFrom = candidates[0]?.fit ?? undefined;
  const final = forecastWith(method, history, { slotsPerDay: s1, weeks: o.historyWeeks, horizonDays: o.horizonDays, ...(refitFrom ? { refitFrom } : {}) });
  const forecast = applyDayFactors({ intervalMinutes: series.intervalMinutes, zone: series.zone, startDate: addDays(series.startDate, days), values: Array.from(final.values) }, specialDays);
  return { status: 'OK', method, backtested, candidates, fit: final.fit, historyFrom, historyTo: addDays(series.startDate, days - 1), forecast };
}

/**
 * Runs and stores the forecast of one skill; a computation error is stored as a FAILED run.
 *
 * @example
 * const run = await runForecast(db, tenantId, skill, 900_000, { method: 'AUTO', historyWeeks: 8, horizonDays: 28 }, clock.now());
 */
export async function runForecast(
  db: Db,
  tenantId: string,
  skill: SkillSetup,
  intervalMs: number,
  o: Omit<RunOptions, 'horizonFrom'> & { horizonFrom?: string; tags?: Record<string, unknown> },
  now: Date,
): Promise<ForecastRun> {
  const horizonFrom = o.horizonFrom ?? localDateOf(now.getTime(), skill.timeZone);
  const options: RunOptions = { method: o.method, historyWeeks: o.historyWeeks, horizonDays: o.horizonDays, horizonFrom };
  const historyFrom = addDays(horizonFrom, -7 * o.historyWeeks);
  const historyTo = addDays(horizonFrom, -1);
  const specialDays = await specialDaysOfSkill(db, tenantId, skill.id, historyFrom, addDays(horizonFrom, o.horizonDays - 1));
  let plan: NewRun;
  try {
    const { history } = await readSkillHistory(db, tenantId, skill, intervalMs, historyFrom, historyTo);
    plan = planRun(skill, history, specialDays, options);
  } catch (e) {
    plan = {
      skillId: skill.id,
      method: null,
      requestedMethod: o.method,
      params: { historyWeeks: o.historyWeeks },
      paradigm: skill.paradigm,
      historyFrom: null,
      historyTo,
      horizonFrom,
      horizonDays: o.horizonDays,
      backtest: [],
      status: 'FAILED',
      error: e instanceof Error ? e.message : String(e),
      intervals: [],
    };
  }
  return storeRun(db, tenantId, { ...plan, params: { ...plan.params, ...o.tags } }, now);
}
