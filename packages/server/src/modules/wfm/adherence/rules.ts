import {
  LOGIN_CODE_ID,
  LOGOFF_CODE_ID,
  UNMAPPED,
  getActivityCode,
  type ActivityCatalog,
  type AdherenceRule,
  type ScheduleSegment,
  type SuThresholds,
} from './model.js';
import { pairAdherence, pairRtaState, type PairSource } from './pair-adherence.js';

export { pairAdherence, pairRtaState } from './pair-adherence.js';
export type { PairAdherence, PairRtaState, PairSource } from './pair-adherence.js';

export type RtaState = 'IN' | 'OUT' | 'OUT_OPEN' | 'SEVERE' | 'NEUTRAL' | 'UNSCHEDULED' | 'NOT_CALCULATED';
export type NotCalculatedReason = 'NO_ACD_LOGIN' | 'FEED_DOWN' | 'EVENT_UNMAPPED' | 'NO_SCHEDULE';
export type RtaReason = NotCalculatedReason | 'NOTHING_SCHEDULED' | PairSource;

export interface RtaInput {
  readonly now: number;
  readonly hasAcdLogin: boolean;
  /** Ingest connection status; only `DISCONNECTED` stops evaluation. */
  readonly connectionStatus: string;
  /** Latest mapped actual (`UNMAPPED` allowed); `null` = never any event, read as Logoff. */
  readonly actual: { readonly activityCodeId: string; readonly since: number } | null;
  /** Whether a published schedule covers the agent's SU-local date (a day off is covered). */
  readonly scheduleCovered: boolean;
  /** Flattened segments around `now`; earlier ones let `outSince` be reconstructed after a restart. */
  readonly segments: readonly ScheduleSegment[];
  readonly codes: ActivityCatalog;
  readonly rules: readonly AdherenceRule[];
  readonly thresholds: SuThresholds;
  /** The board's `outSince` from the previous evaluation, `null` if the agent was not out. */
  readonly previousOutSince?: number | null;
}

export interface RtaResult {
  readonly state: RtaState;
  readonly reason: RtaReason;
  /** OUT vs OUT_OPEN, kept when the state is SEVERE (also set while not yet severe). */
  readonly outKind?: 'OUT' | 'OUT_OPEN';
  readonly outSince?: number;
  /** When the out run turns (or turned) SEVERE; absent when the alarm is off. */
  readonly severeAt?: number;
}

const covering = (segments: readonly ScheduleSegment[], t: number): ScheduleSegment | undefined =>
  segments.find((s) => s.start <= t && t < s.end);

/**
 * §2.2 RTA state evaluation; the first matching step decides.
 * @example evaluateRtaState({ ...input, actual: null, segments: [{ start: t9, end: t17, activityCodeId: 'open' }] }).state === 'OUT_OPEN'
 */
export function evaluateRtaState(input: RtaInput): RtaResult {
  const { now, codes, rules } = input;
  if (!input.hasAcdLogin) return notCalculated('NO_ACD_LOGIN');
  if (input.connectionStatus === 'DISCONNECTED') return notCalculated('FEED_DOWN');
  const actualId = input.actual?.activityCodeId ?? LOGOFF_CODE_ID;
  if (actualId === UNMAPPED) return notCalculated('EVENT_UNMAPPED');
  if (!input.scheduleCovered) return notCalculated('NO_SCHEDULE');
  const current = covering(input.segments, now);
  if (current === undefined) {
    const builtIn = actualId === LOGIN_CODE_ID || actualId === LOGOFF_CODE_ID;
    return { state: builtIn ? 'IN' : 'UNSCHEDULED', reason: 'NOTHING_SCHEDULED' };
  }
  const actual = getActivityCode(codes, actualId);
  const scheduled = getActivityCode(codes, current.activityCodeId);
  const pair = pairAdherence(scheduled, actual, rules);
  const state = pairRtaState(pair.adherence, scheduled);
  if (state !== 'OUT' && state !== 'OUT_OPEN') return { state, reason: pair.source };

  const outSince = input.previousOutSince ?? reconstructOutSince(input, actualId, current);
  const alarmSeconds = pair.rule?.alarmThresholdSeconds ?? input.thresholds.alarmThresholdSeconds;
  if (alarmSeconds <= 0) return { state, reason: pair.source, outKind: state, outSince };
  const severeAt = outSince + alarmSeconds * 1000;
  return { state: now >= severeAt ? 'SEVERE' : state, reason: pair.source, outKind: state, outSince, severeAt };
}

function notCalculated(reason: NotCalculatedReason): RtaResult {
  return { state: 'NOT_CALCULATED', reason };
}

/**
 * Without a carried `outSince` (board rebuild, first evaluation), the out run is traced back
 * through contiguous earlier segments that were also out against the same actual, never before
 * the actual began: what happened before that is the caller's knowledge, not ours.
 */
function reconstructOutSince(input: RtaInput, actualId: string, current: ScheduleSegment): number {
  const actualSince = input.actual?.since ?? Number.NEGATIVE_INFINITY;
  const actual = getActivityCode(input.codes, actualId);
  let since = current.start;
  for (;;) {
    if (since <= actualSince) return actualSince;
    const previous = input.segments.find((s) => s.end === since);
    if (previous === undefined) return since;
    const scheduled = getActivityCode(input.codes, previous.activityCodeId);
    if (pairAdherence(scheduled, actual, input.rules).adherence !== 'OUT') return since;
    since = previous.start;
  }
}
