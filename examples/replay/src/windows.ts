// Report windows (spec §1.3, §4.5): pure arithmetic on epoch milliseconds, with the server's own rules.
import { DEFAULT_WINDOW_SKEW_S, intervalOfEnd } from '@floorplan/contracts';

/** How late after an aligned boundary a window may start and still be that boundary's (spec §1.3). */
export const WINDOW_SKEW_MS = DEFAULT_WINDOW_SKEW_S * 1000;

/**
 * The aligned start of the window a report row's `startDate` names, or null when it lies more than
 * 60 s after a boundary. The server normalises such a start down to the boundary, so rows of
 * 10:00:00 and 10:00:12 are the same window and travel in one report.
 *
 * @example
 * alignedWindowStart(Date.parse('2024-04-17T10:00:12Z'), 900_000); // Date.parse('2024-04-17T10:00:00Z')
 */
export function alignedWindowStart(startMs: number, intervalMs: number): number | null {
  const boundary = Math.floor(startMs / intervalMs) * intervalMs;
  return startMs - boundary <= WINDOW_SKEW_MS ? boundary : null;
}

/**
 * The start of the window an activity is booked in: the interval in which it ends, taken as
 * `(start, end]`, so an activity ending exactly at 10:30:00.000 belongs to 10:15–10:30 (spec §4.5).
 *
 * @example
 * activityWindowStart(Date.parse('2024-04-17T10:30:00Z'), 900_000); // Date.parse('2024-04-17T10:15:00Z')
 */
export function activityWindowStart(endMs: number, intervalMs: number): number {
  return intervalOfEnd(endMs, intervalMs / 60_000);
}

/** `2024-04-17T10:00:00Z`-style label of a window start (seconds precision, for messages). */
export const isoMinute = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
