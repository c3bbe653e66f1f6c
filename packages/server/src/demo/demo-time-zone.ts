/** Local hour the `auto` zone aims the first start at: mid-morning, the floor fully staffed until evening. */
const TARGET_HOUR = 11;
/** Local hours that count as "staffed" when a weekday is only reachable a little off the target. */
const STAFFED = { from: 9, to: 15 };

/**
 * The time zone to generate the demo in. `auto` picks the whole-hour UTC offset (`Etc/GMT±n`, no
 * DST, UTC−12…UTC+14) where it is now a weekday between 09:00 and 15:00, closest to 11:00, so a demo
 * first started at any hour has agents at work and a board that moves (weekend floors are thin). When
 * no weekday is in reach (Saturday around midday UTC), the offset closest to 11:00 wins. Any other
 * value is used as it is (an IANA zone).
 *
 * @example
 * demoTimeZone('auto', Date.parse('2026-11-18T21:00:00Z')) // → 'Etc/GMT+10' (a Wednesday, 11:00 at UTC−10)
 * demoTimeZone('auto', Date.parse('2026-11-22T22:30:00Z')) // → 'Etc/GMT-12' (Sunday in UTC, Monday 10:30 at UTC+12)
 */
export function demoTimeZone(setting: string, nowMs: number): string {
  if (setting !== 'auto') return setting;
  let best: { offset: number; score: number } | null = null;
  for (let offset = -12; offset <= 14; offset++) {
    const local = new Date(nowMs + offset * 3_600_000);
    const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
    const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
    const staffed = weekday && hour >= STAFFED.from && hour < STAFFED.to;
    // Staffed weekdays first, then nearness to the target hour.
    const score = (staffed ? 0 : 100) + Math.abs(hour - TARGET_HOUR);
    if (best === null || score < best.score) best = { offset, score };
  }
  const offset = best?.offset ?? 0;
  // POSIX sign: Etc/GMT-3 is UTC+3.
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
