// wfm.forecast.batch (spec §8): AUTO for 200 skills × 8 weeks of 15-minute history, back-test
// included (four candidates fitted on 6 weeks, scored on 2, winner refitted), against WHI alone on
// the same histories. Pure computation on one core: no database, no server.
//
//   node --conditions=source --import tsx bench/forecast-batch.ts [skills] [weeks]
import { autoForecast } from '../packages/server/src/modules/wfm/forecast/auto-select.js';
import { syntheticHistory } from '../packages/server/src/modules/wfm/forecast/synthetic-history.js';
import { whiForecast } from '../packages/server/src/modules/wfm/forecast/whi.js';
import { print } from './support.js';

const skills = Number(process.argv[2] ?? 200);
const weeks = Number(process.argv[3] ?? 8);
const horizonDays = 28;

// Skills differ in volume (60–6,000 a day), dispersion and trend, so every method wins somewhere.
const histories = Array.from({ length: skills }, (_, i) =>
  syntheticHistory({
    seed: 1000 + i,
    days: 7 * weeks,
    dailyVolume: 60 * 100 ** ((i % 20) / 19),
    dispersion: [50, 200, 1000][i % 3]!,
    trendPerWeek: [0, 0, 0.02, -0.01, 0.04][i % 5]!,
  }).contacts,
);

/** Median wall time of `runs` runs, in seconds: small figures (WHI alone is ~10 ms) jitter run to run. */
function timed(run: () => void, runs = 3): number {
  const times = Array.from({ length: runs }, () => {
    const started = performance.now();
    run();
    return (performance.now() - started) / 1000;
  });
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

// Warm the JIT on a few skills so neither side pays for compilation in its measurement.
for (const series of histories.slice(0, 5)) {
  autoForecast(series, { horizonDays });
  whiForecast(series.values, { slotsPerDay: 96, horizonDays });
}

const winners: Record<string, number> = {};
const auto = timed(() => {
  for (const key of Object.keys(winners)) delete winners[key];
  for (const series of histories) {
    const result = autoForecast(series, { horizonDays });
    const method = result.status === 'OK' ? result.method : result.status;
    winners[method] = (winners[method] ?? 0) + 1;
  }
});
const whi = timed(() => {
  for (const series of histories) whiForecast(series.values, { slotsPerDay: 96, weeks, horizonDays });
}, 5);

print('wfm.forecast.batch', auto, 's', { skills, weeks, horizonDays, target: '< 5 s', winners });
print('wfm.forecast.batch.baseline.whi', whi, 's', { skills, weeks, horizonDays });
print('wfm.forecast.batch.ratio', auto / whi, 'x', { of: 'AUTO / WHI alone' });
print('wfm.forecast.batch.perSkill', (auto / skills) * 1000, 'ms');
