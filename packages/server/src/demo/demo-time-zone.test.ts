import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { demoTimeZone } from './demo-time-zone.js';

describe('demoTimeZone', () => {
  it('keeps an explicit zone', () => {
    expect(demoTimeZone('Europe/Paris', Date.now())).toBe('Europe/Paris');
  });

  it('auto: a valid zone where it is a staffed weekday hour, whatever the UTC day and hour', () => {
    // Monday 16 to Sunday 22 November 2026, every hour.
    for (let day = 16; day <= 22; day++) {
      for (let h = 0; h < 24; h++) {
        const now = Date.UTC(2026, 10, day, h, 30);
        const zone = demoTimeZone('auto', now);
        expect(IANAZone.isValidZone(zone), zone).toBe(true);
        const local = DateTime.fromMillis(now, { zone });
        const reachable = [...Array(27).keys()].some((i) => {
          const l = DateTime.fromMillis(now + (i - 12) * 3_600_000, { zone: 'UTC' });
          return l.weekday <= 5 && l.hour >= 9 && l.hour < 15;
        });
        if (reachable) {
          expect(local.weekday, `${day} ${h}:30 UTC in ${zone}`).toBeLessThanOrEqual(5);
          expect(local.hour).toBeGreaterThanOrEqual(9);
          expect(local.hour).toBeLessThan(15);
        } else {
          expect(Math.abs(local.hour + local.minute / 60 - 11)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('auto: late on a Sunday in UTC, it is Monday morning east of the date line', () => {
    expect(demoTimeZone('auto', Date.parse('2026-11-22T22:30:00Z'))).toBe('Etc/GMT-12');
    expect(demoTimeZone('auto', Date.parse('2026-11-18T21:00:00Z'))).toBe('Etc/GMT+10');
  });
});
