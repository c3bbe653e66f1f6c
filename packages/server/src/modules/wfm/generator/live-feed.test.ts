import { describe, expect, it } from 'vitest';
import { activitiesEndingIn, createFeed, feedEvents, type FeedPlan } from './live-feed.js';
import { planSetup } from './plan-setup.js';

const plan: FeedPlan = { seed: 4, setup: planSetup({ seed: 4, agents: 8, skills: 2, timeZone: 'Europe/Paris' }), specialDays: [] };
// Wednesday 2026-03-04, 08:00–10:00 UTC (09:00–11:00 in Paris).
const from = Date.parse('2026-03-04T08:00:00Z');
const to = Date.parse('2026-03-04T10:00:00Z');
const events = feedEvents(plan, from, to);

describe('feedEvents', () => {
  it('is ordered by time and lies inside the window', () => {
    for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    for (const e of events) {
      expect(e.at).toBeGreaterThanOrEqual(from);
      expect(e.at).toBeLessThan(to);
    }
  });

  it('cut into any windows, sends exactly the events of one long window', () => {
    const cuts = [from, from + 7 * 60_000 + 123, from + 15 * 60_000 + 2000, from + 61 * 60_000, to];
    const pieces = cuts.slice(1).flatMap((end, i) => feedEvents(plan, cuts[i]!, end));
    expect(pieces).toEqual(events);
  });

  it('sends a queue report 2 s after each window closes, then an activity report at 4 s', () => {
    const queue = events.filter((e) => e.kind === 'queueReport');
    const activity = events.filter((e) => e.kind === 'activityReport');
    expect(queue.map((e) => new Date(e.at).toISOString())).toEqual(
      ['08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45'].map((t) => `2026-03-04T${t}:02.000Z`),
    );
    expect(activity.map((e) => e.at - 2000)).toEqual(queue.map((e) => e.at));
    const first = queue[0]!;
    // The window 07:45–08:00 closed just before `from`: its report is due at 08:00:02.
    expect(first.kind === 'queueReport' && first.report.startDate).toBe('2026-03-04T07:45:00.000Z');
    expect(first.kind === 'queueReport' && first.report.reportData?.queueReport?.map((r) => r.queueValue)).toEqual(['8057', '8058']);
  });

  it('emits contact-level states of logged-in agents with consistent activities', () => {
    const states = events.filter((e) => e.kind === 'state');
    const codes = new Set(states.map((e) => (e.kind === 'state' ? e.state.eventCode : '')));
    expect(codes.has('Inbound') && codes.has('ACW') && codes.has('Available')).toBe(true);
    for (const e of events) {
      if (e.kind !== 'activityReport') continue;
      const start = Date.parse(e.report.startDate as string);
      const end = Date.parse(e.report.endDate as string);
      for (const agent of e.report.reportData ?? []) {
        for (const a of agent.agentActivity ?? []) {
          const stop = Date.parse(a.startTime as string) + (a.duration as number);
          expect(stop).toBeGreaterThan(start);
          expect(stop).toBeLessThanOrEqual(end);
        }
      }
    }
  });
});

describe('activitiesEndingIn', () => {
  it('books each span to the window of its end and never a span after LoggedOut', () => {
    const t = (m: number) => Date.parse('2026-03-04T08:00:00Z') + m * 60_000;
    const states = [
      { at: t(1), eventCode: 'LoggedIn', reasonCode: '' },
      { at: t(2), eventCode: 'Available', reasonCode: '' },
      { at: t(15), eventCode: 'Unavailable', reasonCode: 'Break' },
      { at: t(20), eventCode: 'LoggedOut', reasonCode: '' },
      { at: t(40), eventCode: 'LoggedIn', reasonCode: '' },
    ];
    expect(activitiesEndingIn(states, t(0), t(15))).toEqual([
      { state: 'LoggedIn', reason: '', startTime: '2026-03-04T08:01:00.000Z', duration: 60_000 },
      { state: 'Available', reason: '', startTime: '2026-03-04T08:02:00.000Z', duration: 13 * 60_000 },
    ]);
    expect(activitiesEndingIn(states, t(15), t(30))).toEqual([{ state: 'Unavailable', reason: 'Break', startTime: '2026-03-04T08:15:00.000Z', duration: 5 * 60_000 }]);
    expect(activitiesEndingIn(states, t(30), t(45))).toEqual([]);
  });
});

describe('createFeed', () => {
  it('gives the same events as feedEvents when asked window after window', () => {
    const feed = createFeed(plan);
    const step = 5 * 60_000;
    const pieces = [];
    for (let t = from; t < to; t += step) pieces.push(...feed.events(t, t + step));
    expect(pieces).toEqual(events);
  });
});
