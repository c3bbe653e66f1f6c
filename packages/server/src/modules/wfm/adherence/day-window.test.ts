import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentDayInputHash, computeAgentDay, type AgentDayInput } from './agent-day.js';
import { addDays, agentDayWindow, datesBetween, localDateOf } from './day-window.js';
import { createActivityCatalog, DEFAULT_SU_THRESHOLDS, type ScheduleSegment } from './model.js';

const at = (iso: string) => Date.parse(iso);
const seg = (start: string, end: string, activityCodeId = 'open'): ScheduleSegment => ({ start: at(start), end: at(end), activityCodeId });

describe('agentDayWindow (§3.2)', () => {
  it('is the local calendar day without shifts crossing midnight', () => {
    expect(agentDayWindow('2026-03-02', 'Europe/Paris', [seg('2026-03-02T08:00:00Z', '2026-03-02T16:00:00Z')])).toEqual({
      start: at('2026-03-01T23:00:00Z'),
      end: at('2026-03-02T23:00:00Z'),
    });
  });

  it('extends to the end of a night shift starting on D and starts D+1 after it', () => {
    const night = [seg('2026-03-02T22:00:00Z', '2026-03-03T06:00:00Z'), seg('2026-03-03T22:00:00Z', '2026-03-04T02:00:00Z')];
    expect(agentDayWindow('2026-03-02', 'UTC', night)).toEqual({ start: at('2026-03-02T00:00:00Z'), end: at('2026-03-03T06:00:00Z') });
    expect(agentDayWindow('2026-03-03', 'UTC', night)).toEqual({ start: at('2026-03-03T06:00:00Z'), end: at('2026-03-04T02:00:00Z') });
  });

  it('keeps the 23-hour day of a DST change', () => {
    const w = agentDayWindow('2026-03-29', 'Europe/Paris', []);
    expect(w.end - w.start).toBe(23 * 3_600_000);
  });

  it('tiles time exactly over consecutive days whatever the shifts (property)', () => {
    const shift = fc.tuple(fc.integer({ min: 0, max: 6 * 24 * 4 }), fc.integer({ min: 1, max: 16 * 4 }));
    fc.assert(
      fc.property(fc.array(shift, { maxLength: 8 }), fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'), (raw, zone) => {
        // Non-overlapping 15-minute-grid shifts over a week, separated by at least 15 minutes.
        const base = at('2026-03-02T00:00:00Z');
        const q = 900_000;
        const segments: ScheduleSegment[] = [];
        let cursor = base;
        for (const [gap, length] of raw) {
          const start = Math.max(cursor + q, base + gap * q);
          segments.push({ start, end: start + length * q, activityCodeId: 'open' });
          cursor = start + length * q;
        }
        const dates = datesBetween('2026-03-01', '2026-03-10');
        const windows = dates.map((d) => agentDayWindow(d, zone, segments));
        for (let i = 0; i + 1 < windows.length; i++) expect(windows[i]?.end).toBe(windows[i + 1]?.start);
        for (const w of windows) expect(w.end).toBeGreaterThan(w.start);
        // Every shift lies inside the window of the local date it starts on.
        for (const s of segments) {
          const w = windows[dates.indexOf(localDateOf(s.start, zone))];
          if (w === undefined) continue;
          expect(s.start).toBeGreaterThanOrEqual(w.start);
          expect(s.end).toBeLessThanOrEqual(w.end);
        }
      }),
    );
  });

  it('counts dates across month ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(datesBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});

describe('computeAgentDay and its input hash', () => {
  const setup = {
    codes: createActivityCatalog([{ id: 'open', name: 'Open', open: true, displayAs: 'OPEN' }]),
    mappings: [{ eventCode: 'Avail', reasonCode: '*', activityCodeId: 'open' }],
    rules: [],
    intervalMs: 900_000,
    source: 'REPORTS_THEN_STATES' as const,
  };
  const input: AgentDayInput = {
    employeeId: 'e',
    date: '2026-03-02',
    schedulingUnitId: 'su',
    thresholds: DEFAULT_SU_THRESHOLDS,
    window: { start: at('2026-03-02T00:00:00Z'), end: at('2026-03-03T00:00:00Z') },
    now: at('2026-03-05T00:00:00Z'),
    hasLogin: true,
    covered: true,
    segments: [seg('2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z')],
    states: [{ time: at('2026-03-02T09:15:00Z'), eventCode: 'Avail', reasonCode: '' }],
    reports: [],
    neutralPeriods: [],
  };

  it('gives the reasons of days not calculated, login first', () => {
    expect(computeAgentDay(setup, { ...input, hasLogin: false, covered: false }).notCalculatedReason).toBe('NO_ACD_LOGIN');
    const noSchedule = computeAgentDay(setup, { ...input, covered: false });
    expect(noSchedule.notCalculatedReason).toBe('NO_SCHEDULE');
    expect(noSchedule.day).toBeNull();
    // The actual time is known all the same: WCE books the running Avail at the window end.
    expect(noSchedule.activities.filter((a) => a.paradigm === 'WCE')).toEqual([
      { paradigm: 'WCE', intervalStart: at('2026-03-02T23:45:00Z'), activityCodeId: 'open', ms: 53_100_000 },
    ]);
  });

  it('computes the day and changes the hash exactly when an input changes', () => {
    const r = computeAgentDay(setup, input);
    expect(r.day).toMatchObject({ scheduledMs: 3_600_000, inMs: 2_700_000, outMs: 900_000 });
    const h = agentDayInputHash('s', input);
    expect(agentDayInputHash('s', { ...input })).toBe(h);
    expect(agentDayInputHash('s', { ...input, now: at('2026-03-06T00:00:00Z') })).toBe(h);
    expect(agentDayInputHash('s2', input)).not.toBe(h);
    expect(agentDayInputHash('s', { ...input, neutralPeriods: [{ start: 1, end: 2 }] })).not.toBe(h);
    expect(agentDayInputHash('s', { ...input, now: at('2026-03-02T12:00:00Z') })).not.toBe(h);
  });
});
