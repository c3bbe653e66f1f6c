// Reads one skill-day for the intraday view (spec §4) and hands it to the pure model. Computed on
// read: one skill-day is a few indexed queries and ~100 Erlang searches, so nothing is stored and a
// late queue report or schedule change is visible on the next request without a rebuild.
import type { IntradayResponse } from '@floorplan/contracts';
import { DateTime } from 'luxon';
import type { Queryable } from '../../../platform/db/db.js';
import { readSkillQueueHistory } from '../../wfm-ingest/queue-history-reads.js';
import { findRun, readRunIntervals } from '../forecast/forecast-store.js';
import { addDays } from '../forecast/series.js';
import { localMidnight } from '../forecast/skill-history.js';
import type { SkillSetup, TenantSetup } from '../setup/tenant-setup.js';
import { staffingBasis, withPatience } from '../staffing/patience.js';
import { skillPatience } from '../staffing/patience-reads.js';
import { intradayView, type BaseInterval } from './intraday-model.js';
import { scheduledOpenSeconds, staffedOpenSeconds } from './staff-seconds.js';

/**
 * The intraday view of `skill` on its local `date` at `granularityMinutes` (a multiple of the tenant interval).
 *
 * @example
 * await intradayOfSkillDay(db, setup, skill, '2026-03-02', 15, Date.now());
 */
export async function intradayOfSkillDay(
  db: Queryable,
  setup: TenantSetup,
  skill: SkillSetup,
  date: string,
  granularityMinutes: number,
  now: number,
): Promise<IntradayResponse> {
  const zone = skill.timeZone;
  const intervalMs = setup.intervalMs;
  const dayStart = localMidnight(date, zone);
  const dayEnd = localMidnight(addDays(date, 1), zone);
  const [history, run, patience] = await Promise.all([
    readSkillQueueHistory(db, setup.tenantId, { queues: skill.queues, paradigm: skill.paradigm, outbound: skill.channel === 'OUTBOUND' }, { fromMs: dayStart, toMs: dayEnd, intervalMs }),
    findRun(db, setup.tenantId, skill.id),
    skillPatience(db, setup.tenantId, skill, dayStart),
  ]);
  const starts = history.intervals.map((i) => i.start);
  const [forecastRows, scheduled, staffed] = await Promise.all([
    run ? readRunIntervals(db, setup.tenantId, run.id, { fromMs: dayStart, toMs: dayEnd }) : Promise.resolve([]),
    scheduledOpenSeconds(db, setup, skill.id, date, starts, intervalMs),
    staffedOpenSeconds(db, setup, skill.id, starts, intervalMs, now),
  ]);
  const forecastAt = new Map(forecastRows.map((r) => [r.start, r]));
  const intervals: BaseInterval[] = history.intervals.map((actual, i) => {
    const f = forecastAt.get(actual.start);
    return {
      start: actual.start,
      label: DateTime.fromMillis(actual.start, { zone }).toFormat('HH:mm'),
      actual,
      forecast: f ? { contacts: f.contacts, ahtSeconds: f.ahtSeconds } : null,
      scheduledOpenSeconds: scheduled[i] ?? 0,
      staffedOpenSeconds: staffed[i] ?? 0,
    };
  });
  const paradigmMismatch = run !== null && run.paradigm !== skill.paradigm;
  const view = intradayView({
    skill: withPatience(skill, patience),
    intervalMs,
    granularityMs: granularityMinutes * 60_000,
    now,
    phi: setup.reforecastPhi,
    intervals,
    paradigmMismatch,
  });
  return {
    skillId: skill.id,
    date,
    timeZone: zone,
    category: skill.category,
    outbound: skill.channel === 'OUTBOUND',
    paradigm: skill.paradigm,
    granularityMinutes,
    forecast: run ? { runId: run.id, version: run.version, method: run.method, paradigm: run.paradigm } : null,
    paradigmMismatch,
    excludedSeries: history.excludedSeries,
    reforecast: view.reforecast,
    serviceLevelGoal: skill.serviceLevelGoal,
    ...staffingBasis(skill, patience),
    intervals: view.rows,
    total: view.total,
  };
}
