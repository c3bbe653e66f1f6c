import type { StoredQueueInterval } from '@floorplan/contracts';
import { describe, expect, it } from 'vitest';
import { actualByInterval, alignSeries } from './history';

const q = (windowStart: string, queueValue: string, paradigm: 'WCE' | 'TTI', contactsReceived: number, abandonedShort = 0) =>
  ({ windowStart, queueValue, paradigm, contactsReceived, abandonedShort }) as StoredQueueInterval;

describe('forecast history', () => {
  it('sums the skill queues of the paradigm, without short abandons', () => {
    const t = '2026-11-20T09:00:00.000Z';
    const m = actualByInterval([q(t, '8057', 'WCE', 10, 1), q(t, '8058', 'WCE', 5), q(t, '8057', 'TTI', 99), q(t, '9999', 'WCE', 7)], new Set(['8057', '8058']), 'WCE');
    expect([...m]).toEqual([[Date.parse(t) / 1000, 14]]);
  });

  it('aligns history and forecast on the union of interval starts', () => {
    const a = alignSeries(new Map([[100, 1], [200, 2]]), new Map([[200, 3], [300, 4]]));
    expect(a).toEqual({ x: [100, 200, 300], actual: [1, 2, null], forecast: [null, 3, 4] });
  });
});
