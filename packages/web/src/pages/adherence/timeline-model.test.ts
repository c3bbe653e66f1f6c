import type { AdherenceActivityRow } from '@floorplan/contracts';
import { describe, expect, it } from 'vitest';
import { actualBars, buildTimeline, inferIntervalMs, type CodeInfo } from './timeline-model';

const codes = new Map<string, CodeInfo>([
  ['open', { name: 'Open', color: '#2E7D32' }],
  ['break', { name: 'Break', color: '#F9A825' }],
]);
const row = (intervalStart: string, activityCodeId: string, seconds: number): AdherenceActivityRow => ({
  employeeId: '00000000-0000-4000-8000-0000000000aa',
  date: '2026-11-20',
  intervalStart,
  activityCodeId,
  activity: activityCodeId,
  seconds,
});
const at = (iso: string) => Date.parse(iso);

describe('actual bars from the TTI view', () => {
  it('merges whole intervals of one code and splits an interval shared by two codes', () => {
    const rows = [row('2026-11-20T09:00:00Z', 'open', 900), row('2026-11-20T09:15:00Z', 'open', 600), row('2026-11-20T09:15:00Z', 'break', 300), row('2026-11-20T09:30:00Z', 'break', 900)];
    const bars = actualBars(rows, codes, 900_000);
    expect(bars.map((b) => [b.label, new Date(b.start).toISOString(), new Date(b.end).toISOString()])).toEqual([
      ['Open', '2026-11-20T09:00:00.000Z', '2026-11-20T09:25:00.000Z'],
      ['Break', '2026-11-20T09:25:00.000Z', '2026-11-20T09:45:00.000Z'],
    ]);
  });

  it('names unknown codes from the row and UNMAPPED as Unmapped, in grey', () => {
    const bars = actualBars([row('2026-11-20T09:00:00Z', 'UNMAPPED', 900), row('2026-11-20T09:15:00Z', 'gone', 900)], codes, 900_000);
    expect(bars.map((b) => [b.label, b.color])).toEqual([
      ['Unmapped', '#9e9e9e'],
      ['gone', '#9e9e9e'],
    ]);
  });

  it('infers the interval from the gaps between starts, 15 minutes by default', () => {
    expect(inferIntervalMs([at('2026-11-20T09:00:00Z'), at('2026-11-20T09:30:00Z'), at('2026-11-20T10:30:00Z')])).toBe(1_800_000);
    expect(inferIntervalMs([at('2026-11-20T09:00:00Z')])).toBe(900_000);
  });
});

describe('the agent-day timeline', () => {
  it('spans the local day and stretches to cover a shift past midnight', () => {
    const model = buildTimeline({
      dayStart: at('2026-11-19T23:00:00Z'),
      dayEnd: at('2026-11-20T23:00:00Z'),
      segments: [{ activityCodeId: 'open', start: '2026-11-20T20:00:00Z', end: '2026-11-21T04:00:00Z' }],
      activities: [],
      exceptions: [
        {
          employeeId: '00000000-0000-4000-8000-0000000000aa',
          employeeName: 'Ann',
          date: '2026-11-20',
          start: '2026-11-20T20:00:00Z',
          end: '2026-11-20T20:10:00Z',
          durationSeconds: 600,
          scheduledActivityId: 'open',
          scheduledActivity: 'Open',
          actualActivityId: 'logoff',
          actualActivity: 'Logoff',
          eventCode: null,
          reasonCode: null,
        },
      ],
      codes,
    });
    expect(model.start).toBe(at('2026-11-19T23:00:00Z'));
    expect(model.end).toBe(at('2026-11-21T04:00:00Z'));
    expect(model.scheduled).toHaveLength(1);
    expect(model.exceptions[0]).toMatchObject({ scheduled: 'Open', actual: 'Logoff' });
  });
});
