import { describe, expect, it } from 'vitest';
import { accuracyOf } from './accuracy.js';
import { autoForecast } from './auto-select.js';
import { backtest, pickWinner } from './backtest.js';
import { forecastWith } from './methods.js';
import { addDays, type SkillSeries } from './series.js';
import { syntheticHistory } from './synthetic-history.js';

const history = (days: number, seed = 1, trendPerWeek = 0) => syntheticHistory({ seed, days, trendPerWeek }).contacts;

describe('AUTO selection rules (spec §5.3)', () => {
  it.each([
    ['a gap under 0.1 points goes to the simpler method', [['WHI', 0.1205], ['HOLT_WINTERS', 0.12]], 'WHI'],
    ['exactly 0.1 points is still a tie', [['WHI', 0.121], ['HOLT_WINTERS', 0.12]], 'WHI'],
    ['a gap over 0.1 points goes to the lower WAPE', [['WHI', 0.1211], ['HOLT_WINTERS', 0.12]], 'HOLT_WINTERS'],
    ['ties are measured against the best, not neighbour to neighbour', [['WHI', 0.1215], ['PROFILE', 0.1207], ['HOLT_WINTERS', 0.12]], 'PROFILE'],
    ['order of the input does not matter', [['PROFILE_TREND', 0.2], ['PROFILE', 0.2005], ['WHI', 0.3]], 'PROFILE'],
    ['without any WAPE the simplest wins', [['PROFILE', null], ['WHI', null]], 'WHI'],
  ] as const)('%s', (_, candidates, winner) => {
    expect(pickWinner(candidates.map(([method, wape]) => ({ method, wape })))).toBe(winner);
  });

  it.each([
    [56, ['WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS']],
    [35, ['WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS']],
    [34, ['WHI', 'PROFILE']],
    [28, ['WHI', 'PROFILE']],
    [27, ['WHI']],
    [21, ['WHI']],
  ])('with %i days the back-test tries only methods with their minimum training', (days, methods) => {
    const result = autoForecast(history(days), { horizonDays: 7 });
    expect(result.status).toBe('OK');
    if (result.status !== 'OK') return;
    expect(result.backtested).toBe(true);
    expect(result.candidates.map((c) => c.method)).toEqual(methods);
  });

  it('under 3 weeks: no back-test, WHI on what exists', () => {
    const result = autoForecast(history(20), { horizonDays: 7 });
    expect(result).toMatchObject({ status: 'OK', method: 'WHI', backtested: false, candidates: [] });
  });

  it('under 1 week: INSUFFICIENT_HISTORY, leading empty days not counted', () => {
    expect(autoForecast(history(6), { horizonDays: 7 })).toEqual({ status: 'INSUFFICIENT_HISTORY', historyDays: 6 });
    const series = history(40);
    const sparse: SkillSeries = { ...series, values: series.values.map((v, i) => (i < 34 * 96 ? null : v)) };
    expect(autoForecast(sparse, { horizonDays: 7 })).toEqual({ status: 'INSUFFICIENT_HISTORY', historyDays: 6 });
  });

  it('uses only the last N weeks', () => {
    const result = autoForecast(history(56), { horizonDays: 7, historyWeeks: 3 });
    expect(result).toMatchObject({ status: 'OK', historyFrom: '2024-02-05', historyTo: '2024-02-25' });
    if (result.status === 'OK') expect(result.candidates.map((c) => c.method)).toEqual(['WHI']);
  });

  it('picks the lowest back-test WAPE (simpler within 0.1 points) and keeps every candidate’s metrics (§9 check 24)', () => {
    for (const [seed, trend] of [[1, 0], [2, 0], [3, 0.04]] as const) {
      const result = autoForecast(history(56, seed, trend), { horizonDays: 28 });
      if (result.status !== 'OK') throw new Error('expected a forecast');
      expect(result.method).toBe(pickWinner(result.candidates));
      for (const c of result.candidates) {
        for (const metric of [c.wape, c.bias, c.mase, c.wapeFloor, c.wapeOverFloor]) expect(Number.isFinite(metric)).toBe(true);
        expect(c.accuracy.perHorizonDay).toHaveLength(14);
      }
      const best = Math.min(...result.candidates.map((c) => c.wape!));
      expect(result.candidates.find((c) => c.method === result.method)!.wape!).toBeLessThanOrEqual(best + 0.001 + 1e-12);
    }
  });

  it('beats the seasonal naive on seeded history with known seasonality, with MASE < 1 (brief’s check 3)', () => {
    for (const [seed, trend] of [[11, 0], [12, 0], [13, 0.03], [14, -0.02]] as const) {
      const series = history(56, seed, trend);
      const result = autoForecast(series, { horizonDays: 28 });
      if (result.status !== 'OK') throw new Error('expected a forecast');
      const chosen = result.candidates.find((c) => c.method === result.method)!;
      const training = series.values.slice(0, 42 * 96);
      const lastWeek = training.slice(-672) as number[];
      const naive = accuracyOf(series.values.slice(42 * 96), [...lastWeek, ...lastWeek], null);
      expect(chosen.wape!).toBeLessThan(naive.wape!);
      expect(chosen.mase!).toBeLessThan(1);
    }
  });

  it('HOLT_WINTERS reaches back-test WAPE < 1 % on a noiseless series with periods 96 and 672 (§9 check 22)', () => {
    const values = Array.from({ length: 56 * 96 }, (_, t) => 30 * (1.5 + Math.sin((2 * Math.PI * t) / 96)) * (1 + 0.4 * Math.cos((2 * Math.PI * t) / 672)));
    const hw = backtest(values, { slotsPerDay: 96 }).find((c) => c.method === 'HOLT_WINTERS')!;
    expect(hw.wape!).toBeLessThan(0.01);
  });

  it('a 10× spike on a special day leaves the WHI, PROFILE and AUTO forecasts unchanged (§9 check 23)', () => {
    const series = history(56, 5);
    const spikeDay = 45; // inside the back-test hold-out too
    const spiked: SkillSeries = { ...series, values: series.values.map((v, i) => (Math.floor(i / 96) === spikeDay ? v! * 10 : v)) };
    const specialDays = [{ date: addDays(series.startDate, spikeDay), label: 'campaign' }];
    const quiet = autoForecast(series, { horizonDays: 28, specialDays });
    const loud = autoForecast(spiked, { horizonDays: 28, specialDays });
    expect(loud).toEqual(quiet);
    const cleaned = (s: SkillSeries) => s.values.map((v, i) => (Math.floor(i / 96) === spikeDay ? null : v));
    for (const method of ['WHI', 'PROFILE'] as const) {
      expect(forecastWith(method, cleaned(spiked), { slotsPerDay: 96, horizonDays: 28 }).values).toEqual(forecastWith(method, cleaned(series), { slotsPerDay: 96, horizonDays: 28 }).values);
    }
    // Not excluding it would have moved the forecast.
    const kept = autoForecast(spiked, { horizonDays: 28, specialDays: [{ ...specialDays[0]!, excludeFromHistory: false }] });
    if (kept.status !== 'OK' || quiet.status !== 'OK') throw new Error('expected forecasts');
    expect(kept.forecast.values).not.toEqual(quiet.forecast.values);
  });

  it('scales a special day in the horizon by its factor and starts the day after the history', () => {
    const series = history(56, 6);
    const plain = autoForecast(series, { horizonDays: 28 });
    const eve = addDays(series.startDate, 56 + 10);
    const scaled = autoForecast(series, { horizonDays: 28, specialDays: [{ date: eve, label: 'Christmas Eve', factor: 0.5 }] });
    if (plain.status !== 'OK' || scaled.status !== 'OK') throw new Error('expected forecasts');
    expect(scaled.forecast.startDate).toBe(addDays(series.startDate, 56));
    expect(scaled.forecast.values).toHaveLength(28 * 96);
    scaled.forecast.values.forEach((v, i) => expect(v).toBeCloseTo(plain.forecast.values[i]! * (Math.floor(i / 96) === 10 ? 0.5 : 1), 9));
  });

  it('is deterministic: the same input gives an identical result', () => {
    const series = history(56, 9, 0.02);
    expect(autoForecast(series, { horizonDays: 28 })).toEqual(autoForecast(series, { horizonDays: 28 }));
  });

  it('a Holt–Winters refit starts from the back-test optimum and spends at most 40 evaluations', () => {
    const values = history(56, 4).values;
    const [hw] = backtest(values, { slotsPerDay: 96, methods: ['HOLT_WINTERS'] });
    expect(hw!.fit!.evaluations).toBeLessThanOrEqual(120);
    const refit = forecastWith('HOLT_WINTERS', values, { slotsPerDay: 96, horizonDays: 28, refitFrom: hw!.fit! });
    expect(refit.fit!.evaluations).toBeLessThanOrEqual(40);
    expect(refit.values).toHaveLength(28 * 96);
  });

  it('refuses N outside 2–26', () => {
    expect(() => autoForecast(history(56), { horizonDays: 7, historyWeeks: 1 })).toThrow(RangeError);
    expect(() => autoForecast(history(56), { horizonDays: 7, historyWeeks: 27 })).toThrow(RangeError);
  });
});
