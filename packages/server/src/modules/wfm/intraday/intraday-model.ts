// The intraday view of one skill-day as a pure function (spec §4): actuals summed over queues,
// forecast and damped re-forecast, Erlang requirements, scheduled and staffed agents, variances,
// the backlog model of deferrable skills. Rows at a coarser granularity sum the base components
// first and recompute every ratio and Erlang figure from the sums (§4.5), never averaging ratios.
import type { IntradayRow } from '@floorplan/contracts';
import { reforecast } from '../forecast/reforecast.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { pct, round2, round3, secs, toRow, type Sums } from './intraday-row.js';
import type { SkillInterval } from '../../wfm-ingest/queue-history-reads.js';

/** One base interval of the day with everything read for it. */
export interface BaseInterval {
  start: number;
  /** Local `HH:mm` label. */
  label: string;
  actual: SkillInterval;
  /** Active forecast; null where it has no interval. */
  forecast: { contacts: number; ahtSeconds: number | null } | null;
  /** Σ scheduled open seconds of schedulable employees holding the skill. */
  scheduledOpenSeconds: number;
  /** Σ actual open seconds so far of employees holding the skill. */
  staffedOpenSeconds: number;
}

export interface IntradayInput {
  skill: SkillSetup;
  intervalMs: number;
  /** Row length, a multiple of `intervalMs`. */
  granularityMs: number;
  now: number;
  phi: number;
  intervals: readonly BaseInterval[];
  /** Forecast of the other paradigm: variances and re-forecast are null. */
  paradigmMismatch: boolean;
}

export interface IntradayResult {
  reforecast: { ratio: number; ahtRatio: number; closedIntervals: number } | null;
  rows: IntradayRow[];
  total: IntradayRow;
}

/**
 * Builds the intraday rows and day total of one skill-day.
 *
 * @example
 * const view = intradayView({ skill, intervalMs: 900_000, granularityMs: 900_000, now, phi: 0.95, intervals, paradigmMismatch: false });
 * view.rows[40].requiredAgents;
 */
export function intradayView(input: IntradayInput): IntradayResult {
  const { skill, intervalMs, now } = input;
  const base = input.intervals;
  const closedCount = base.findIndex((i) => i.start + intervalMs > now);
  const k = closedCount < 0 ? base.length : closedCount;
  // A forecast of the other paradigm is shown but never re-forecast or compared (§4.5).
  const canReforecast = !input.paradigmMismatch && base.some((i) => i.forecast !== null);

  // §4.3 on the base intervals; rows of any granularity sum its results.
  const re = canReforecast
    ? reforecast({
        intervalMinutes: intervalMs / 60_000,
        forecastContacts: base.map((i) => i.forecast?.contacts ?? 0),
        forecastAht: base.map((i) => i.forecast?.ahtSeconds ?? null),
        actualContacts: base.slice(0, k).map((i) => i.actual.offered),
        actualHandled: base.slice(0, k).map((i) => i.actual.handled),
        actualHandleSeconds: base.slice(0, k).map((i) => i.actual.handleSeconds),
        phi: input.phi,
      })
    : null;

  const per = Math.max(1, Math.round(input.granularityMs / intervalMs));
  const groups: Sums[] = [];
  base.forEach((b, i) => {
    if (i % per === 0) groups.push(emptySums(b));
    const g = groups[groups.length - 1] as Sums;
    addInterval(g, b, i, re, intervalMs, now);
  });

  const rows = groups.map((g) => toRow(g, skill, input.paradigmMismatch, skill.queues.length === 1 && per === 1));
  applyBacklogModel(rows, groups, skill, input.paradigmMismatch);
  const total = totalRow(groups, rows, skill, input.paradigmMismatch);
  return { reforecast: re ? { ratio: re.ratio, ahtRatio: re.ahtRatio, closedIntervals: k } : null, rows, total };
}

function emptySums(b: BaseInterval): Sums {
  return {
    start: b.start,
    label: b.label,
    length: 0,
    elapsed: 0,
    closed: true,
    reported: false,
    offered: 0,
    handled: 0,
    handledShort: 0,
    abandonedLong: 0,
    handleSeconds: 0,
    queueDelaySeconds: 0,
    acdServiceLevelPct: null,
    backlog: null,
    backlogNotExpired: null,
    backlogExpired: null,
    hasForecast: false,
    forecast: 0,
    forecastSeconds: 0,
    forecastWithAht: 0,
    reforecast: 0,
    reforecastSeconds: 0,
    reforecastWithAht: 0,
    scheduledSeconds: 0,
    staffedSeconds: 0,
  };
}

function addInterval(g: Sums, b: BaseInterval, i: number, re: ReturnType<typeof reforecast> | null, intervalMs: number, now: number): void {
  g.length += intervalMs;
  g.elapsed += Math.max(0, Math.min(intervalMs, now - b.start));
  g.closed &&= b.start + intervalMs <= now;
  const a = b.actual;
  if (a.reported) {
    g.reported = true;
    g.offered += a.offered;
    g.handled += a.handled;
    g.handledShort += a.handledShort;
    g.abandonedLong += a.abandonedLong;
    g.handleSeconds += a.handleSeconds;
    g.queueDelaySeconds += a.queueDelaySeconds;
    g.acdServiceLevelPct = a.acdServiceLevelPct;
    // Backlog is a level at the end of the interval: the row keeps its last reported one.
    g.backlog = a.backlog;
    g.backlogNotExpired = a.backlogNotExpired;
    g.backlogExpired = a.backlogExpired;
  }
  if (b.forecast) {
    g.hasForecast = true;
    g.forecast += b.forecast.contacts;
    const f2 = re?.contacts[i] ?? b.forecast.contacts;
    g.reforecast += f2;
    if (b.forecast.ahtSeconds !== null) {
      g.forecastSeconds += b.forecast.contacts * b.forecast.ahtSeconds;
      g.forecastWithAht += b.forecast.contacts;
      const aht2 = re?.aht[i] ?? b.forecast.ahtSeconds;
      g.reforecastSeconds += f2 * aht2;
      g.reforecastWithAht += f2;
    }
  }
  g.scheduledSeconds += b.scheduledOpenSeconds;
  g.staffedSeconds += b.staffedOpenSeconds;
}

/**
 * §4.4 for deferrable skills: `required_i = AHT_i·(F_i + E_{i−1}) / (I·maxOccupancy)` with E the latest
 * actual expired backlog (0 beyond it), and the projected backlog `B_i = max(0, B_{i−1} + F_i −
 * staff_i·I·maxOccupancy/AHT_i)`, staff = staffed for closed rows, scheduled for the others; B starts
 * from the latest actual backlog.
 */
function applyBacklogModel(rows: IntradayRow[], groups: readonly Sums[], skill: SkillSetup, mismatch: boolean): void {
  if (skill.category !== 'DEFERRABLE') return;
  const occ = skill.staffing.maxOccupancy;
  let expired = 0;
  let backlog = 0;
  rows.forEach((row, i) => {
    const g = groups[i] as Sums;
    const lengthS = g.length / 1000;
    const aht = g.forecastWithAht > 0 ? g.forecastSeconds / g.forecastWithAht : null;
    const f = g.hasForecast ? g.forecast : 0;
    row.requiredAgents = g.hasForecast && aht !== null ? (aht * (f + expired)) / (lengthS * occ) : null;
    if (!mismatch) {
      row.varianceScheduledRequired = row.requiredAgents === null || row.scheduledAgents === null ? null : row.scheduledAgents - row.requiredAgents;
      row.varianceStaffedRequired = row.requiredAgents === null || row.staffedAgents === null ? null : row.staffedAgents - row.requiredAgents;
    }
    const staff = g.closed ? row.staffedAgents : row.scheduledAgents;
    if (g.closed && g.reported && g.backlog !== null) {
      backlog = g.backlog;
      row.projectedBacklog = g.backlog;
    } else if (aht !== null && staff !== null) {
      backlog = Math.max(0, backlog + f - (staff * lengthS * occ) / aht);
      row.projectedBacklog = backlog;
    }
    expired = g.closed && g.reported ? (g.backlogExpired ?? 0) : 0;
  });
}

/** Day totals: contacts and seconds summed, ratios recomputed; agent columns have no day total except the kept-apart over/under staffing (agent-hours). */
function totalRow(groups: readonly Sums[], rows: readonly IntradayRow[], skill: SkillSetup, mismatch: boolean): IntradayRow {
  const all = emptySums({ start: groups[0]?.start ?? 0, label: 'total' } as BaseInterval);
  for (const g of groups) {
    all.length += g.length;
    all.elapsed += g.elapsed;
    all.closed &&= g.closed;
    all.reported ||= g.reported;
    all.offered += g.offered;
    all.handled += g.handled;
    all.handledShort += g.handledShort;
    all.abandonedLong += g.abandonedLong;
    all.handleSeconds += g.handleSeconds;
    all.queueDelaySeconds += g.queueDelaySeconds;
    all.hasForecast ||= g.hasForecast;
    all.forecast += g.forecast;
    all.forecastSeconds += g.forecastSeconds;
    all.forecastWithAht += g.forecastWithAht;
    all.reforecast += g.reforecast;
    all.reforecastSeconds += g.reforecastSeconds;
    all.reforecastWithAht += g.reforecastWithAht;
    if (g.backlog !== null) {
      all.backlog = g.backlog;
      all.backlogNotExpired = g.backlogNotExpired;
      all.backlogExpired = g.backlogExpired;
    }
  }
  const queueing = skill.category !== 'DEFERRABLE' && skill.channel !== 'OUTBOUND';
  const closedGroups = groups.filter((g) => g.closed && g.reported);
  const closedOffered = closedGroups.reduce((s, g) => s + g.offered, 0);
  const closedForecast = closedGroups.reduce((s, g) => s + g.forecast, 0);
  const hours = (g: Sums) => g.length / 3_600_000;
  let over = 0;
  let under = 0;
  rows.forEach((r, i) => {
    const v = r.varianceScheduledRequired;
    if (v === null) return;
    if (v > 0) over += v * hours(groups[i] as Sums);
    else under += v * hours(groups[i] as Sums);
  });
  const sl = queueing ? pct(all.handledShort, all.offered) : null;
  const forecastAht = all.forecastWithAht > 0 ? all.forecastSeconds / all.forecastWithAht : null;
  const actualAht = secs(all.handleSeconds, all.handled);
  const hasVariance = !mismatch && rows.some((r) => r.varianceScheduledRequired !== null);
  return {
    intervalStart: null,
    label: 'total',
    closed: all.closed,
    reported: all.reported,
    actualContacts: all.reported ? all.offered : null,
    handled: all.reported ? all.handled : null,
    actualAhtSeconds: actualAht,
    serviceLevelPct: sl,
    acdServiceLevelPct: null,
    asaSeconds: queueing ? secs(all.queueDelaySeconds, all.handled) : null,
    abandonRatePct: queueing ? pct(all.abandonedLong, all.offered) : null,
    forecastContacts: all.hasForecast ? all.forecast : null,
    forecastAhtSeconds: forecastAht === null ? null : round3(forecastAht),
    reforecastContacts: all.hasForecast && !mismatch ? all.reforecast : null,
    reforecastAhtSeconds: all.reforecastWithAht > 0 && !mismatch ? round3(all.reforecastSeconds / all.reforecastWithAht) : null,
    requiredAgents: null,
    requiredAtActual: null,
    requiredReforecast: null,
    scheduledAgents: null,
    staffedAgents: null,
    projectedServiceLevelPct: null,
    varianceScheduledRequired: null,
    varianceStaffedRequired: null,
    overstaffed: hasVariance ? round3(over) : null,
    understaffed: hasVariance ? round3(under) : null,
    // Contacts and AHT variances over the closed part of the day: the future has no actuals to compare.
    varianceContacts: !mismatch && all.hasForecast && closedGroups.length > 0 ? closedOffered - closedForecast : null,
    varianceContactsPct: !mismatch && all.hasForecast && closedGroups.length > 0 ? pct(closedOffered - closedForecast, closedForecast) : null,
    varianceAhtSeconds: !mismatch && actualAht !== null && forecastAht !== null ? round3(actualAht - forecastAht) : null,
    varianceServiceLevelPct: !mismatch && sl !== null && skill.serviceLevelGoal ? round2(sl - skill.serviceLevelGoal.percent) : null,
    backlog: skill.category === 'DEFERRABLE' ? all.backlog : null,
    backlogNotExpired: skill.category === 'DEFERRABLE' ? all.backlogNotExpired : null,
    backlogExpired: skill.category === 'DEFERRABLE' ? all.backlogExpired : null,
    projectedBacklog: null,
    workloadHours: forecastAht !== null ? round3((all.forecast * forecastAht) / 3600) : null,
  };
}
