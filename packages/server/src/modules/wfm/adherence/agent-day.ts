import { createHash } from 'node:crypto';
import { activityView, type ActivityParadigm, type ActivityRecord } from './activity-views.js';
import { buildActualTimeline, type AdherenceSource, type AgentState, type ReportActivity } from './actual-timeline.js';
import { computeAdherenceDay, type AdherenceMetrics, type IntervalMetrics } from './adherence.js';
import type { AdherenceException } from './classify.js';
import type { ActivityCatalog, AdherenceRule, EventMapping, NeutralPeriod, ScheduleSegment, SuThresholds, TimeSpan } from './model.js';

export type NotCalculatedReason = 'NO_ACD_LOGIN' | 'NO_SCHEDULE';

/** Activity seconds of one paradigm, interval and code (§3.5), in ms. */
export interface ActivityIntervalMs {
  readonly paradigm: ActivityParadigm;
  readonly intervalStart: number;
  readonly activityCodeId: string;
  readonly ms: number;
}

/** Everything stored (or computed on read) for one agent-day (§3.3–3.5). */
export interface AgentDayResult {
  readonly employeeId: string;
  readonly date: string;
  readonly schedulingUnitId: string;
  /** The §3.2 window, its end stopped at `now` for a day still running. */
  readonly window: TimeSpan;
  readonly notCalculatedReason: NotCalculatedReason | null;
  /** `null` when not calculated. */
  readonly day: AdherenceMetrics | null;
  readonly intervals: readonly IntervalMetrics[];
  readonly exceptions: readonly AdherenceException[];
  readonly activities: readonly ActivityIntervalMs[];
}

/** The tenant-wide part of the inputs, shared by every agent-day of a run. */
export interface AgentDaySetup {
  readonly codes: ActivityCatalog;
  readonly mappings: readonly EventMapping[];
  readonly rules: readonly AdherenceRule[];
  readonly intervalMs: number;
  readonly source: AdherenceSource;
}

export interface AgentDayInput {
  readonly employeeId: string;
  readonly date: string;
  readonly schedulingUnitId: string;
  readonly thresholds: SuThresholds;
  /** The §3.2 window (not yet stopped at `now`). */
  readonly window: TimeSpan;
  readonly now: number;
  readonly hasLogin: boolean;
  readonly covered: boolean;
  readonly segments: readonly ScheduleSegment[];
  readonly states: readonly AgentState[];
  readonly reports: readonly ReportActivity[];
  readonly neutralPeriods: readonly NeutralPeriod[];
}

/**
 * One agent-day (§3.2–3.5) from its inputs: the actual timeline, the pure adherence core and both
 * activity views. Not-calculated days (no ACD login, no schedule coverage) carry no metrics; a day
 * without coverage still gets its activity views (the agent's actual time is known).
 * @example const result = computeAgentDay(setup, { employeeId, date: '2026-03-02', window, now, hasLogin: true, covered: true, ... });
 */
export function computeAgentDay(setup: AgentDaySetup, input: AgentDayInput): AgentDayResult {
  const end = Math.min(input.window.end, input.now);
  const window = { start: input.window.start, end: Math.max(input.window.start, end) };
  const base = { employeeId: input.employeeId, date: input.date, schedulingUnitId: input.schedulingUnitId, window };
  if (!input.hasLogin) return { ...base, notCalculatedReason: 'NO_ACD_LOGIN', day: null, intervals: [], exceptions: [], activities: [] };
  const actual = buildActualTimeline({ window, reports: input.reports, states: input.states, mappings: setup.mappings, source: setup.source });
  // No-data stretches (Logoff without any event) are not activity records; a record still running at `now` has no end yet.
  const records: ActivityRecord[] = actual
    .filter((a) => a.eventCode !== null)
    .map((a) => ({ start: a.start, end: a.end === window.end && window.end === input.now ? null : a.end, activityCodeId: a.activityCodeId }));
  const activities = (['WCE', 'TTI'] as const).flatMap((paradigm) =>
    activityView({ records, paradigm, intervalMs: setup.intervalMs, now: window.end }).map((r) => ({
      paradigm,
      intervalStart: r.intervalStart,
      activityCodeId: r.activityCodeId,
      ms: Math.round(r.seconds * 1000),
    })),
  );
  if (!input.covered) return { ...base, notCalculatedReason: 'NO_SCHEDULE', day: null, intervals: [], exceptions: [], activities };
  const result = computeAdherenceDay({
    window,
    intervalMs: setup.intervalMs,
    segments: input.segments,
    actual,
    neutralPeriods: input.neutralPeriods,
    codes: setup.codes,
    rules: setup.rules,
    thresholds: input.thresholds,
  });
  return { ...base, notCalculatedReason: null, day: result.day, intervals: result.intervals, exceptions: result.exceptions, activities };
}

/**
 * sha256 over a canonical JSON of every input of one agent-day plus the hash of the tenant-wide
 * setup, so an unchanged input is recognised and writes nothing (§3.6). Arrays keep their (sorted)
 * input order; objects are written with a fixed key order.
 * @example const h = agentDayInputHash(setupHash, input); h.length === 64
 */
export function agentDayInputHash(setupHash: string, input: AgentDayInput): string {
  const effectiveEnd = Math.min(input.window.end, input.now);
  const canonical = [
    1,
    setupHash,
    input.employeeId,
    input.date,
    input.schedulingUnitId,
    [input.thresholds.exceptionThresholdSeconds, input.thresholds.alarmThresholdSeconds],
    [input.window.start, effectiveEnd, input.window.end > input.now],
    input.hasLogin,
    input.covered,
    input.segments.map((s) => [s.start, s.end, s.activityCodeId]),
    input.states.map((s) => [s.time, s.source ?? null, s.eventCode, s.reasonCode]),
    input.reports.map((r) => [r.start, r.durationMs, r.source ?? null, r.eventCode, r.reasonCode]),
    input.neutralPeriods.map((n) => [n.start, n.end]),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * Hash of the tenant-wide inputs (codes, mappings, rules, interval, source).
 * @example const setupHash = agentDaySetupHash(setup);
 */
export function agentDaySetupHash(setup: AgentDaySetup): string {
  const codes = [...setup.codes.values()].map((c) => [c.id, c.open, c.displayAs]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const mappings = setup.mappings.map((m) => [m.source ?? '*', m.eventCode, m.reasonCode, m.activityCodeId]).sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
  const rules = setup.rules.map((r) => JSON.stringify([r.scheduled, r.actual, r.adherence, r.exceptionThresholdSeconds ?? null])).sort();
  return createHash('sha256').update(JSON.stringify([codes, mappings, rules, setup.intervalMs, setup.source])).digest('hex');
}
