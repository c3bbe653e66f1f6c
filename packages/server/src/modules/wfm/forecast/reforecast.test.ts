import { describe, expect, it } from 'vitest';
import { dampedRatio, dampingPerInterval, reforecast } from './reforecast.js';

const day = (value: number, length = 96) => new Array<number>(length).fill(value);

describe('re-forecast (spec §4.3, §9 check 20)', () => {
  it('reproduces the worked example: ΣA = 880, ΣF = 800 → r = 1.1; h = 1, 4, 16 → 109.50, 108.15, 104.40', () => {
    const result = reforecast({ intervalMinutes: 15, forecastContacts: day(100), actualContacts: day(110, 8) });
    expect(result.ratio).toBeCloseTo(1.1, 12);
    const k = 8;
    expect(result.contacts[k - 1 + 1]!.toFixed(2)).toBe('109.50');
    expect(result.contacts[k - 1 + 4]!.toFixed(2)).toBe('108.15');
    expect(result.contacts[k - 1 + 16]!.toFixed(2)).toBe('104.40');
    expect(result.contacts[k - 1 + 4]).toBeCloseTo(100 * (1 + 0.1 * 0.95 ** 4), 12);
  });

  it('leaves closed intervals at their forecast', () => {
    const result = reforecast({ intervalMinutes: 15, forecastContacts: day(100), actualContacts: day(110, 8) });
    expect(result.contacts.slice(0, 8)).toEqual(day(100, 8));
  });

  it('changes nothing while ΣF < 30', () => {
    const forecast = [10, 10, 9, 50, 50, 50];
    const result = reforecast({ intervalMinutes: 15, forecastContacts: forecast, actualContacts: [40, 40, 40] });
    expect(result.ratio).toBe(1);
    expect(result.contacts).toEqual(forecast);
  });

  it('uses the ratio as soon as ΣF reaches 30', () => {
    expect(dampedRatio(45, 30, 30)).toBe(1.5);
  });

  it('clamps r to [0.5, 2]', () => {
    expect(dampedRatio(1000, 100, 100)).toBe(2);
    expect(dampedRatio(10, 100, 100)).toBe(0.5);
    const result = reforecast({ intervalMinutes: 15, forecastContacts: day(100, 4), actualContacts: [500] });
    expect(result.contacts[1]).toBeCloseTo(100 * (1 + 1 * 0.95), 12);
  });

  it('damps per interval as φ^(I/15): 30-minute intervals fade twice as fast per step', () => {
    expect(dampingPerInterval(15)).toBe(0.95);
    expect(dampingPerInterval(30)).toBeCloseTo(0.9025, 15);
    expect(dampingPerInterval(60)).toBeCloseTo(0.95 ** 4, 15);
    expect(dampingPerInterval(5)).toBeCloseTo(0.95 ** (1 / 3), 15);
    const result = reforecast({ intervalMinutes: 30, forecastContacts: day(100, 48), actualContacts: day(110, 4), phi: 0.95 });
    // h = 2 half hours is one hour after the last closed interval: φ^4 per hour.
    expect(result.contacts[5]).toBeCloseTo(100 * (1 + 0.1 * 0.95 ** 4), 12);
  });

  it('re-forecasts AHT with q = actual seconds / (forecast AHT · handled)', () => {
    const result = reforecast({
      intervalMinutes: 15,
      forecastContacts: day(100, 6),
      actualContacts: [100, 100],
      forecastAht: [300, 300, 300, 300, null, 300],
      actualHandled: [20, 20],
      actualHandleSeconds: [7200, 7200],
    });
    expect(result.ratio).toBe(1);
    expect(result.ahtRatio).toBeCloseTo(1.2, 12);
    expect(result.aht).toEqual([300, 300, 300 * (1 + 0.2 * 0.95), expect.closeTo(300 * (1 + 0.2 * 0.95 ** 2), 9), null, expect.closeTo(300 * (1 + 0.2 * 0.95 ** 4), 9)]);
  });

  it('keeps AHT while Σ handled < 30', () => {
    const result = reforecast({ intervalMinutes: 15, forecastContacts: day(100, 4), actualContacts: [100], forecastAht: [300, 300, 300, 300], actualHandled: [29], actualHandleSeconds: [29 * 600] });
    expect(result.ahtRatio).toBe(1);
    expect(result.aht).toEqual([300, 300, 300, 300]);
  });

  it('re-forecasts the whole day from its first interval when none is closed', () => {
    const result = reforecast({ intervalMinutes: 15, forecastContacts: day(100, 4), actualContacts: [] });
    expect(result.ratio).toBe(1);
    expect(result.contacts).toEqual(day(100, 4));
  });
});
