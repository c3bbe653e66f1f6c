/** Replay speed: as fast as delivery allows, or event time compressed by a factor (`60x`: 1 h in 1 min). */
export type Speed = { kind: 'max' } | { kind: 'factor'; factor: number };

/**
 * Parses `max` or `<n>x` (`1x` is real time, `60x` plays an hour in a minute, `0.5x` slows down).
 *
 * @example
 * parseSpeed('60x'); // { kind: 'factor', factor: 60 }
 */
export function parseSpeed(text: string): Speed {
  const t = text.trim().toLowerCase();
  if (t === 'max') return { kind: 'max' };
  const m = /^(\d+(?:\.\d+)?)x$/.exec(t);
  const factor = m ? Number(m[1]) : NaN;
  if (!(factor > 0) || !Number.isFinite(factor)) throw new Error(`speed must be "max" or a positive factor like "60x", got "${text}"`);
  return { kind: 'factor', factor };
}

/** When each item is due, on the wall clock. */
export interface Schedule {
  /** Wall time (epoch ms) at which an item of event time `eventMs` is due. */
  dueAt(eventMs: number): number;
}

/**
 * The pacing of a replay: an item is due `(eventMs − firstEventMs) / factor` after the start; at
 * `max` everything is due at once. A state's event time is its `eventUtcTime`; a report window's is
 * its end, since an ACD can only report a window once it has closed.
 *
 * @example
 * const s = createSchedule(1_000, Date.parse('2024-04-17T08:00:00Z'), { kind: 'factor', factor: 60 });
 * s.dueAt(Date.parse('2024-04-17T09:00:00Z')); // 61_000: an hour later in event time, a minute later on the wall
 */
export function createSchedule(startWallMs: number, firstEventMs: number, speed: Speed): Schedule {
  if (speed.kind === 'max') return { dueAt: () => startWallMs };
  return { dueAt: (eventMs) => startWallMs + Math.max(0, eventMs - firstEventMs) / speed.factor };
}
