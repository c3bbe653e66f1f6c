// `GET forecasts/{skillId}/accuracy` (spec §5.5, §5.6): a stored run scored against the actuals that
// arrived since, on the same local slots the run was fitted on. The MASE scale is the one-week
// seasonal-naive error inside the run's own training window; special days are not scored.
import type { ForecastAccuracyResponse, ForecastRun } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { accuracyReport } from './accuracy.js';
import { readRunIntervals } from './forecast-store.js';
import { toLocalHistory } from './local-slots.js';
import { addDays, daysBetween, excludeSpecialDays, slotsPerDay } from './series.js';
import { intervalMinutesOf, localMidnight, readSkillHistory } from './skill-history.js';
import { specialDaysOfSkill } from './special-days-store.js';

/** Weeks of training an imported run (which has none) is scaled against. */
const IMPORTED_TRAINING_WEEKS = 8;

/**
 * Scores `run` over the local dates `from … to` clipped to its horizon; `null` when they do not overlap.
 *
 * @example
 * const report = await scoreRun(db, tenantId, skill, 900_000, run, '2026-03-02', '2026-03-15');
 */
export async function scoreRun(
  db: Queryable,
  tenantId: string,
  skill: SkillSetup,
  intervalMs: number,
  run: ForecastRun,
  from: string,
  to: string,
): Promise<ForecastAccuracyResponse | null> {
  const horizonTo = addDays(run.horizonFrom, run.horizonDays - 1);
  const first = from > run.horizonFrom ? from : run.horizonFrom;
  const last = to < horizonTo ? to : horizonTo;
  if (first > last) return null;
  const trainTo = run.historyTo && run.historyTo < first ? run.historyTo : addDays(first, -1);
  const trainFrom = run.historyFrom && run.historyFrom <= trainTo ? run.historyFrom : addDays(trainTo, -7 * IMPORTED_TRAINING_WEEKS + 1);
  const zone = skill.timeZone;
  const minutes = intervalMinutesOf(intervalMs);
  const s1 = slotsPerDay(minutes);

  const [{ history }, specialDays, forecastRows] = await Promise.all([
    readSkillHistory(db, tenantId, skill, intervalMs, trainFrom, last),
    specialDaysOfSkill(db, tenantId, skill.id, trainFrom, last),
    readRunIntervals(db, tenantId, run.id, { fromMs: localMidnight(first, zone), toMs: localMidnight(addDays(last, 1), zone) }),
  ]);
  const actualAll = excludeSpecialDays(history.contacts, specialDays).values;
  const training = actualAll.slice(0, (daysBetween(trainFrom, trainTo) + 1) * s1);
  const actual = actualAll.slice(daysBetween(trainFrom, first) * s1);
  const forecast = toLocalHistory(
    forecastRows.map((r) => ({ intervalStart: new Date(r.start).toISOString(), contacts: r.contacts, handled: 0, handleSeconds: 0, reported: true })),
    { zone, intervalMinutes: minutes, from: first, to: last },
  ).contacts.values.map((v) => v ?? 0);
  const report = accuracyReport(actual, forecast, training, { slotsPerDay: s1 });
  return {
    run,
    from: first,
    to: last,
    interval: report.interval,
    day: report.day,
    perHorizonDay: report.perHorizonDay.map((a, d) => ({ ...a, date: addDays(first, d), horizonDay: daysBetween(run.horizonFrom, addDays(first, d)) + 1 })),
  };
}
