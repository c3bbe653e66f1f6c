// AHT forecast (spec §5.4): per slot of the week, WHI-weighted handle seconds over WHI-weighted
// handled contacts, a ratio of sums. Thin slots (night hours) fall back to the weekday's day-level
// AHT, then to the skill's overall AHT, because a handful of contacts gives a noisy average.
import { latestSameSlotOfWeek, type SlotValues } from './whi.js';

export interface AhtForecastOptions {
  slotsPerDay: number;
  /** `N`, history weeks (default 8). */
  weeks?: number;
  horizonDays: number;
  /** Handled contacts a slot (then a weekday) needs in the window to stand on its own (default 5). */
  minHandled?: number;
}

interface Sums {
  seconds: number;
  handled: number;
  /** Unweighted handled contacts, for the minimum. */
  raw: number;
}

const empty = (): Sums => ({ seconds: 0, handled: 0, raw: 0 });

function add(sums: Sums, omega: number, handled: number, seconds: number): void {
  sums.seconds += omega * seconds;
  sums.handled += omega * handled;
  sums.raw += handled;
}

/**
 * AHT in seconds per horizon slot; `null` only when the window holds no handled contact at all.
 *
 * @example
 * ahtForecast(handled, handleSeconds, { slotsPerDay: 96, horizonDays: 28 })[40]; // e.g. 312.4
 */
export function ahtForecast(handled: SlotValues, handleSeconds: SlotValues, options: AhtForecastOptions): (number | null)[] {
  const s1 = options.slotsPerDay;
  const s2 = 7 * s1;
  const weeks = options.weeks ?? 8;
  const minHandled = options.minHandled ?? 5;
  const n = handled.length;
  if (handleSeconds.length !== n || n % s1 !== 0) throw new RangeError('handled and handle seconds must be the same whole days');
  const pair = (i: number): [number, number] | null => {
    const c = handled[i];
    const h = handleSeconds[i];
    return c === null || c === undefined || h === null || h === undefined ? null : [c, h];
  };

  // Weekday and overall sums over the window, each slot weighted by its week (1 = latest).
  const byWeekday = Array.from({ length: 7 }, empty);
  const overall = empty();
  for (let i = Math.max(0, n - weeks * s2); i < n; i++) {
    const p = pair(i);
    if (!p) continue;
    const omega = weeks + 1 - (Math.floor((n - 1 - i) / s2) + 1);
    add(byWeekday[Math.floor(i / s1) % 7]!, omega, ...p);
    add(overall, omega, ...p);
  }

  const out: (number | null)[] = [];
  for (let k = 0; k < options.horizonDays * s1; k++) {
    const t = n + k;
    const slot = empty();
    const latest = latestSameSlotOfWeek(t, s2, n);
    for (let w = 1; w <= weeks && latest - (w - 1) * s2 >= 0; w++) {
      const p = pair(latest - (w - 1) * s2);
      if (p) add(slot, weeks + 1 - w, ...p);
    }
    const weekday = byWeekday[Math.floor(t / s1) % 7]!;
    const chosen = [slot, weekday].find((s) => s.raw >= minHandled && s.handled > 0) ?? overall;
    out.push(chosen.handled > 0 ? chosen.seconds / chosen.handled : null);
  }
  return out;
}
