import { describe, expect, it } from 'vitest';
import { DEFAULT_SU_THRESHOLDS, LOGIN_CODE_ID, LOGOFF_CODE_ID, type AdherenceRule } from './model.js';
import { evaluateRtaState, pairAdherence, type RtaInput } from './rules.js';
import { BREAK, CODES, MEETING, OPEN, TRAINING, at } from './test-fixtures.js';

const LOGIN = CODES.get(LOGIN_CODE_ID)!;
const LOGOFF = CODES.get(LOGOFF_CODE_ID)!;

const base: RtaInput = {
  now: at('09:10'),
  hasAcdLogin: true,
  connectionStatus: 'CONNECTED',
  actual: null,
  scheduleCovered: true,
  segments: [{ start: at('09:00'), end: at('17:00'), activityCodeId: 'open' }],
  codes: CODES,
  rules: [],
  thresholds: DEFAULT_SU_THRESHOLDS,
};
const actual = (activityCodeId: string, since = at('08:00')) => ({ activityCodeId, since });

describe('§2.2 evaluateRtaState, one test per step', () => {
  it('1. no ACD login → NOT_CALCULATED / NO_ACD_LOGIN (before a feed outage)', () => {
    expect(evaluateRtaState({ ...base, hasAcdLogin: false, connectionStatus: 'DISCONNECTED' })).toEqual({ state: 'NOT_CALCULATED', reason: 'NO_ACD_LOGIN' });
  });

  it('2. feed disconnected → FEED_DOWN (before an unmapped event)', () => {
    const r = evaluateRtaState({ ...base, connectionStatus: 'DISCONNECTED', actual: actual('UNMAPPED') });
    expect(r).toEqual({ state: 'NOT_CALCULATED', reason: 'FEED_DOWN' });
  });

  it('3. latest event unmapped → EVENT_UNMAPPED (before a missing schedule)', () => {
    const r = evaluateRtaState({ ...base, actual: actual('UNMAPPED'), scheduleCovered: false });
    expect(r).toEqual({ state: 'NOT_CALCULATED', reason: 'EVENT_UNMAPPED' });
  });

  it('4. no published schedule covers the date → NO_SCHEDULE', () => {
    expect(evaluateRtaState({ ...base, scheduleCovered: false })).toEqual({ state: 'NOT_CALCULATED', reason: 'NO_SCHEDULE' });
  });

  it('5. nothing scheduled now: Login/Logoff → IN, anything else → UNSCHEDULED', () => {
    const offShift = { ...base, now: at('18:00') };
    expect(evaluateRtaState({ ...offShift, actual: actual(LOGIN_CODE_ID) }).state).toBe('IN');
    expect(evaluateRtaState({ ...offShift, actual: null }).state).toBe('IN');
    expect(evaluateRtaState({ ...offShift, actual: actual('open') })).toEqual({ state: 'UNSCHEDULED', reason: 'NOTHING_SCHEDULED' });
  });

  it('6. pair rule, then category rule, then built-in, then default', () => {
    const pair: AdherenceRule = { scheduled: { activityCodeId: 'training' }, actual: { activityCodeId: 'meeting' }, adherence: 'NEUTRAL' };
    const category: AdherenceRule = { scheduled: { category: 'TRAINING' }, actual: { category: 'MEETING' }, adherence: 'IN' };
    expect(pairAdherence(TRAINING, MEETING, [category, pair])).toMatchObject({ adherence: 'NEUTRAL', source: 'PAIR_RULE' });
    expect(pairAdherence(TRAINING, MEETING, [category])).toMatchObject({ adherence: 'IN', source: 'CATEGORY_RULE' });
    expect(pairAdherence(TRAINING, MEETING, [])).toMatchObject({ adherence: 'OUT', source: 'DEFAULT_RULE' });
    // Built-ins: Login is IN only against an open code, Logoff always OUT …
    expect(pairAdherence(OPEN, LOGIN, [])).toMatchObject({ adherence: 'IN', source: 'BUILT_IN_RULE' });
    expect(pairAdherence(BREAK, LOGIN, [])).toMatchObject({ adherence: 'OUT', source: 'BUILT_IN_RULE' });
    expect(pairAdherence(BREAK, LOGOFF, [])).toMatchObject({ adherence: 'OUT', source: 'BUILT_IN_RULE' });
    // … and rank below rules, so a tenant may override them.
    const breakLogoff: AdherenceRule = { scheduled: { category: 'BREAK' }, actual: { category: 'OFFLINE' }, adherence: 'IN' };
    expect(pairAdherence(BREAK, LOGOFF, [breakLogoff]).adherence).toBe('IN');
    // Default: same code or both open.
    expect(pairAdherence(BREAK, BREAK, []).adherence).toBe('IN');
    expect(pairAdherence(OPEN, { id: 'chat', name: 'Chat', open: true, displayAs: 'BUSY' }, []).adherence).toBe('IN');
  });

  it('7. IN → IN, NEUTRAL → NEUTRAL, OUT → OUT_OPEN when S is open, else OUT', () => {
    const training = { ...base, segments: [{ start: at('09:00'), end: at('10:00'), activityCodeId: 'training' }] };
    const neutral: AdherenceRule = { scheduled: { activityCodeId: 'training' }, actual: { activityCodeId: 'meeting' }, adherence: 'NEUTRAL' };
    expect(evaluateRtaState({ ...base, actual: actual('open') })).toEqual({ state: 'IN', reason: 'DEFAULT_RULE' });
    expect(evaluateRtaState({ ...training, actual: actual('meeting'), rules: [neutral] })).toEqual({ state: 'NEUTRAL', reason: 'PAIR_RULE' });
    expect(evaluateRtaState({ ...training, actual: actual('open', at('09:08')) })).toMatchObject({ state: 'OUT', outKind: 'OUT', outSince: at('09:08') });
    expect(evaluateRtaState({ ...base, actual: actual('break', at('09:08')) })).toMatchObject({ state: 'OUT_OPEN', outKind: 'OUT_OPEN' });
  });

  it('8. SEVERE once now − outSince ≥ the alarm threshold; activity changes keep outSince', () => {
    const input = { ...base, actual: actual('break', at('09:04')), previousOutSince: at('09:00') };
    expect(evaluateRtaState({ ...input, now: at('09:04:59') })).toMatchObject({ state: 'OUT_OPEN', outSince: at('09:00'), severeAt: at('09:05') });
    expect(evaluateRtaState({ ...input, now: at('09:05') })).toMatchObject({ state: 'SEVERE', outKind: 'OUT_OPEN', severeAt: at('09:05') });
    // The rule's own alarm threshold wins over the SU's; 0 turns the alarm off.
    const rule: AdherenceRule = { scheduled: { category: 'OPEN' }, actual: { category: 'BREAK' }, adherence: 'OUT', alarmThresholdSeconds: 900 };
    expect(evaluateRtaState({ ...input, now: at('09:10'), rules: [rule] })).toMatchObject({ state: 'OUT_OPEN', severeAt: at('09:15') });
    const off = { ...input, now: at('12:00'), thresholds: { ...DEFAULT_SU_THRESHOLDS, alarmThresholdSeconds: 0 } };
    expect(evaluateRtaState(off)).toEqual({ state: 'OUT_OPEN', reason: 'DEFAULT_RULE', outKind: 'OUT_OPEN', outSince: at('09:00') });
  });

  it('reconstructs outSince through earlier out segments when none is carried', () => {
    const segments = [
      { start: at('08:00'), end: at('09:00'), activityCodeId: 'open' },
      { start: at('09:00'), end: at('09:15'), activityCodeId: 'training' },
    ];
    expect(evaluateRtaState({ ...base, segments, actual: actual('break', at('08:30')) })).toMatchObject({ outSince: at('08:30'), state: 'SEVERE', outKind: 'OUT' });
    expect(evaluateRtaState({ ...base, segments, actual: null })).toMatchObject({ outSince: at('08:00'), state: 'SEVERE' });
  });
});

describe('§3.8 example 1 in RTA', () => {
  it('is OUT_OPEN at 09:10 with Logoff actual and Open scheduled, SEVERE after the alarm threshold', () => {
    // With the default 300 s alarm the run from 09:00 is already severe at 09:10; a 900 s alarm shows OUT_OPEN.
    const slow = { ...base, thresholds: { ...DEFAULT_SU_THRESHOLDS, alarmThresholdSeconds: 900 } };
    expect(evaluateRtaState(slow)).toEqual({ state: 'OUT_OPEN', reason: 'BUILT_IN_RULE', outKind: 'OUT_OPEN', outSince: at('09:00'), severeAt: at('09:15') });
    expect(evaluateRtaState({ ...slow, now: at('09:15') })).toMatchObject({ state: 'SEVERE', outKind: 'OUT_OPEN' });
    expect(evaluateRtaState(base)).toMatchObject({ state: 'SEVERE', outKind: 'OUT_OPEN', severeAt: at('09:05') });
    expect(evaluateRtaState({ ...base, now: at('09:04') })).toMatchObject({ state: 'OUT_OPEN' });
    expect(evaluateRtaState({ ...base, now: at('09:30'), actual: actual('open', at('09:30')) }).state).toBe('IN');
  });
});
