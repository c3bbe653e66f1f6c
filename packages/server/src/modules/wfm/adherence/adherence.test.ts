import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildActualTimeline, type AgentState } from './actual-timeline.js';
import { computeAdherenceDay, roundPercent, type AdherenceDayInput } from './adherence.js';
import { classifyWindow, forgiveShortOutRuns } from './classify.js';
import { DEFAULT_SU_THRESHOLDS, LOGIN_CODE_ID, LOGOFF_CODE_ID, type AdherenceRule, type EventMapping, type ScheduleSegment } from './model.js';
import { CODES, DAY_WINDOW, at } from './test-fixtures.js';

const MAPPINGS: EventMapping[] = [
  { eventCode: 'OPEN', reasonCode: '*', activityCodeId: 'open' },
  { eventCode: 'BREAK', reasonCode: '*', activityCodeId: 'break' },
  { eventCode: 'MEETING', reasonCode: '*', activityCodeId: 'meeting' },
  { eventCode: 'LOGOUT', reasonCode: '*', activityCodeId: LOGOFF_CODE_ID },
];
const state = (time: string, eventCode: string): AgentState => ({ time: at(time), eventCode, reasonCode: '' });
const seg = (start: string, end: string, activityCodeId: string): ScheduleSegment => ({ start: at(start), end: at(end), activityCodeId });
const thresholds = (exceptionThresholdSeconds: number) => ({ ...DEFAULT_SU_THRESHOLDS, exceptionThresholdSeconds });

function day(segments: ScheduleSegment[], states: AgentState[], extra: Partial<AdherenceDayInput> = {}) {
  const actual = buildActualTimeline({ window: DAY_WINDOW, reports: [], states, mappings: MAPPINGS });
  return computeAdherenceDay({ window: DAY_WINDOW, segments, actual, codes: CODES, rules: [], thresholds: thresholds(0), ...extra });
}

describe('§3.8 example 1: late start, late finish', () => {
  const result = day([seg('09:00', '17:00', 'open')], [state('09:30', 'OPEN'), state('17:30', 'LOGOUT')]);

  it('gives the day totals, one exception and 93.75 % / 100 %', () => {
    expect(result.day).toMatchObject({ scheduledMs: 28_800_000, outMs: 1_800_000, inMs: 27_000_000, unscheduledWorkedMs: 1_800_000 });
    expect(result.day.adherencePct).toBe(93.75);
    expect(result.day.conformancePct).toBe(100);
    expect(result.exceptions).toEqual([
      { start: at('09:00'), end: at('09:30'), durationSeconds: 1800, scheduledActivity: 'open', actualActivity: LOGOFF_CODE_ID, eventCode: null, reasonCode: null },
    ]);
  });

  it('gives 0 % in the 09:00 and 09:15 intervals and null with 900 s worked at 17:00 and 17:15', () => {
    const interval = (t: string) => result.intervals.find((i) => i.intervalStart === at(t));
    for (const t of ['09:00', '09:15']) expect(interval(t)).toMatchObject({ adherencePct: 0, conformancePct: 0 });
    for (const t of ['17:00', '17:15']) {
      expect(interval(t)).toMatchObject({ adherencePct: null, conformancePct: null, workedProductiveMs: 900_000, scheduledMs: 0 });
    }
    expect(interval('09:30')).toMatchObject({ adherencePct: 100, conformancePct: 100 });
    expect(result.intervals).toHaveLength(34); // 09:00–17:30
  });
});

describe('§3.8 example 2: break slip and a neutral rule', () => {
  const segments = [seg('08:00', '10:00', 'open'), seg('10:00', '10:15', 'break'), seg('10:15', '11:00', 'open'), seg('11:00', '12:00', 'training')];
  const states = [state('08:00', 'OPEN'), state('10:05', 'BREAK'), state('10:20', 'OPEN'), state('11:00', 'MEETING'), state('12:00', 'LOGOUT')];
  const rules: AdherenceRule[] = [{ scheduled: { activityCodeId: 'training' }, actual: { activityCodeId: 'meeting' }, adherence: 'NEUTRAL' }];

  it('with threshold 0: 94.44 %, conformance 100 %, two 300 s exceptions', () => {
    const { day: d, exceptions } = day(segments, states, { rules });
    expect(d).toMatchObject({ inMs: 10_200_000, outMs: 600_000, neutralMs: 3_600_000, scheduledMs: 14_400_000 });
    expect(d).toMatchObject({ scheduledProductiveMs: 9_900_000, workedProductiveMs: 9_900_000, conformancePct: 100 });
    expect(roundPercent(d.adherencePct)).toBe(94.44);
    expect(exceptions.map((e) => [e.start, e.durationSeconds, e.scheduledActivity, e.actualActivity])).toEqual([
      [at('10:00'), 300, 'break', 'open'],
      [at('10:15'), 300, 'open', 'break'],
    ]);
  });

  it('with the SU threshold at 360 s both runs are forgiven: 100 %, no exceptions', () => {
    const { day: d, exceptions } = day(segments, states, { rules, thresholds: thresholds(360) });
    expect(d).toMatchObject({ inMs: 10_800_000, outMs: 0, adherencePct: 100 });
    expect(exceptions).toEqual([]);
  });

  it("a rule's own exception threshold overrides the SU's for runs starting under it", () => {
    const strict: AdherenceRule = { scheduled: { category: 'BREAK' }, actual: { category: 'OPEN' }, adherence: 'OUT', exceptionThresholdSeconds: 0 };
    const { exceptions } = day(segments, states, { rules: [...rules, strict], thresholds: thresholds(360) });
    expect(exceptions.map((e) => e.start)).toEqual([at('10:00')]);
  });
});

describe('§3.8 example 3: overtime, a forgiven blip, a late event', () => {
  const segments = [seg('13:00', '15:00', 'open')];
  const states = [state('12:45', 'OPEN'), state('13:40', 'BREAK'), state('13:41:30', 'OPEN'), state('15:45', 'LOGOUT')];

  it('forgives the 90 s run: 100 %, no exception, conformance 148.75 %', () => {
    const { day: d, exceptions } = day(segments, states, { thresholds: thresholds(120) });
    expect(d).toMatchObject({ inMs: 7_200_000, outMs: 0, adherencePct: 100, workedProductiveMs: 10_710_000, unscheduledWorkedMs: 3_600_000 });
    expect(d.conformancePct).toBe(148.75);
    expect(exceptions).toEqual([]);
  });

  it('after the late states (Break 14:10, Open 14:25): one exception, 87.5 %, 136.25 %', () => {
    const late = [...states, state('14:10', 'BREAK'), state('14:25', 'OPEN')];
    const { day: d, exceptions } = day(segments, late, { thresholds: thresholds(120), now: at('16:10') });
    expect(exceptions.map((e) => [e.start, e.end, e.durationSeconds])).toEqual([[at('14:10'), at('14:25'), 900]]);
    expect(d).toMatchObject({ inMs: 6_300_000, adherencePct: 87.5, workedProductiveMs: 9_810_000, scheduledProductiveMs: 7_200_000 });
    expect(d.conformancePct).toBe(136.25);
  });
});

describe('classification details (§3.3)', () => {
  it('counts UNMAPPED under a schedule as neutral and unmapped', () => {
    const actual = buildActualTimeline({ window: DAY_WINDOW, reports: [], states: [state('09:00', 'WHAT')], mappings: MAPPINGS });
    const { day: d } = computeAdherenceDay({ window: DAY_WINDOW, segments: [seg('09:00', '10:00', 'open')], actual, codes: CODES, rules: [], thresholds: thresholds(0) });
    expect(d).toMatchObject({ neutralMs: 3_600_000, unmappedMs: 3_600_000, adherencePct: null });
  });

  it('makes scheduled time inside a neutral period neutral whatever the actual', () => {
    const { day: d } = day([seg('09:00', '10:00', 'open')], [], { neutralPeriods: [{ start: at('09:30'), end: at('11:00') }] });
    expect(d).toMatchObject({ outMs: 1_800_000, neutralMs: 1_800_000, adherencePct: 0 });
  });

  it('does not sum UNMAPPED as unmapped inside a neutral period (the first table row decides)', () => {
    const { day: d } = day([seg('09:00', '10:00', 'open')], [state('09:00', 'WHAT')], { neutralPeriods: [{ start: at('09:30'), end: at('10:00') }] });
    expect(d).toMatchObject({ neutralMs: 3_600_000, unmappedMs: 1_800_000 });
  });

  it('counts unscheduled open work as unscheduledWorked and other unscheduled time not at all', () => {
    const { day: d } = day([], [state('09:00', 'OPEN'), state('10:00', 'BREAK'), state('11:00', 'LOGOUT')]);
    expect(d).toMatchObject({ scheduledMs: 0, unscheduledWorkedMs: 3_600_000, workedProductiveMs: 3_600_000, adherencePct: null, conformancePct: null });
  });

  it("stops today's window at now", () => {
    const { day: d } = day([seg('09:00', '17:00', 'open')], [state('09:00', 'OPEN')], { now: at('10:00') });
    expect(d).toMatchObject({ scheduledMs: 3_600_000, inMs: 3_600_000 });
  });
});

describe('properties', () => {
  const codeIds = ['open', 'break', 'training', 'meeting', LOGOFF_CODE_ID, LOGIN_CODE_ID, 'UNMAPPED'];
  const minute = 60_000;
  // Random tilings of 09:00–13:00 on a minute grid, for the schedule (with gaps) and the actual.
  const tiling = (ids: string[]) =>
    fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom(...ids)), { minLength: 1, maxLength: 12 }).map((parts) => {
      let t = at('09:00');
      return parts.map(([len, id]) => ({ start: t, end: (t += len * minute), activityCodeId: id }));
    });
  const arbitraryDay = fc.record({
    segments: tiling(['open', 'break', 'training', 'gap']).map((s) => s.filter((x) => x.activityCodeId !== 'gap')),
    actual: tiling(codeIds).map((a) => a.map((x) => ({ ...x, eventCode: 'E', reasonCode: '' }))),
    thresholdSeconds: fc.integer({ min: 0, max: 1200 }),
    neutral: fc.option(fc.integer({ min: 0, max: 240 }).map((m) => ({ start: at('09:00') + m * minute, end: at('09:00') + (m + 30) * minute }))),
  });

  it('in + out + neutral = scheduled and adherence stays in [0, 100]', () => {
    fc.assert(
      fc.property(arbitraryDay, ({ segments, actual, thresholdSeconds, neutral }) => {
        const r = computeAdherenceDay({ window: DAY_WINDOW, segments, actual, neutralPeriods: neutral ? [neutral] : [], codes: CODES, rules: [], thresholds: thresholds(thresholdSeconds) });
        const scheduledTotal = segments.reduce((s, x) => s + x.end - x.start, 0);
        for (const m of [r.day, ...r.intervals]) {
          expect(m.inMs + m.outMs + m.neutralMs).toBe(m.scheduledMs);
          if (m.adherencePct !== null) expect(m.adherencePct >= 0 && m.adherencePct <= 100).toBe(true);
        }
        expect(r.day.scheduledMs).toBe(scheduledTotal);
        expect(r.exceptions.reduce((s, e) => s + e.durationSeconds * 1000, 0)).toBe(r.day.outMs);
      }),
    );
  });

  it('forgiving with threshold 0 changes nothing', () => {
    fc.assert(
      fc.property(arbitraryDay, ({ segments, actual }) => {
        const pieces = classifyWindow({ window: DAY_WINDOW, intervalMs: 900_000, segments, actual, neutralPeriods: [], codes: CODES, rules: [] });
        expect(forgiveShortOutRuns(pieces, 0)).toEqual(pieces);
      }),
    );
  });
});
