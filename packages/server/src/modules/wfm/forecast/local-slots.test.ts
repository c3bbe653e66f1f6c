import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localIntervalsOfDay, toLocalHistory, toUtcIntervals, type IntervalRow } from './local-slots.js';
import { addDays } from './series.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Reported rows for every real interval of `from … to`, contacts given by `value(i)`. */
function rowsFor(zone: string, from: string, to: string, value: (i: number) => number, minutes: 15 | 60 = 15): IntervalRow[] {
  const rows: IntervalRow[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    for (const { start } of localIntervalsOfDay(d, zone, minutes)) {
      const v = value(rows.length);
      rows.push({ intervalStart: iso(start), contacts: v, handled: v, handleSeconds: 300 * v, reported: true });
    }
  }
  return rows;
}

describe('local wall-clock slots and DST (spec §5.1)', () => {
  it.each([
    ['America/New_York', '2024-11-03', 15, 100],
    ['America/New_York', '2024-03-10', 15, 92],
    ['America/New_York', '2024-07-01', 15, 96],
    ['Europe/Berlin', '2024-10-27', 15, 100],
    ['Europe/Berlin', '2024-03-31', 15, 92],
    ['America/New_York', '2024-11-03', 60, 25],
    ['America/New_York', '2024-03-10', 60, 23],
    ['Asia/Kolkata', '2024-05-01', 60, 24],
  ] as const)('%s on %s has, at %i min, %i real intervals', (zone, date, minutes, count) => {
    expect(localIntervalsOfDay(date, zone, minutes)).toHaveLength(count);
  });

  it('fall back repeats 01:00–01:45 and spring forward skips 02:00–02:45 (New York)', () => {
    const fall = localIntervalsOfDay('2024-11-03', 'America/New_York', 15).map((x) => x.slot);
    expect(fall.slice(0, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7]);
    const spring = localIntervalsOfDay('2024-03-10', 'America/New_York', 15).map((x) => x.slot);
    expect(spring.slice(6, 10)).toEqual([6, 7, 12, 13]);
  });

  it('names a slot by its local start also when the offset is not a whole interval (Kolkata, 60 min)', () => {
    const day = localIntervalsOfDay('2024-05-01', 'Asia/Kolkata', 60);
    expect(day[0]).toEqual({ start: Date.parse('2024-04-30T19:00:00Z'), slot: 0 }); // 00:30 local
    expect(day[23]).toEqual({ start: Date.parse('2024-05-01T18:00:00Z'), slot: 23 }); // 23:30 local
  });

  it('folds a repeated slot to the mean of its two intervals and emits it twice', () => {
    const rows = rowsFor('America/New_York', '2024-11-03', '2024-11-03', (i) => i * 10);
    const { contacts, handleSeconds } = toLocalHistory(rows, { zone: 'America/New_York', intervalMinutes: 15, from: '2024-11-03', to: '2024-11-03' });
    expect(contacts.values).toHaveLength(96);
    // Intervals 4–7 are 01:00–01:45 EDT (40–70), 8–11 the same wall clock in EST (80–110).
    expect(contacts.values.slice(3, 9)).toEqual([30, 60, 70, 80, 90, 120]);
    expect(handleSeconds.values[4]).toBe(300 * 60);
    const back = toUtcIntervals(contacts);
    expect(back).toHaveLength(100);
    expect(back.map((b) => b.intervalStart)).toEqual(rows.map((r) => r.intervalStart));
    expect(back.slice(4, 12).map((b) => b.value)).toEqual([60, 70, 80, 90, 60, 70, 80, 90]);
  });

  it('interpolates a skipped slot for fitting and does not emit it', () => {
    const rows = rowsFor('America/New_York', '2024-03-10', '2024-03-10', (i) => i * 10);
    const { contacts } = toLocalHistory(rows, { zone: 'America/New_York', intervalMinutes: 15, from: '2024-03-10', to: '2024-03-10' });
    // Slot 7 (01:45) is interval 7 = 70, slot 12 (03:00) is interval 8 = 80: slots 8–11 step by 2.
    expect(contacts.values.slice(7, 13)).toEqual([70, 72, 74, 76, 78, 80]);
    const back = toUtcIntervals(contacts);
    expect(back).toHaveLength(92);
    expect(back.map((b) => b.value)).toEqual(rows.map((r) => r.contacts));
  });

  it('makes an unreported or absent interval missing and keeps a reported zero', () => {
    const rows = rowsFor('UTC', '2024-05-01', '2024-05-01', () => 0, 60);
    rows[3] = { ...rows[3]!, contacts: 5, reported: false };
    rows.splice(5, 1);
    const { contacts } = toLocalHistory(rows, { zone: 'UTC', intervalMinutes: 60, from: '2024-05-01', to: '2024-05-01' });
    expect(contacts.values.slice(0, 7)).toEqual([0, 0, 0, null, 0, null, 0]);
  });

  it('refuses a misaligned row and an unknown zone', () => {
    const row: IntervalRow = { intervalStart: '2024-05-01T10:07:00Z', contacts: 1, handled: 1, handleSeconds: 1, reported: true };
    expect(() => toLocalHistory([row], { zone: 'UTC', intervalMinutes: 15, from: '2024-05-01', to: '2024-05-01' })).toThrow(RangeError);
    expect(() => localIntervalsOfDay('2024-05-01', 'Mars/Olympus', 15)).toThrow(RangeError);
  });

  it('property: UTC → local → UTC round-trips, the repeated hour coming back as its means', () => {
    const cases = [
      ['America/New_York', '2024-10-31', '2024-11-06'],
      ['Europe/Paris', '2024-03-28', '2024-04-02'],
      ['Australia/Sydney', '2024-04-04', '2024-04-09'],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.array(fc.nat({ max: 500 }), { minLength: 700, maxLength: 700 }), ([zone, from, to], values) => {
        const rows = rowsFor(zone, from, to, (i) => values[i % 700]!);
        const local = toLocalHistory(rows, { zone, intervalMinutes: 15, from, to });
        const back = toUtcIntervals(local.contacts);
        expect(back.map((b) => b.intervalStart)).toEqual(rows.map((r) => r.intervalStart));
        // Each emitted value, in UTC order, is the mean of the real intervals sharing its local day and slot.
        const keys: string[] = [];
        for (let day: string = from, d = 0; day <= to; day = addDays(day, 1), d++) {
          for (const { slot } of localIntervalsOfDay(day, zone, 15)) keys.push(`${d}:${slot}`);
        }
        const groups = new Map<string, number[]>();
        keys.forEach((key, i) => groups.set(key, [...(groups.get(key) ?? []), rows[i]!.contacts]));
        const mean = (g: number[]) => g.reduce((a, b) => a + b, 0) / g.length;
        expect(back.map((b) => b.value)).toEqual(keys.map((key) => mean(groups.get(key)!)));
      }),
      { numRuns: 20 },
    );
  });
});
