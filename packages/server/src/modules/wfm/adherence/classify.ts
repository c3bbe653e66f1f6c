import type { ActualSegment } from './actual-timeline.js';
import {
  LOGOFF_CODE_ID,
  UNMAPPED,
  getActivityCode,
  type ActivityCatalog,
  type AdherenceRule,
  type NeutralPeriod,
  type ScheduleSegment,
  type TimeSpan,
} from './model.js';
import { pairAdherence } from './pair-adherence.js';

/** §3.3 buckets; `none` = unscheduled and not open (not counted). */
export type Bucket = 'in' | 'out' | 'neutral' | 'unscheduledWorked' | 'none';

/** A slice of the window with constant scheduled code, actual code, neutral flag and interval. */
export interface ClassifiedPiece {
  readonly start: number;
  readonly end: number;
  readonly scheduledCodeId: string | null;
  readonly actual: ActualSegment;
  readonly bucket: Bucket;
  /** Actual `UNMAPPED` under a schedule: neutral, also summed as unmapped. */
  readonly unmapped: boolean;
  readonly scheduledOpen: boolean;
  readonly actualOpen: boolean;
  /** The configured rule that decided the pair, whose exception threshold a run starting here uses. */
  readonly rule?: AdherenceRule;
}

export interface ClassifyInput {
  readonly window: TimeSpan;
  readonly intervalMs: number;
  readonly segments: readonly ScheduleSegment[];
  readonly actual: readonly ActualSegment[];
  readonly neutralPeriods: readonly NeutralPeriod[];
  readonly codes: ActivityCatalog;
  readonly rules: readonly AdherenceRule[];
}

const covers = (span: TimeSpan, t: number): boolean => span.start <= t && t < span.end;

/**
 * Cuts `window` at every change of scheduled code, actual code, neutral period and interval
 * boundary and classifies each piece (§3.3). Gaps in `actual` read as Logoff (no data).
 * @example classifyWindow({ window, intervalMs: 900_000, segments, actual, neutralPeriods: [], codes, rules: [] })
 */
export function classifyWindow(input: ClassifyInput): ClassifiedPiece[] {
  const { window, intervalMs, codes } = input;
  if (window.end <= window.start) return [];
  const cuts = new Set<number>([window.start, window.end]);
  const addSpan = (s: TimeSpan): void => {
    if (s.start > window.start && s.start < window.end) cuts.add(s.start);
    if (s.end > window.start && s.end < window.end) cuts.add(s.end);
  };
  input.segments.forEach(addSpan);
  input.actual.forEach(addSpan);
  input.neutralPeriods.forEach(addSpan);
  for (let t = Math.ceil(window.start / intervalMs) * intervalMs; t < window.end; t += intervalMs) cuts.add(t);
  const points = [...cuts].sort((a, b) => a - b);
  // Segments and actual pieces do not overlap among themselves: sorted once, a cursor each finds the
  // one covering a point in amortised O(1) (a linear search per point was quadratic per agent-day).
  const segments = [...input.segments].sort((a, b) => a.start - b.start);
  const actuals = [...input.actual].sort((a, b) => a.start - b.start);
  let si = 0;
  let ai = 0;

  const pieces: ClassifiedPiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    while (si < segments.length && (segments[si] as ScheduleSegment).end <= start) si++;
    while (ai < actuals.length && (actuals[ai] as ActualSegment).end <= start) ai++;
    const nextSegment = segments[si];
    const segment = nextSegment !== undefined && covers(nextSegment, start) ? nextSegment : undefined;
    const nextActual = actuals[ai];
    const actual: ActualSegment = (nextActual !== undefined && covers(nextActual, start) ? nextActual : undefined) ?? {
      start,
      end,
      activityCodeId: LOGOFF_CODE_ID,
      eventCode: null,
      reasonCode: null,
    };
    const unmappedActual = actual.activityCodeId === UNMAPPED;
    const actualOpen = !unmappedActual && getActivityCode(codes, actual.activityCodeId).open;
    // Explicit literals rather than spreads: this loop runs for every piece of every agent-day.
    if (segment === undefined) {
      pieces.push({ start, end, actual, actualOpen, scheduledCodeId: null, scheduledOpen: false, unmapped: false, bucket: actualOpen ? 'unscheduledWorked' : 'none' });
      continue;
    }
    const scheduled = getActivityCode(codes, segment.activityCodeId);
    const sched = { start, end, actual, actualOpen, scheduledCodeId: scheduled.id, scheduledOpen: scheduled.open };
    if (input.neutralPeriods.some((n) => covers(n, start))) {
      // The table's first matching row decides: a neutral period outranks the unmapped row.
      pieces.push({ ...sched, unmapped: false, bucket: 'neutral' });
    } else if (unmappedActual) {
      pieces.push({ ...sched, unmapped: true, bucket: 'neutral' });
    } else {
      const pair = pairAdherence(scheduled, getActivityCode(codes, actual.activityCodeId), input.rules);
      const bucket: Bucket = pair.adherence === 'IN' ? 'in' : pair.adherence === 'OUT' ? 'out' : 'neutral';
      const piece: ClassifiedPiece = { start, end, actual, actualOpen, scheduledCodeId: scheduled.id, scheduledOpen: scheduled.open, unmapped: false, bucket };
      pieces.push(pair.rule ? { ...piece, rule: pair.rule } : piece);
    }
  }
  return pieces;
}

/**
 * Turns each maximal contiguous `out` run shorter than its exception threshold into `in` (§3.3).
 * The threshold is the one of the rule at the run's start, else the SU's; 0 forgives nothing.
 * @example forgiveShortOutRuns(pieces, 120) // a 90 s Break-vs-Open run becomes `in`; a 900 s one stays `out`
 */
export function forgiveShortOutRuns(pieces: readonly ClassifiedPiece[], suExceptionThresholdSeconds: number): ClassifiedPiece[] {
  const result = [...pieces];
  let i = 0;
  while (i < result.length) {
    const first = result[i] as ClassifiedPiece;
    if (first.bucket !== 'out') {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < result.length && result[j + 1]?.bucket === 'out' && result[j + 1]?.start === result[j]?.end) j++;
    const last = result[j] as ClassifiedPiece;
    const thresholdMs = (first.rule?.exceptionThresholdSeconds ?? suExceptionThresholdSeconds) * 1000;
    if (last.end - first.start < thresholdMs) {
      for (let k = i; k <= j; k++) result[k] = { ...(result[k] as ClassifiedPiece), bucket: 'in' };
    }
    i = j + 1;
  }
  return result;
}

/** An adherence exception row (§3.3). */
export interface AdherenceException {
  readonly start: number;
  readonly end: number;
  readonly durationSeconds: number;
  readonly scheduledActivity: string;
  readonly actualActivity: string;
  /** Of the actual record at the row's start; `null` where no data gave Logoff. */
  readonly eventCode: string | null;
  readonly reasonCode: string | null;
}

/**
 * One row per contiguous stretch of `out` with a constant (scheduled, actual) code pair. Interval
 * cuts and event changes mapping to the same code do not split a row.
 * @example listExceptions(forgiveShortOutRuns(pieces, 0))
 */
export function listExceptions(pieces: readonly ClassifiedPiece[]): AdherenceException[] {
  const rows: AdherenceException[] = [];
  for (const p of pieces) {
    if (p.bucket !== 'out' || p.scheduledCodeId === null) continue;
    const last = rows[rows.length - 1];
    if (last !== undefined && last.end === p.start && last.scheduledActivity === p.scheduledCodeId && last.actualActivity === p.actual.activityCodeId) {
      rows[rows.length - 1] = { ...last, end: p.end, durationSeconds: (p.end - last.start) / 1000 };
    } else {
      rows.push({
        start: p.start,
        end: p.end,
        durationSeconds: (p.end - p.start) / 1000,
        scheduledActivity: p.scheduledCodeId,
        actualActivity: p.actual.activityCodeId,
        eventCode: p.actual.eventCode,
        reasonCode: p.actual.reasonCode,
      });
    }
  }
  return rows;
}
