import { describe, expect, it } from 'vitest';
import { ahtForecast } from './aht-forecast.js';

// Two slots a day, two weeks, N = 2 (weights 2 for the latest week, 1 for the one before).
function history() {
  const handled = Array<number | null>(28).fill(0);
  const seconds = Array<number | null>(28).fill(0);
  const put = (day: number, slot: number, c: number, h: number) => {
    handled[day * 2 + slot] = c;
    seconds[day * 2 + slot] = h;
  };
  put(0, 0, 10, 3000); // weekday 0, slot 0: 30 handled in the window → its own AHT
  put(7, 0, 20, 8000);
  put(0, 1, 1, 100); // weekday 0, slot 1: 3 handled → the weekday's day-level AHT
  put(7, 1, 2, 400);
  put(1, 0, 1, 500); // weekday 1: 4 handled in the whole day → the skill's overall AHT
  put(8, 0, 1, 700);
  put(1, 1, 1, 200);
  put(8, 1, 1, 200);
  return { handled, seconds };
}

describe('AHT forecast (spec §5.4)', () => {
  it('weighs handle seconds and handled by WHI weights, then falls back by weekday, then overall', () => {
    const { handled, seconds } = history();
    const aht = ahtForecast(handled, seconds, { slotsPerDay: 2, weeks: 2, horizonDays: 7 });
    const overall = (2 * 9300 + 3800) / (2 * 24 + 13); // 367.21
    expect(aht[0]).toBeCloseTo((2 * 8000 + 3000) / (2 * 20 + 10), 12); // 380, not the unweighted 366.7
    expect(aht[1]).toBeCloseTo((2 * 8400 + 3100) / (2 * 22 + 11), 12); // weekday 0: 361.82
    expect(aht[2]).toBeCloseTo(overall, 12);
    expect(aht[3]).toBeCloseTo(overall, 12);
    for (let i = 4; i < 14; i++) expect(aht[i]).toBeCloseTo(overall, 12);
  });

  it('skips slots with a missing side and gives null without any handled contact', () => {
    const { handled, seconds } = history();
    handled[14] = null; // week 2's 20 contacts of weekday 0 slot 0 are unknown
    const aht = ahtForecast(handled, seconds, { slotsPerDay: 2, weeks: 2, horizonDays: 1 });
    expect(aht[0]).toBeCloseTo(3000 / 10, 12);
    expect(ahtForecast(Array(28).fill(0), Array(28).fill(0), { slotsPerDay: 2, horizonDays: 1 })).toEqual([null, null]);
  });

  it('honours a different minimum', () => {
    const { handled, seconds } = history();
    const aht = ahtForecast(handled, seconds, { slotsPerDay: 2, weeks: 2, horizonDays: 1, minHandled: 3 });
    expect(aht[1]).toBeCloseTo((2 * 400 + 100) / (2 * 2 + 1), 12);
  });
});
