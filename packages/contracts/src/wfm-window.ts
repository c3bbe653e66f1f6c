import type { ValidationIssue } from './issues.js';
import { TIMESTAMP_MESSAGE, tryParseUtcTimestamp } from './timestamp.js';
import type { IntervalMinutes, Paradigm } from './wfm-acd.js';

/** Default of `WFM_CLOCK_SKEW_S`: how far ahead of server time a timestamp may lie. */
export const DEFAULT_CLOCK_SKEW_S = 300;
/** Default of `WFM_WINDOW_SKEW_S`: how late after a boundary a report window may start. */
export const DEFAULT_WINDOW_SKEW_S = 60;

/**
 * What the context-dependent rules need to know about the tenant and the time. The SDK fills it from
 * `/details` and estimates `nowMs` from `serverTime`; the server from its settings and clock.
 */
export interface WfmRuleContext {
  intervalMinutes: IntervalMinutes;
  /** Server time, epoch milliseconds. */
  nowMs: number;
  /** Tolerance for timestamps ahead of `nowMs` (300). */
  clockSkewS: number;
  /** Tolerance for a window starting after its boundary (60). */
  windowSkewS: number;
  /** The tenant's `acdType`: a report declaring another one is flagged. */
  acdType?: string | undefined;
  /** The tenant's paradigm, when the report does not declare one (default WCE). */
  paradigm?: Paradigm | undefined;
}

/**
 * A rule context with the spec's defaults for whatever is not given.
 *
 * @example
 * createWfmRuleContext({ nowMs: Date.now() }); // 15-minute intervals, 300 s clock skew, 60 s window skew
 */
export function createWfmRuleContext(options: Partial<WfmRuleContext> & { nowMs: number }): WfmRuleContext {
  return { intervalMinutes: 15, clockSkewS: DEFAULT_CLOCK_SKEW_S, windowSkewS: DEFAULT_WINDOW_SKEW_S, ...options };
}

/** A report window after normalisation: `[windowStart, windowEnd)`, aligned to UTC boundaries. */
export type ReportWindowResult = { ok: true; windowStart: Date; windowEnd: Date } | { ok: false; errors: ValidationIssue[] };

function boundaries(minutes: number): string {
  const marks: string[] = [];
  for (let m = 0; m < 60; m += minutes) marks.push(`:${String(m).padStart(2, '0')}`);
  return marks.join(', ');
}

/**
 * Applies the window rules of spec §1.3: `endDate − startDate` is exactly one interval, `startDate` lies
 * on an aligned UTC boundary or at most `windowSkewS` after one (and is then normalised down to it),
 * and the window has started (`startDate ≤ now + clockSkewS`). Errors come `startDate` first.
 *
 * @example
 * normalizeReportWindow('2024-04-17T10:00:12.000Z', '2024-04-17T10:15:12.000Z', ctx);
 * // → { ok: true, windowStart: 2024-04-17T10:00:00.000Z, windowEnd: 2024-04-17T10:15:00.000Z }
 */
export function normalizeReportWindow(startDate: string, endDate: string, ctx: WfmRuleContext): ReportWindowResult {
  const start = tryParseUtcTimestamp(startDate);
  const end = tryParseUtcTimestamp(endDate);
  if (start === null || end === null) {
    const errors: ValidationIssue[] = [];
    if (start === null) errors.push({ path: 'startDate', message: TIMESTAMP_MESSAGE });
    if (end === null) errors.push({ path: 'endDate', message: TIMESTAMP_MESSAGE });
    return { ok: false, errors };
  }
  const minutes = ctx.intervalMinutes;
  const length = minutes * 60_000;
  const windowStart = Math.floor(start / length) * length;
  const errors: ValidationIssue[] = [];
  if (start - windowStart > ctx.windowSkewS * 1000) {
    errors.push({ path: 'startDate', message: `must be aligned to a ${minutes}-minute boundary (${boundaries(minutes)} UTC)` });
  }
  if (start > ctx.nowMs + ctx.clockSkewS * 1000) errors.push({ path: 'startDate', message: 'must not be in the future' });
  if (end - start !== length) errors.push({ path: 'endDate', message: `must be exactly ${minutes} minutes after startDate` });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, windowStart: new Date(windowStart), windowEnd: new Date(windowStart + length) };
}

/**
 * The issue for an event timestamp too far ahead of server time, or `null` (spec §1.2).
 *
 * @example
 * futureTimestampIssue('agentStateList[0].eventUtcTime', Date.now() + 3_600_000, ctx);
 * // → { path: 'agentStateList[0].eventUtcTime', message: 'must not be more than 300 seconds in the future' }
 */
export function futureTimestampIssue(path: string, atMs: number, ctx: WfmRuleContext): ValidationIssue | null {
  if (atMs <= ctx.nowMs + ctx.clockSkewS * 1000) return null;
  return { path, message: `must not be more than ${ctx.clockSkewS} seconds in the future` };
}
