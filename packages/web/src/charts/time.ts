// Wall-clock helpers for IANA zones with nothing but Intl: the console shows every time in the zone
// of the thing it belongs to (a skill, a scheduling unit), never the browser's.

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(utcMs: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year ?? 0, month: out.month ?? 1, day: out.day ?? 1, hour: (out.hour ?? 0) % 24, minute: out.minute ?? 0, second: out.second ?? 0 };
}

/** Offset of `timeZone` from UTC at the instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const w = wallClock(utcMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The UTC instant of local midnight starting `date` (YYYY-MM-DD) in `timeZone`. */
export function zonedMidnightUtc(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Two passes settle the offset also when midnight sits next to a DST change.
  let utc = guess - zoneOffsetMs(guess, timeZone);
  utc = guess - zoneOffsetMs(utc, timeZone);
  return utc;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local calendar date `YYYY-MM-DD` of the instant in `timeZone`. */
export function localDate(utcMs: number, timeZone: string): string {
  const w = wallClock(utcMs, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export function todayIn(timeZone: string): string {
  return localDate(Date.now(), timeZone);
}

/** Calendar arithmetic on `YYYY-MM-DD`, zone-free. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** `HH:mm` of the instant in `timeZone`. */
export function formatClock(utcMs: number, timeZone: string): string {
  const w = wallClock(utcMs, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** `YYYY-MM-DD HH:mm` of the instant in `timeZone`. */
export function formatDateTime(utcMs: number, timeZone: string): string {
  return `${localDate(utcMs, timeZone)} ${formatClock(utcMs, timeZone)}`;
}
