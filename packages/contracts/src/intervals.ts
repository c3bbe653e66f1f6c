// Interval bucketing (ingestion spec §4.5, §4.6), shared by the server's ingestion and adherence, the
// SDK and its tools. Instants are epoch milliseconds, intervals
// are named by their start, and all boundaries are UTC multiples of the interval length.

/** Seconds booked into one interval. */
export interface IntervalSeconds {
  /** Start of the interval, epoch ms. */
  intervalStart: number;
  seconds: number;
}

/** One interval's share of a contact, in the columns of the spec §4.6 table. */
export interface ContactIntervalRow {
  intervalStart: number;
  received: number;
  handled: number;
  active: number;
  /** Seconds of handle time booked into this interval. */
  handleTime: number;
  /** `handleTime` divided by the interval length: the agents this contact kept busy. */
  workload: number;
}

function lengthMs(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes <= 0) throw new RangeError(`interval length must be a positive whole number of minutes, got ${minutes}`);
  return minutes * 60_000;
}

function checkSpan(startMs: number, endMs: number): void {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) throw new RangeError(`invalid span ${startMs}..${endMs}`);
}

/**
 * Start of the half-open interval `[start, end)` containing `ms`: where a state or contact *starts*.
 *
 * @example
 * floorToInterval(Date.parse('2024-04-17T10:07:00Z'), 15); // 10:00
 */
export function floorToInterval(ms: number, minutes: number): number {
  const length = lengthMs(minutes);
  return Math.floor(ms / length) * length;
}

/**
 * Start of the interval an activity *ending* at `endMs` is booked into. End-booking uses `(start, end]`,
 * so an activity ending exactly on a boundary belongs to the interval that boundary closes.
 *
 * @example
 * intervalOfEnd(Date.parse('2024-04-17T10:30:00Z'), 15); // 10:15
 */
export function intervalOfEnd(endMs: number, minutes: number): number {
  const length = lengthMs(minutes);
  return Math.ceil(endMs / length) * length - length;
}

/**
 * WCE booking of an activity: its whole duration goes to the interval in which it ends, never split.
 *
 * @example
 * bookWce({ startMs: Date.parse('2024-04-17T10:10:00Z'), durationMs: 1_800_000 }, 15);
 * // → { intervalStart: 10:30, seconds: 1800 }
 */
export function bookWce(activity: { startMs: number; durationMs: number }, minutes: number): IntervalSeconds {
  checkSpan(activity.startMs, activity.startMs + activity.durationMs);
  return { intervalStart: intervalOfEnd(activity.startMs + activity.durationMs, minutes), seconds: activity.durationMs / 1000 };
}

/**
 * TTI split of `[startMs, endMs)`: the seconds it overlaps each interval, in time order, omitting
 * intervals it only touches. An empty span gives `[]`.
 *
 * @example
 * splitTti(Date.parse('2024-04-17T10:10:00Z'), Date.parse('2024-04-17T10:40:00Z'), 15);
 * // → [{ 10:00, 300 }, { 10:15, 900 }, { 10:30, 600 }]
 */
export function splitTti(startMs: number, endMs: number, minutes: number): IntervalSeconds[] {
  checkSpan(startMs, endMs);
  const length = lengthMs(minutes);
  const parts: IntervalSeconds[] = [];
  for (let at = floorToInterval(startMs, minutes); at < endMs; at += length) {
    const overlap = Math.min(endMs, at + length) - Math.max(startMs, at);
    if (overlap > 0) parts.push({ intervalStart: at, seconds: overlap / 1000 });
  }
  return parts;
}

/**
 * Per-interval TTI rows for one contact answered at once (spec §4.6): received and handled where it
 * started, handle time split by overlap, `active` in every later interval it is still in progress at.
 *
 * @example
 * ttiContactIntervals({ startMs: 09:10, endMs: 09:40 }, 15);
 * // → 09:00 1/1/0/300, 09:15 0/0/1/900, 09:30 0/0/1/600
 */
export function ttiContactIntervals(contact: { startMs: number; endMs: number }, minutes: number): ContactIntervalRow[] {
  const intervalSeconds = lengthMs(minutes) / 1000;
  const parts = splitTti(contact.startMs, contact.endMs, minutes);
  // A zero-length contact still counts as received where it started.
  const booked = parts.length > 0 ? parts : [{ intervalStart: floorToInterval(contact.startMs, minutes), seconds: 0 }];
  return booked.map((part, i) => ({
    intervalStart: part.intervalStart,
    received: i === 0 ? 1 : 0,
    handled: i === 0 ? 1 : 0,
    active: i === 0 ? 0 : 1,
    handleTime: part.seconds,
    workload: part.seconds / intervalSeconds,
  }));
}

/**
 * The WCE row for one contact answered at once: everything in the interval where it ended.
 *
 * @example
 * wceContactIntervals({ startMs: 09:10, endMs: 09:40 }, 15); // → [09:30 1/1/0/1800]
 */
export function wceContactIntervals(contact: { startMs: number; endMs: number }, minutes: number): ContactIntervalRow[] {
  const { intervalStart, seconds } = bookWce({ startMs: contact.startMs, durationMs: contact.endMs - contact.startMs }, minutes);
  return [{ intervalStart, received: 1, handled: 1, active: 0, handleTime: seconds, workload: seconds / (lengthMs(minutes) / 1000) }];
}
