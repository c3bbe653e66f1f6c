import { describe, expect, it } from 'vitest';
import { isoWeekdayOf, datesBetween } from './local-time.js';
import { INTERVAL_MS, planQueueDay, planSpecialDays } from './plan-queue-history.js';
import { planSetup } from './plan-setup.js';

const zone = 'Europe/Paris';
const setup = planSetup({ seed: 5, agents: 50, skills: 3, timeZone: zone });
const sales = setup.skills[0]!;
const dates = datesBetween('2026-01-05', '2026-03-01'); // 8 weeks, Monday to Sunday
const specials = planSpecialDays(dates);
const days = new Map(dates.map((d) => [d, planQueueDay(5, sales, d, zone, specials)]));
const total = (d: string) => days.get(d)!.reduce((n, r) => n + r.row.contactsReceived, 0);

describe('planQueueDay', () => {
  it('is the same for the same seed', () => {
    expect(planQueueDay(5, sales, '2026-01-07', zone, specials)).toEqual(days.get('2026-01-07'));
    expect(planQueueDay(6, sales, '2026-01-07', zone, specials)).not.toEqual(days.get('2026-01-07'));
  });

  it('covers the local day in 15-minute UTC windows, 92 on the spring DST day', () => {
    const day = days.get('2026-01-07')!;
    expect(day).toHaveLength(96);
    expect(new Date(day[0]!.start).toISOString()).toBe('2026-01-06T23:00:00.000Z');
    for (let i = 1; i < day.length; i++) expect(day[i]!.start - day[i - 1]!.start).toBe(INTERVAL_MS);
    expect(planQueueDay(5, sales, '2026-03-29', zone, [])).toHaveLength(92);
  });

  it('keeps the counts consistent: handled + abandoned = received, SL from the short-handled share', () => {
    for (const day of days.values()) {
      for (const { row } of day) {
        expect(row.handledShort + row.handledLong + row.abandonedShort + row.abandonedLong).toBe(row.contactsReceived);
        for (const v of [row.handledShort, row.handledLong, row.abandonedShort, row.abandonedLong, row.handleTime, row.workTime, row.queueDelayTime]) {
          expect(v).toBeGreaterThanOrEqual(0);
        }
        const offered = row.contactsReceived - row.abandonedShort;
        expect(row.svcLvlPct).toBe(offered > 0 ? Math.round((10000 * row.handledShort) / offered) / 100 : 0);
      }
    }
    const all = [...days.values()].flat().map((r) => r.row);
    const sum = (f: (r: (typeof all)[number]) => number) => all.reduce((n, r) => n + f(r), 0);
    const handled = sum((r) => r.handledShort + r.handledLong);
    // Abandons ~3 %, service level ~82 %, AHT ~300 s.
    expect(sum((r) => r.abandonedShort + r.abandonedLong) / sum((r) => r.contactsReceived)).toBeCloseTo(0.03, 2);
    expect(sum((r) => r.handledShort) / handled).toBeGreaterThan(0.78);
    expect(sum((r) => r.handledShort) / handled).toBeLessThan(0.86);
    expect(sum((r) => r.handleTime + r.workTime) / handled).toBeGreaterThan(290);
    expect(sum((r) => r.handleTime + r.workTime) / handled).toBeLessThan(310);
  });

  it('has the weekday and intraday shape: Monday busiest, Sunday quietest, a morning peak', () => {
    const byWeekday = [1, 2, 3, 4, 5, 6, 7].map((w) => {
      const ds = dates.filter((d) => isoWeekdayOf(d) === w && !specials.some((s) => s.date === d));
      return ds.reduce((n, d) => n + total(d), 0) / ds.length;
    });
    expect(byWeekday.indexOf(Math.max(...byWeekday))).toBe(0);
    expect(byWeekday.indexOf(Math.min(...byWeekday))).toBe(6);
    // Wednesday ≈ the planned daily volume.
    expect(byWeekday[2]! / sales.dailyVolume).toBeGreaterThan(0.95);
    expect(byWeekday[2]! / sales.dailyVolume).toBeLessThan(1.05);
    const wednesday = days.get('2026-01-14')!;
    const at = (hhmm: string) => wednesday.find((r) => new Date(r.start).toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }) === hhmm)!.row.contactsReceived;
    expect(at('10:30')).toBeGreaterThan(3 * at('07:30'));
    expect(at('03:00')).toBeLessThan(at('10:30') / 10);
  });

  it('plans a spike and a quiet day on weekdays and generates them', () => {
    expect(specials).toEqual([
      { date: '2026-01-23', factor: 1.8, label: 'Campaign' },
      { date: '2026-02-11', factor: 0.35, label: 'Public holiday' },
    ]);
    const sameWeekday = (d: string) => dates.filter((x) => isoWeekdayOf(x) === isoWeekdayOf(d) && x !== d);
    const mean = (ds: string[]) => ds.reduce((n, d) => n + total(d), 0) / ds.length;
    expect(total('2026-01-23') / mean(sameWeekday('2026-01-23'))).toBeGreaterThan(1.6);
    expect(total('2026-02-11') / mean(sameWeekday('2026-02-11'))).toBeLessThan(0.45);
  });
});
