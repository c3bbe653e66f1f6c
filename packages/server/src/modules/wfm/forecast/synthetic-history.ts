// Seeded, realistic skill history with known ground truth: weekday × intraday profile (morning and
// afternoon peaks on weekdays, one broad midday peak at weekends), a gamma day-level multiplier (the
// over-dispersion real days show beyond Poisson), optional weekly trend and special days. Used by
// tests and the benchmark, and meant for the demo generator.
import { createRandom, gamma, normal, poisson } from './random.js';
import { addDays, isoWeekday, slotsPerDay, type IntervalMinutes, type SkillSeries } from './series.js';

export interface SyntheticHistoryOptions {
  seed: number;
  /** Whole days of history (default 56 = 8 weeks). */
  days?: number;
  intervalMinutes?: IntervalMinutes;
  /** Local date of the first day (default 2024-01-01, a Monday). */
  startDate?: string;
  zone?: string;
  /** Mean contacts of a weekday with factor 1 (default 2000). */
  dailyVolume?: number;
  /** Factors Monday … Sunday (default 1.15, 1.05, 1, 1, 0.95, 0.55, 0.3). */
  weekdayFactors?: readonly number[];
  /** Shape k of the gamma day multiplier, mean 1, CV 1/√k (default 400, CV 5 %); `Infinity` for none. */
  dispersion?: number;
  /** Multiplicative growth per week, e.g. 0.02 for +2 % a week (default 0). */
  trendPerWeek?: number;
  /** Days whose true rate is multiplied by `factor` (a spike, an outage). */
  specialDays?: readonly { date: string; factor: number }[];
  /** Mean handle seconds (default 300); handled = offered minus ~3 % abandons. */
  ahtSeconds?: number;
}

export interface SyntheticHistory {
  contacts: SkillSeries;
  handled: SkillSeries;
  handleSeconds: SkillSeries;
  /** Ground truth: the expected contacts per slot (before the day multiplier and Poisson noise). */
  rates: Float64Array;
}

const bump = (hour: number, centre: number, width: number) => Math.exp(-0.5 * ((hour - centre) / width) ** 2);

/**
 * Intraday shape of a weekday or weekend day, summing to 1: open 07:00–21:00 with a little night traffic.
 *
 * @example
 * intradayShape(96, false)[42]; // 10:30, the morning peak
 */
export function intradayShape(s1: number, weekend: boolean): Float64Array {
  const shape = new Float64Array(s1);
  let total = 0;
  for (let j = 0; j < s1; j++) {
    const hour = ((j + 0.5) * 24) / s1;
    const open = hour >= 7 && hour < 21 ? 1 : 0;
    const peaks = weekend ? bump(hour, 13, 2.5) : bump(hour, 10.5, 1.25) + 0.8 * bump(hour, 14.5, 1.5);
    shape[j] = 0.004 + open * (0.25 + peaks);
    total += shape[j]!;
  }
  return shape.map((v) => v / total);
}

/**
 * Generates history for one skill. The same options give the same history on every run.
 *
 * @example
 * const { contacts, rates } = syntheticHistory({ seed: 7, days: 56 });
 * contacts.values.length; // 56 · 96
 */
export function syntheticHistory(options: SyntheticHistoryOptions): SyntheticHistory {
  const intervalMinutes = options.intervalMinutes ?? 15;
  const s1 = slotsPerDay(intervalMinutes);
  const days = options.days ?? 56;
  const startDate = options.startDate ?? '2024-01-01';
  const zone = options.zone ?? 'UTC';
  const volume = options.dailyVolume ?? 2000;
  const factors = options.weekdayFactors ?? [1.15, 1.05, 1, 1, 0.95, 0.55, 0.3];
  const dispersion = options.dispersion ?? 400;
  const aht = options.ahtSeconds ?? 300;
  const random = createRandom(options.seed);
  const shapes = [intradayShape(s1, false), intradayShape(s1, true)] as const;
  const special = new Map((options.specialDays ?? []).map((s) => [s.date, s.factor]));

  const rates = new Float64Array(days * s1);
  const contacts: number[] = [];
  const handled: number[] = [];
  const seconds: number[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(startDate, d);
    const weekday = isoWeekday(date);
    const dayRate = volume * (factors[weekday - 1] ?? 1) * (1 + (options.trendPerWeek ?? 0)) ** (d / 7) * (special.get(date) ?? 1);
    const multiplier = Number.isFinite(dispersion) ? gamma(random, dispersion, 1 / dispersion) : 1;
    const shape = shapes[weekday >= 6 ? 1 : 0];
    for (let j = 0; j < s1; j++) {
      const rate = dayRate * shape[j]!;
      rates[d * s1 + j] = rate;
      const offered = poisson(random, rate * multiplier);
      const served = offered - Math.min(offered, poisson(random, 0.03 * offered));
      // Sum of `served` gamma(2) handle times: mean served·aht, sd aht·√(served/2).
      const busy = served > 0 ? Math.max(0, served * aht + aht * Math.sqrt(served / 2) * normal(random)) : 0;
      contacts.push(offered);
      handled.push(served);
      seconds.push(Math.round(busy));
    }
  }
  const series = (values: number[]): SkillSeries => ({ intervalMinutes, zone, startDate, values });
  return { contacts: series(contacts), handled: series(handled), handleSeconds: series(seconds), rates };
}
