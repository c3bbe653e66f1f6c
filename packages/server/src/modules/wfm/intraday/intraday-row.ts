// One intraday row from its summed components: ratios, Erlang requirements and variances (§4.1–4.2).
import type { IntradayRow } from '@floorplan/contracts';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { staffSkill } from '../staffing/skill-staffing.js';

/** One row's base components, summed over its intervals before any ratio is taken (§4.5). */
export interface Sums {
  start: number;
  label: string;
  /** Milliseconds of the row. */
  length: number;
  /** Milliseconds of the row already elapsed. */
  elapsed: number;
  closed: boolean;
  reported: boolean;
  offered: number;
  handled: number;
  handledShort: number;
  abandonedLong: number;
  handleSeconds: number;
  queueDelaySeconds: number;
  acdServiceLevelPct: number | null;
  backlog: number | null;
  backlogNotExpired: number | null;
  backlogExpired: number | null;
  hasForecast: boolean;
  forecast: number;
  /** Σ F·AHT over intervals with an AHT, and the F it covers. */
  forecastSeconds: number;
  forecastWithAht: number;
  reforecast: number;
  reforecastSeconds: number;
  reforecastWithAht: number;
  scheduledSeconds: number;
  staffedSeconds: number;
}

export const round2 = (x: number) => Math.sign(x) * Math.round(Math.abs(x) * 100) / 100;
export const round3 = (x: number) => Math.sign(x) * Math.round(Math.abs(x) * 1000) / 1000;
export const pct = (num: number, den: number) => (den > 0 ? round2((100 * num) / den) : null);
export const secs = (num: number, den: number) => (den > 0 ? round3(num / den) : null);

/** Erlang for one row (no shrinkage): required agents and, given `agents`, the service level they reach. */
function erlang(skill: SkillSetup, contacts: number, aht: number | null, lengthMs: number, agents?: number): { required: number; serviceLevel: number } | null {
  const r = staffSkill(skill, { contacts, intervalSeconds: lengthMs / 1000, ahtSeconds: aht, withShrinkage: false, ...(agents !== undefined ? { agents } : {}) });
  return r === null ? null : { required: r.requiredAgents, serviceLevel: r.serviceLevel };
}

export function toRow(g: Sums, skill: SkillSetup, mismatch: boolean, singleQueue: boolean): IntradayRow {
  const lengthS = g.length / 1000;
  const deferrable = skill.category === 'DEFERRABLE';
  const outbound = skill.channel === 'OUTBOUND';
  const queueing = !deferrable && !outbound;
  const actualAht = secs(g.handleSeconds, g.handled);
  const forecastAht = g.forecastWithAht > 0 ? g.forecastSeconds / g.forecastWithAht : null;
  const reforecastAht = g.reforecastWithAht > 0 ? g.reforecastSeconds / g.reforecastWithAht : null;
  const started = g.elapsed > 0;
  const scheduled = g.scheduledSeconds / lengthS;
  const staffed = started ? g.staffedSeconds / (g.elapsed / 1000) : null;

  const required = queueing && g.hasForecast ? (erlang(skill, g.forecast, forecastAht, g.length)?.required ?? null) : null;
  const requiredAtActual = queueing && g.closed && g.reported ? (erlang(skill, g.offered, g.handled > 0 ? g.handleSeconds / g.handled : null, g.length)?.required ?? null) : null;
  const requiredReforecast = queueing && g.hasForecast && !g.closed && !mismatch ? (erlang(skill, g.reforecast, reforecastAht, g.length)?.required ?? null) : null;
  const projected =
    queueing && g.hasForecast && !g.closed && !mismatch
      ? (erlang(skill, g.reforecast, reforecastAht, g.length, Math.floor(scheduled + 1e-9))?.serviceLevel ?? null)
      : null;
  const sl = queueing ? pct(g.handledShort, g.offered) : null;
  const goal = skill.serviceLevelGoal?.percent;
  const variance = (x: number | null, y: number | null) => (mismatch || x === null || y === null ? null : x - y);

  return {
    intervalStart: new Date(g.start).toISOString(),
    label: g.label,
    closed: g.closed,
    reported: g.reported,
    actualContacts: g.reported ? g.offered : null,
    handled: g.reported ? g.handled : null,
    actualAhtSeconds: actualAht,
    serviceLevelPct: sl,
    acdServiceLevelPct: queueing && singleQueue ? g.acdServiceLevelPct : null,
    asaSeconds: queueing ? secs(g.queueDelaySeconds, g.handled) : null,
    abandonRatePct: queueing ? pct(g.abandonedLong, g.offered) : null,
    forecastContacts: g.hasForecast ? g.forecast : null,
    forecastAhtSeconds: forecastAht === null ? null : round3(forecastAht),
    reforecastContacts: g.hasForecast && !g.closed && !mismatch ? g.reforecast : null,
    reforecastAhtSeconds: g.hasForecast && !g.closed && !mismatch && reforecastAht !== null ? round3(reforecastAht) : null,
    requiredAgents: required,
    requiredAtActual,
    requiredReforecast,
    scheduledAgents: scheduled,
    staffedAgents: staffed,
    projectedServiceLevelPct: projected === null ? null : round2(100 * projected),
    varianceScheduledRequired: variance(scheduled, required),
    varianceStaffedRequired: variance(staffed, required),
    overstaffed: null,
    understaffed: null,
    varianceContacts: g.closed && g.reported ? variance(g.offered, g.hasForecast ? g.forecast : null) : null,
    varianceContactsPct: g.closed && g.reported && !mismatch && g.hasForecast ? pct(g.offered - g.forecast, g.forecast) : null,
    varianceAhtSeconds: g.closed ? (variance(actualAht, forecastAht) === null ? null : round3((actualAht as number) - (forecastAht as number))) : null,
    varianceServiceLevelPct: g.closed && sl !== null && goal !== undefined && !mismatch ? round2(sl - goal) : null,
    backlog: deferrable ? g.backlog : null,
    backlogNotExpired: deferrable ? g.backlogNotExpired : null,
    backlogExpired: deferrable ? g.backlogExpired : null,
    projectedBacklog: null,
    workloadHours: g.hasForecast && forecastAht !== null ? round3((g.forecast * forecastAht) / 3600) : null,
  };
}
