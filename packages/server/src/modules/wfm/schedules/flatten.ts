import type { ScheduleSegment } from '../adherence/model.js';

/** A published segment before flattening: its code's priority decides overlaps (lower wins). */
export interface PrioritisedSegment extends ScheduleSegment {
  readonly priority: number;
}

/**
 * Flattening (§1.8): at each instant the covering segment with the lowest priority number wins;
 * adjacent pieces of the same code merge. Ties (rejected at import) go to the earlier start.
 * @example flattenSegments([{ start: 0, end: 8, activityCodeId: 'open', priority: 5 }, { start: 2, end: 3, activityCodeId: 'break', priority: 2 }]).length === 3
 */
export function flattenSegments(segments: readonly PrioritisedSegment[]): ScheduleSegment[] {
  const bounds = [...new Set(segments.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const ordered = [...segments].sort((a, b) => a.priority - b.priority || a.start - b.start);
  const out: ScheduleSegment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] as number;
    const end = bounds[i + 1] as number;
    const winner = ordered.find((s) => s.start <= start && end <= s.end);
    if (winner === undefined) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.end === start && last.activityCodeId === winner.activityCodeId) {
      out[out.length - 1] = { start: last.start, end, activityCodeId: last.activityCodeId };
    } else {
      out.push({ start, end, activityCodeId: winner.activityCodeId });
    }
  }
  return out;
}

/**
 * Shifts (§1.8): maximal contiguous covered stretches of a flattened schedule.
 * @example shiftsOf([{ start: 0, end: 2, activityCodeId: 'a' }, { start: 2, end: 3, activityCodeId: 'b' }]) // → [{ start: 0, end: 3 }]
 */
export function shiftsOf(flat: readonly ScheduleSegment[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of flat) {
    const last = out[out.length - 1];
    if (last !== undefined && last.end === s.start) last.end = s.end;
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
