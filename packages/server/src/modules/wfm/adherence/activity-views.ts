import { intervalOfEnd, splitTti } from '@floorplan/contracts';

export type ActivityParadigm = 'WCE' | 'TTI';

/** An activity record of the actual timeline; `end` `null` while it is still running. */
export interface ActivityRecord {
  readonly start: number;
  readonly end: number | null;
  readonly activityCodeId: string;
}

/** Seconds of one code in one interval (ms-exact sums divided by 1 000, never rounded here). */
export interface ActivityIntervalRow {
  readonly intervalStart: number;
  readonly activityCodeId: string;
  readonly seconds: number;
}

export interface ActivityViewInput {
  readonly records: readonly ActivityRecord[];
  readonly paradigm?: ActivityParadigm;
  /** Interval length `I` in ms (default 900 000), aligned to UTC multiples. */
  readonly intervalMs?: number;
  /** Running records' elapsed part (TTI) is measured up to here. */
  readonly now: number;
}

/**
 * §3.5 activity durations by interval and code. `WCE` (default) books a finished record's whole
 * duration in the interval holding its end, an end instant belonging to `(s, s+I]` (§0), and skips
 * running records; `TTI` splits by exact overlap and books the elapsed part of running records.
 * @example activityView({ records: [{ start: at('13:41:30'), end: at('15:45'), activityCodeId: 'open' }], now })
 *   // → [{ intervalStart: at('15:30'), activityCodeId: 'open', seconds: 7410 }]
 */
export function activityView(input: ActivityViewInput): ActivityIntervalRow[] {
  const minutes = (input.intervalMs ?? 900_000) / 60_000;
  // Rows in order of first booking, found by interval then code (no string key built per booking).
  const rows: { intervalStart: number; activityCodeId: string; ms: number }[] = [];
  const totals = new Map<number, Map<string, (typeof rows)[number]>>();
  const book = (intervalStart: number, activityCodeId: string, ms: number): void => {
    if (ms <= 0) return;
    let byCode = totals.get(intervalStart);
    if (byCode === undefined) {
      byCode = new Map();
      totals.set(intervalStart, byCode);
    }
    let row = byCode.get(activityCodeId);
    if (row === undefined) {
      row = { intervalStart, activityCodeId, ms: 0 };
      byCode.set(activityCodeId, row);
      rows.push(row);
    }
    row.ms += ms;
  };
  for (const r of input.records) {
    if ((input.paradigm ?? 'WCE') === 'WCE') {
      if (r.end === null) continue;
      book(intervalOfEnd(r.end, minutes), r.activityCodeId, r.end - r.start);
      continue;
    }
    const end = r.end ?? input.now;
    if (end <= r.start) continue;
    for (const part of splitTti(r.start, end, minutes)) book(part.intervalStart, r.activityCodeId, part.seconds * 1000);
  }
  return rows
    .sort((a, b) => a.intervalStart - b.intervalStart || a.activityCodeId.localeCompare(b.activityCodeId))
    .map(({ intervalStart, activityCodeId, ms }) => ({ intervalStart, activityCodeId, seconds: ms / 1000 }));
}
