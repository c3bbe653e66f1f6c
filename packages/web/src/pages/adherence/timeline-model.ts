import type { AdherenceActivityRow, AdherenceExceptionRow as AdherenceException } from '@floorplan/contracts';

// Pure layout of the agent-day drill-down: turns the schedule, the TTI activity view and the
// exceptions into bars on one time range (epoch ms). No I/O, no DOM.

export interface CodeInfo {
  name: string;
  color: string;
}

export interface Bar {
  start: number;
  end: number;
  label: string;
  color: string;
}

export interface TimelineModel {
  start: number;
  end: number;
  scheduled: Bar[];
  actual: Bar[];
  exceptions: (Bar & { scheduled: string; actual: string })[];
  intervalMs: number;
}

export interface ScheduledSegmentIn {
  activityCodeId: string;
  start: string;
  end: string;
}

const UNMAPPED_COLOR = '#9e9e9e';
const DEFAULT_INTERVAL_MS = 15 * 60_000;

function codeInfo(codes: ReadonlyMap<string, CodeInfo>, id: string, fallbackName: string): CodeInfo {
  return codes.get(id) ?? { name: id === 'UNMAPPED' ? 'Unmapped' : fallbackName, color: UNMAPPED_COLOR };
}

/** The interval length of the activity view: the smallest gap between its interval starts. */
export function inferIntervalMs(starts: readonly number[]): number {
  const sorted = [...new Set(starts)].sort((a, b) => a - b);
  let best = Infinity;
  for (let i = 1; i < sorted.length; i++) best = Math.min(best, sorted[i]! - sorted[i - 1]!);
  return Number.isFinite(best) && best > 0 ? Math.min(best, 60 * 60_000) : DEFAULT_INTERVAL_MS;
}

/**
 * The TTI view books, per interval, the seconds of each actual code that overlapped it. Within an
 * interval the codes are laid side by side in the order of their first appearance that day, so a
 * whole-interval activity is one continuous bar and a change inside an interval shows as a split.
 */
export function actualBars(rows: readonly AdherenceActivityRow[], codes: ReadonlyMap<string, CodeInfo>, intervalMs: number): Bar[] {
  const byInterval = new Map<number, AdherenceActivityRow[]>();
  const order = new Map<string, number>();
  const sorted = [...rows].sort((a, b) => Date.parse(a.intervalStart) - Date.parse(b.intervalStart));
  for (const row of sorted) {
    const t = Date.parse(row.intervalStart);
    if (!order.has(row.activityCodeId)) order.set(row.activityCodeId, order.size);
    const list = byInterval.get(t) ?? [];
    list.push(row);
    byInterval.set(t, list);
  }
  const bars: Bar[] = [];
  for (const [t, list] of byInterval) {
    list.sort((a, b) => (order.get(a.activityCodeId) ?? 0) - (order.get(b.activityCodeId) ?? 0));
    let cursor = t;
    for (const row of list) {
      const ms = Math.min(row.seconds * 1000, t + intervalMs - cursor);
      if (ms <= 0) continue;
      const info = codeInfo(codes, row.activityCodeId, row.activity);
      const prev = bars[bars.length - 1];
      // Merge with the previous slice when the same code simply continues.
      if (prev && prev.end === cursor && prev.label === info.name) prev.end = cursor + ms;
      else bars.push({ start: cursor, end: cursor + ms, label: info.name, color: info.color });
      cursor += ms;
    }
  }
  return bars;
}

export function buildTimeline(input: {
  dayStart: number;
  dayEnd: number;
  segments: readonly ScheduledSegmentIn[];
  activities: readonly AdherenceActivityRow[];
  exceptions: readonly AdherenceException[];
  codes: ReadonlyMap<string, CodeInfo>;
}): TimelineModel {
  const scheduled = input.segments
    .map((s) => {
      const info = codeInfo(input.codes, s.activityCodeId, s.activityCodeId);
      return { start: Date.parse(s.start), end: Date.parse(s.end), label: info.name, color: info.color };
    })
    .sort((a, b) => a.start - b.start);
  const intervalMs = inferIntervalMs(input.activities.map((a) => Date.parse(a.intervalStart)));
  const actual = actualBars(input.activities, input.codes, intervalMs);
  const exceptions = input.exceptions.map((e) => ({
    start: Date.parse(e.start),
    end: Date.parse(e.end),
    label: `${e.scheduledActivity} scheduled, ${e.actualActivity} actual`,
    color: '#c62828',
    scheduled: e.scheduledActivity,
    actual: e.actualActivity,
  }));
  // The agent day may reach past local midnight (a night shift), so the range covers every bar.
  const all = [...scheduled, ...actual, ...exceptions];
  const start = Math.min(input.dayStart, ...all.map((b) => b.start));
  const end = Math.max(input.dayEnd, ...all.map((b) => b.end));
  return { start, end, scheduled, actual, exceptions, intervalMs };
}

/** Hour ticks (epoch ms) across the range, every `stepHours`, aligned to the zone's whole hours. */
export function hourTicks(start: number, end: number, offsetAt: (t: number) => number, stepHours: number): number[] {
  const hour = 3_600_000;
  const ticks: number[] = [];
  let t = Math.ceil(start / hour) * hour;
  for (; t <= end; t += hour) {
    const localHour = Math.floor((t + offsetAt(t)) / hour) % 24;
    // Zones with a half-hour offset: whole local hours fall on :30 UTC; shift them in.
    const misalign = (t + offsetAt(t)) % hour;
    const tick = t - misalign;
    if (tick >= start && tick <= end && localHour % stepHours === 0) ticks.push(tick);
  }
  return ticks;
}
