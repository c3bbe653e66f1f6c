import { describe, expect, it } from 'vitest';
import { buildActualTimeline, type ActualTimelineInput, type AgentState, type ReportActivity } from './actual-timeline.js';
import { LOGOFF_CODE_ID, mapEvent, type EventMapping } from './model.js';
import { at } from './test-fixtures.js';

const MAPPINGS: EventMapping[] = [
  { eventCode: 'AUX', reasonCode: '*', activityCodeId: 'break' },
  { eventCode: 'AUX', reasonCode: '7', activityCodeId: 'meeting' },
  { eventCode: 'READY', reasonCode: '', activityCodeId: 'open' },
];
const window = { start: at('09:00'), end: at('11:00') };
const st = (t: string, eventCode: string, reasonCode = ''): AgentState => ({ time: at(t), eventCode, reasonCode });
const rep = (t: string, minutes: number, eventCode: string, reasonCode = ''): ReportActivity => ({ start: at(t), durationMs: minutes * 60_000, eventCode, reasonCode });
const codes = (input: Partial<ActualTimelineInput>) =>
  buildActualTimeline({ window, reports: [], states: [], mappings: MAPPINGS, ...input }).map((s) => [s.start, s.end, s.activityCodeId]);

describe('§1.6 mapEvent', () => {
  it('prefers the exact reason, then `*`, else UNMAPPED; codes compare case-sensitively', () => {
    expect(mapEvent(MAPPINGS, { eventCode: 'AUX', reasonCode: '7' })).toBe('meeting');
    expect(mapEvent(MAPPINGS, { eventCode: 'AUX', reasonCode: '3' })).toBe('break');
    expect(mapEvent(MAPPINGS, { eventCode: 'READY', reasonCode: 'x' })).toBe('UNMAPPED');
    expect(mapEvent(MAPPINGS, { eventCode: 'aux', reasonCode: '3' })).toBe('UNMAPPED');
  });

  it('prefers a source-specific mapping over an any-source one', () => {
    const ms: EventMapping[] = [...MAPPINGS, { source: 'acd2', eventCode: 'AUX', reasonCode: '*', activityCodeId: 'lunch' }];
    expect(mapEvent(ms, { source: 'acd2', eventCode: 'AUX', reasonCode: '7' })).toBe('lunch');
    expect(mapEvent(ms, { source: 'acd1', eventCode: 'AUX', reasonCode: '7' })).toBe('meeting');
  });
});

describe('§3.1 buildActualTimeline', () => {
  it('reads no data as Logoff and each state as lasting until the next', () => {
    expect(codes({ states: [st('09:30', 'READY'), st('10:00', 'AUX', '7'), st('10:30', 'NOPE')] })).toEqual([
      [at('09:00'), at('09:30'), LOGOFF_CODE_ID],
      [at('09:30'), at('10:00'), 'open'],
      [at('10:00'), at('10:30'), 'meeting'],
      [at('10:30'), at('11:00'), 'UNMAPPED'],
    ]);
  });

  it('carries the state in force at the window start', () => {
    expect(codes({ states: [st('08:00', 'READY')] })).toEqual([[at('09:00'), at('11:00'), 'open']]);
  });

  it('lets reports win where they cover and states fill the rest (REPORTS_THEN_STATES)', () => {
    const input = { states: [st('09:00', 'READY')], reports: [rep('09:30', 15, 'AUX')] };
    expect(codes(input)).toEqual([
      [at('09:00'), at('09:30'), 'open'],
      [at('09:30'), at('09:45'), 'break'],
      [at('09:45'), at('11:00'), 'open'],
    ]);
    expect(codes({ ...input, source: 'STATES_ONLY' })).toEqual([[at('09:00'), at('11:00'), 'open']]);
    expect(codes({ ...input, source: 'REPORTS_ONLY' })).toEqual([
      [at('09:00'), at('09:30'), LOGOFF_CODE_ID],
      [at('09:30'), at('09:45'), 'break'],
      [at('09:45'), at('11:00'), LOGOFF_CODE_ID],
    ]);
  });

  it('cuts an overlapped report at the later start, which wins', () => {
    const reports = [rep('09:00', 60, 'READY'), rep('09:20', 10, 'AUX')];
    expect(codes({ reports, source: 'REPORTS_ONLY' })).toEqual([
      [at('09:00'), at('09:20'), 'open'],
      [at('09:20'), at('09:30'), 'break'],
      [at('09:30'), at('11:00'), LOGOFF_CODE_ID],
    ]);
  });

  it('keeps the event and reason codes for exceptions', () => {
    const [first] = buildActualTimeline({ window, reports: [], states: [st('09:00', 'AUX', '3')], mappings: MAPPINGS });
    expect(first).toEqual({ start: at('09:00'), end: at('11:00'), activityCodeId: 'break', eventCode: 'AUX', reasonCode: '3' });
  });
});
