import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookWce, floorToInterval, intervalOfEnd, splitTti, ttiContactIntervals, wceContactIntervals } from './intervals.js';

const at = (hhmmss: string) => Date.parse(`2024-04-17T${hhmmss}Z`);
const MIN = 60_000;

describe('floorToInterval and intervalOfEnd', () => {
  it.each([
    ['10:00:00', '10:00:00', '09:45:00'],
    ['10:07:30', '10:00:00', '10:00:00'],
    ['10:14:59.999', '10:00:00', '10:00:00'],
    ['10:15:00', '10:15:00', '10:00:00'],
    ['10:30:00', '10:30:00', '10:15:00'],
    ['10:30:00.001', '10:30:00', '10:30:00'],
  ])('%s starts in %s and, as an end, books into %s', (instant, floor, endInterval) => {
    expect(floorToInterval(at(instant), 15)).toBe(at(floor));
    expect(intervalOfEnd(at(instant), 15)).toBe(at(endInterval));
  });

  it('aligns every interval length to UTC boundaries', () => {
    expect(floorToInterval(at('10:07:00'), 5)).toBe(at('10:05:00'));
    expect(floorToInterval(at('10:47:00'), 30)).toBe(at('10:30:00'));
    expect(floorToInterval(at('10:47:00'), 60)).toBe(at('10:00:00'));
    expect(intervalOfEnd(at('11:00:00'), 60)).toBe(at('10:00:00'));
  });

  it('refuses a non-positive or fractional interval length', () => {
    expect(() => floorToInterval(0, 0)).toThrow(RangeError);
    expect(() => intervalOfEnd(0, 7.5)).toThrow(RangeError);
  });
});

describe('spec §6 check 11 and §4.5', () => {
  it('WCE books 10:10 + 1,800,000 ms as 30 minutes into 10:30–10:45 only', () => {
    expect(bookWce({ startMs: at('10:10:00'), durationMs: 1_800_000 }, 15)).toEqual({ intervalStart: at('10:30:00'), seconds: 1800 });
  });

  it('WCE books an activity ending exactly at 10:30:00.000 into 10:15–10:30', () => {
    expect(bookWce({ startMs: at('10:20:00'), durationMs: 10 * MIN }, 15)).toEqual({ intervalStart: at('10:15:00'), seconds: 600 });
  });

  it('TTI splits 10:10–10:40 into 5, 15 and 10 minutes', () => {
    expect(splitTti(at('10:10:00'), at('10:40:00'), 15)).toEqual([
      { intervalStart: at('10:00:00'), seconds: 300 },
      { intervalStart: at('10:15:00'), seconds: 900 },
      { intervalStart: at('10:30:00'), seconds: 600 },
    ]);
  });

  it('TTI omits an interval the span only touches, and an empty span books nothing', () => {
    expect(splitTti(at('10:00:00'), at('10:15:00'), 15)).toEqual([{ intervalStart: at('10:00:00'), seconds: 900 }]);
    expect(splitTti(at('10:05:00'), at('10:05:00'), 15)).toEqual([]);
    expect(() => splitTti(at('10:05:00'), at('10:04:00'), 15)).toThrow(RangeError);
  });
});

describe('spec §4.6 table: one inbound contact 09:10–09:40, answered at once', () => {
  const contact = { startMs: at('09:10:00'), endMs: at('09:40:00') };
  const intervals = [at('09:00:00'), at('09:15:00'), at('09:30:00')];
  /** Rows as in the spec: received / handled / active / handleTime, zeros where nothing is booked. */
  const table = (rows: ReturnType<typeof ttiContactIntervals>) =>
    intervals.map((start) => {
      const row = rows.find((r) => r.intervalStart === start);
      return row ? [row.received, row.handled, row.active, row.handleTime] : [0, 0, 0, 0];
    });

  it('TTI: 1/1/0/300, 0/0/1/900, 0/0/1/600 with workloads 0.33, 1.00, 0.67', () => {
    const rows = ttiContactIntervals(contact, 15);
    expect(table(rows)).toEqual([
      [1, 1, 0, 300],
      [0, 0, 1, 900],
      [0, 0, 1, 600],
    ]);
    expect(rows.map((r) => Number(r.workload.toFixed(2)))).toEqual([0.33, 1, 0.67]);
  });

  it('WCE: everything in 09:30 with 1800 s, workload 2.0', () => {
    const rows = wceContactIntervals(contact, 15);
    expect(table(rows)).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [1, 1, 0, 1800],
    ]);
    expect(rows[0]?.workload).toBe(2);
  });

  it('a contact of zero length is still received where it started', () => {
    expect(ttiContactIntervals({ startMs: at('09:10:00'), endMs: at('09:10:00') }, 15)).toEqual([
      { intervalStart: at('09:00:00'), received: 1, handled: 1, active: 0, handleTime: 0, workload: 0 },
    ]);
  });
});

describe('interval properties', () => {
  const minutes = fc.constantFrom(5, 15, 30, 60);
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
  const duration = fc.integer({ min: 0, max: 604_800_000 });

  it('the TTI split sums to the duration and stays within the span', () => {
    fc.assert(
      fc.property(instant, duration, minutes, (start, ms, m) => {
        const parts = splitTti(start, start + ms, m);
        const total = parts.reduce((sum, p) => sum + p.seconds, 0);
        expect(total).toBeCloseTo(ms / 1000, 6);
        for (const p of parts) {
          expect(p.seconds).toBeGreaterThan(0);
          expect(p.seconds).toBeLessThanOrEqual(m * 60);
          expect(p.intervalStart % (m * MIN)).toBe(0);
        }
        for (let i = 1; i < parts.length; i++) expect(parts[i]?.intervalStart).toBe((parts[i - 1]?.intervalStart ?? 0) + m * MIN);
      }),
    );
  });

  it('the WCE interval contains the end under (start, end] and gets the whole duration', () => {
    fc.assert(
      fc.property(instant, duration, minutes, (start, ms, m) => {
        const booked = bookWce({ startMs: start, durationMs: ms }, m);
        const end = start + ms;
        expect(booked.intervalStart).toBeLessThan(end);
        expect(end).toBeLessThanOrEqual(booked.intervalStart + m * MIN);
        expect(booked.intervalStart % (m * MIN)).toBe(0);
        expect(booked.seconds).toBe(ms / 1000);
      }),
    );
  });

  it('floorToInterval gives the aligned start of [start, end) and intervalOfEnd differs only on boundaries', () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => {
        const floor = floorToInterval(t, m);
        expect(floor <= t && t < floor + m * MIN).toBe(true);
        expect(intervalOfEnd(t, m)).toBe(t === floor ? floor - m * MIN : floor);
      }),
    );
  });

  it('TTI contact rows count the contact once and carry it in active afterwards', () => {
    fc.assert(
      fc.property(instant, duration, minutes, (start, ms, m) => {
        const rows = ttiContactIntervals({ startMs: start, endMs: start + ms }, m);
        expect(rows.reduce((s, r) => s + r.received, 0)).toBe(1);
        expect(rows[0]?.intervalStart).toBe(floorToInterval(start, m));
        expect(rows.slice(1).every((r) => r.active === 1 && r.received === 0)).toBe(true);
      }),
    );
  });
});
