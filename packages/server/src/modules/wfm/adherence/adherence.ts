import type { ActualSegment } from './actual-timeline.js';
import {
  classifyWindow,
  forgiveShortOutRuns,
  listExceptions,
  type AdherenceException,
  type ClassifiedPiece,
} from './classify.js';
import type {
  ActivityCatalog,
  AdherenceRule,
  NeutralPeriod,
  ScheduleSegment,
  SuThresholds,
  TimeSpan,
} from './model.js';

/** Millisecond sums for one agent-day or agent-interval (§3.4); percentages unrounded. */
export interface AdherenceMetrics {
  readonly scheduledMs: number;
  readonly inMs: number;
  readonly outMs: number;
  readonly neutralMs: number;
  readonly unmappedMs: number;
  readonly unscheduledWorkedMs: number;
  readonly scheduledProductiveMs: number;
  readonly workedProductiveMs: number;
  /** 100 · in / (scheduled − neutral), `null` when that is 0. */
  readonly adherencePct: number | null;
  /** 100 · workedProductive / scheduledProductive, uncapped, `null` when nothing productive is scheduled. */
  readonly conformancePct: number | null;
}

export interface IntervalMetrics extends AdherenceMetrics {
  readonly intervalStart: number;
}

export interface AdherenceDayInput {
  /** The SU-local agent day window (§3.2), computed by the caller. */
  readonly window: TimeSpan;
  /** Today's window stops here; omit for past days. */
  readonly now?: number;
  /** Interval length `I` in ms (default 900 000), aligned to UTC multiples. */
  readonly intervalMs?: number;
  readonly segments: readonly ScheduleSegment[];
  readonly actual: readonly ActualSegment[];
  readonly neutralPeriods?: readonly NeutralPeriod[];
  readonly codes: ActivityCatalog;
  readonly rules: readonly AdherenceRule[];
  readonly thresholds: SuThresholds;
}

export interface AdherenceDayResult {
  readonly day: AdherenceMetrics;
  /** Intervals with scheduled or productive time, ascending. */
  readonly intervals: IntervalMetrics[];
  readonly exceptions: AdherenceException[];
  /** The classified, forgiven pieces (for the activity view, debugging and tests). */
  readonly pieces: ClassifiedPiece[];
}

/**
 * Historical adherence of one agent-day (§3.3–3.4): classification, forgiveness of short out runs,
 * exceptions and metrics per day and per interval.
 * @example computeAdherenceDay({ window, segments, actual, codes, rules: [], thresholds: DEFAULT_SU_THRESHOLDS }).day.adherencePct
 */
export function computeAdherenceDay(input: AdherenceDayInput): AdherenceDayResult {
  const intervalMs = input.intervalMs ?? 900_000;
  const end = Math.min(input.window.end, input.now ?? Number.POSITIVE_INFINITY);
  const classified = classifyWindow({
    window: { start: input.window.start, end },
    intervalMs,
    segments: input.segments,
    actual: input.actual,
    neutralPeriods: input.neutralPeriods ?? [],
    codes: input.codes,
    rules: input.rules,
  });
  const pieces = forgiveShortOutRuns(classified, input.thresholds.exceptionThresholdSeconds);
  const byInterval = new Map<number, ClassifiedPiece[]>();
  for (const p of pieces) {
    // Pieces never straddle an interval boundary, so the start decides.
    const key = Math.floor(p.start / intervalMs) * intervalMs;
    const list = byInterval.get(key) ?? [];
    list.push(p);
    byInterval.set(key, list);
  }
  const intervals = [...byInterval.entries()]
    .sort(([a], [b]) => a - b)
    .map(([intervalStart, ps]) => ({ intervalStart, ...summarise(ps) }))
    .filter((m) => m.scheduledMs > 0 || m.workedProductiveMs > 0);
  return { day: summarise(pieces), intervals, exceptions: listExceptions(pieces), pieces };
}

/**
 * Sums pieces into metrics (§3.4). Ratios come from summed milliseconds, never means of ratios.
 * @example summarise([]).adherencePct === null
 */
export function summarise(pieces: readonly ClassifiedPiece[]): AdherenceMetrics {
  let inMs = 0;
  let outMs = 0;
  let neutralMs = 0;
  let unmappedMs = 0;
  let unscheduledWorkedMs = 0;
  let scheduledProductiveMs = 0;
  let workedProductiveMs = 0;
  for (const p of pieces) {
    const ms = p.end - p.start;
    if (p.bucket === 'in') inMs += ms;
    else if (p.bucket === 'out') outMs += ms;
    else if (p.bucket === 'neutral') neutralMs += ms;
    else if (p.bucket === 'unscheduledWorked') unscheduledWorkedMs += ms;
    if (p.unmapped) unmappedMs += ms;
    if (p.scheduledCodeId !== null && p.scheduledOpen) scheduledProductiveMs += ms;
    if (p.actualOpen) workedProductiveMs += ms;
  }
  const scheduledMs = inMs + outMs + neutralMs;
  const denominator = scheduledMs - neutralMs;
  return {
    scheduledMs,
    inMs,
    outMs,
    neutralMs,
    unmappedMs,
    unscheduledWorkedMs,
    scheduledProductiveMs,
    workedProductiveMs,
    adherencePct: denominator === 0 ? null : (100 * inMs) / denominator,
    conformancePct: scheduledProductiveMs === 0 ? null : (100 * workedProductiveMs) / scheduledProductiveMs,
  };
}

/**
 * Output rounding of a percentage (§0): half away from zero, 2 decimals; `null` stays `null`.
 * @example roundPercent(94.4444) === 94.44
 */
export function roundPercent(pct: number | null): number | null {
  if (pct === null) return null;
  const scaled = Math.abs(pct) * 100;
  // The epsilon absorbs binary noise such as 1.005 * 100 = 100.49999999999999.
  const rounded = Math.round(scaled + 1e-9) / 100;
  return pct < 0 ? -rounded : rounded;
}
