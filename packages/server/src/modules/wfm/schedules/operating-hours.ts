import { DateTime } from 'luxon';
import { z } from 'zod';

/** An SU's operating hours as stored (§1.3): all day, or weekly windows in SU-local time. */
export const operatingHoursSchema = z.union([
  z.object({ allDay: z.literal(true) }),
  z.array(z.object({ weekday: z.number().int().min(1).max(7), open: z.string(), close: z.string() })),
]);
export type OperatingHours = z.infer<typeof operatingHoursSchema>;

const DAY_MS = 86_400_000;

/**
 * Whether `[start, end)` leaves the operating hours (§1.3: `24:00` allowed, close before open = the
 * next day). Only a warning at import, never an error.
 * @example isOutsideOperatingHours(start, end, [{ weekday: 1, open: '08:00', close: '18:00' }], 'Europe/Paris')
 */
export function isOutsideOperatingHours(start: number, end: number, hours: OperatingHours, zone: string): boolean {
  if (!Array.isArray(hours)) return false;
  const windows: { start: number; end: number }[] = [];
  // A window opened the day before may still be open at `start`.
  const first = DateTime.fromMillis(start - DAY_MS, { zone }).startOf('day');
  for (let day = first; day.toMillis() < end; day = day.plus({ days: 1 })) {
    for (const h of hours) {
      if (h.weekday !== day.weekday) continue;
      const open = at(day, h.open);
      let close = at(day, h.close);
      if (close <= open) close = at(day.plus({ days: 1 }), h.close);
      windows.push({ start: open, end: close });
    }
  }
  windows.sort((a, b) => a.start - b.start);
  let covered = start;
  for (const w of windows) {
    if (w.start <= covered && w.end > covered) covered = w.end;
    if (covered >= end) return false;
  }
  return covered < end;
}

function at(day: DateTime, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  // Wall-clock set, not elapsed hours: a DST day's 08:00 is still 08:00.
  return h === 24 ? day.plus({ days: 1 }).toMillis() : day.set({ hour: h, minute: m }).toMillis();
}
