import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityView, type ActivityRecord } from './activity-views.js';
import { at } from './test-fixtures.js';

// §3.8 example 3 (before the late states): Open 12:45–13:40, Break 13:40–13:41:30, Open 13:41:30–15:45.
const records: ActivityRecord[] = [
  { start: at('12:45'), end: at('13:40'), activityCodeId: 'open' },
  { start: at('13:40'), end: at('13:41:30'), activityCodeId: 'break' },
  { start: at('13:41:30'), end: at('15:45'), activityCodeId: 'open' },
];
const now = at('16:00');

describe('§3.5 activity view, §3.8 example 3', () => {
  it('WCE books Open 3 300 s and Break 90 s in 13:30 and the second Open, 7 410 s, in 15:30', () => {
    expect(activityView({ records, now })).toEqual([
      { intervalStart: at('13:30'), activityCodeId: 'break', seconds: 90 },
      { intervalStart: at('13:30'), activityCodeId: 'open', seconds: 3300 },
      { intervalStart: at('15:30'), activityCodeId: 'open', seconds: 7410 },
    ]);
  });

  it('TTI books the second Open as 210 s in 13:30 and 900 s in each interval 13:45–15:30', () => {
    const second = activityView({ records: records.slice(2), paradigm: 'TTI', now });
    const expected = [{ intervalStart: at('13:30'), activityCodeId: 'open', seconds: 210 }];
    for (let t = at('13:45'); t <= at('15:30'); t += 900_000) expected.push({ intervalStart: t, activityCodeId: 'open', seconds: 900 });
    expect(second).toEqual(expected);
  });

  it('WCE skips a running record; TTI books its elapsed part', () => {
    const running: ActivityRecord[] = [{ start: at('15:50'), end: null, activityCodeId: 'open' }];
    expect(activityView({ records: running, now: at('16:05') })).toEqual([]);
    expect(activityView({ records: running, paradigm: 'TTI', now: at('16:05') })).toEqual([
      { intervalStart: at('15:45'), activityCodeId: 'open', seconds: 600 },
      { intervalStart: at('16:00'), activityCodeId: 'open', seconds: 300 },
    ]);
  });

  it('WCE and TTI agree on the total of finished records', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 86_400 }), fc.integer({ min: 1, max: 20_000 }))), (spans) => {
        const rs = spans.map(([s, d]) => ({ start: at('00:00') + s * 1000, end: at('00:00') + (s + d) * 1000, activityCodeId: 'x' }));
        const total = (p: 'WCE' | 'TTI') => activityView({ records: rs, paradigm: p, now }).reduce((a, r) => a + r.seconds, 0);
        expect(total('TTI')).toBe(total('WCE'));
      }),
    );
  });
});
