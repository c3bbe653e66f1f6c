import { LOGOFF_CODE_ID, mapEvent, type AcdEventKey, type EventMapping, type TimeSpan } from './model.js';

export type AdherenceSource = 'REPORTS_THEN_STATES' | 'STATES_ONLY' | 'REPORTS_ONLY';

/** An activity-report activity, duration normalised by ingest to milliseconds. */
export interface ReportActivity extends AcdEventKey {
  readonly start: number;
  readonly durationMs: number;
}

/** An agent state; it lasts until the agent's next state. */
export interface AgentState extends AcdEventKey {
  readonly time: number;
}

/** A piece of the actual timeline. `eventCode`/`reasonCode` are `null` where no data gave Logoff. */
export interface ActualSegment {
  readonly start: number;
  readonly end: number;
  /** Mapped code id, or `UNMAPPED`. */
  readonly activityCodeId: string;
  readonly eventCode: string | null;
  readonly reasonCode: string | null;
}

export interface ActualTimelineInput {
  readonly window: TimeSpan;
  readonly reports: readonly ReportActivity[];
  readonly states: readonly AgentState[];
  readonly mappings: readonly EventMapping[];
  readonly source?: AdherenceSource;
}

interface RawPiece extends TimeSpan {
  readonly event: AcdEventKey | null;
}

/**
 * §3.1: the agent's actual timeline over `window`, as contiguous segments tiling it exactly.
 * Report activities are authoritative where they cover; an overlapped activity is cut at the
 * next one's start (the later start wins, and the cut one does not resume); states fill the rest.
 * @example buildActualTimeline({ window: { start: 0, end: 10 }, reports: [], states: [], mappings: [] })
 *   // → [{ start: 0, end: 10, activityCodeId: LOGOFF_CODE_ID, eventCode: null, reasonCode: null }]
 */
export function buildActualTimeline(input: ActualTimelineInput): ActualSegment[] {
  const source = input.source ?? 'REPORTS_THEN_STATES';
  const { window } = input;
  if (window.end <= window.start) return [];
  const statePieces = source === 'REPORTS_ONLY' ? [] : stateTimeline(input.states, window);
  const reportPieces = source === 'STATES_ONLY' ? [] : reportTimeline(input.reports, window);
  const pieces = overlay(statePieces, reportPieces, window);
  return pieces.map((p) => ({
    start: p.start,
    end: p.end,
    activityCodeId: p.event === null ? LOGOFF_CODE_ID : mapEvent(input.mappings, p.event),
    eventCode: p.event?.eventCode ?? null,
    reasonCode: p.event?.reasonCode ?? null,
  }));
}

/** Each state lasts until the next; a stable sort keeps input order for equal times (the later one wins). */
function stateTimeline(states: readonly AgentState[], window: TimeSpan): RawPiece[] {
  const sorted = [...states].sort((a, b) => a.time - b.time);
  const pieces: RawPiece[] = [];
  sorted.forEach((state, i) => {
    const end = Math.min(sorted[i + 1]?.time ?? window.end, window.end);
    const start = Math.max(state.time, window.start);
    if (start < end) pieces.push({ start, end, event: state });
  });
  return pieces;
}

function reportTimeline(reports: readonly ReportActivity[], window: TimeSpan): RawPiece[] {
  const sorted = [...reports].sort((a, b) => a.start - b.start);
  const pieces: RawPiece[] = [];
  sorted.forEach((report, i) => {
    const next = sorted[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    const start = Math.max(report.start, window.start);
    const end = Math.min(report.start + report.durationMs, next, window.end);
    if (start < end) pieces.push({ start, end, event: report });
  });
  return pieces;
}

/** Reports over states over Logoff. Both inputs are sorted and internally non-overlapping. */
function overlay(states: readonly RawPiece[], reports: readonly RawPiece[], window: TimeSpan): RawPiece[] {
  const cuts = new Set<number>([window.start, window.end]);
  for (const p of [...states, ...reports]) cuts.add(p.start).add(p.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: RawPiece[] = [];
  // Points ascend and each list is sorted and non-overlapping, so one cursor per list finds the
  // piece covering a point in amortised O(1) (a linear search per point was quadratic per agent-day).
  const cursor = { reports: 0, states: 0 };
  const at = (ps: readonly RawPiece[], key: 'reports' | 'states', t: number): RawPiece | undefined => {
    while (cursor[key] < ps.length && (ps[cursor[key]] as RawPiece).end <= t) cursor[key]++;
    const p = ps[cursor[key]];
    return p !== undefined && p.start <= t ? p : undefined;
  };
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const event = (at(reports, 'reports', start) ?? at(states, 'states', start))?.event ?? null;
    const last = out[out.length - 1];
    // Adjacent cuts of the same record are merged back so a record stays one segment.
    if (last !== undefined && last.event === event) out[out.length - 1] = { ...last, end };
    else out.push({ start, end, event });
  }
  return out;
}
