import { describe, expect, it } from 'vitest';
import { datesBetween } from './local-time.js';
import { planAgentDay } from './plan-agent-history.js';
import { GENERATED_CODES, planSetup } from './plan-setup.js';
import { planSchedules } from './plan-schedules.js';

const zone = 'Europe/Paris';
const setup = planSetup({ seed: 9, agents: 40, skills: 2, timeZone: zone });
const dates = datesBetween('2026-02-02', '2026-03-01');
const days = planSchedules(9, setup.employees, dates, zone);
const worked = days.filter((d) => d.segments.length > 0);
const actuals = worked.map((d) => ({ day: d, states: planAgentDay(9, d, GENERATED_CODES) }));

describe('planAgentDay', () => {
  it('is the same for the same seed', () => {
    expect(worked.map((d) => planAgentDay(9, d, GENERATED_CODES))).toEqual(actuals.map((a) => a.states));
    expect(worked.map((d) => planAgentDay(10, d, GENERATED_CODES))).not.toEqual(actuals.map((a) => a.states));
  });

  it('gives nothing on days off and a few absences', () => {
    for (const d of days.filter((x) => x.segments.length === 0)) expect(planAgentDay(9, d, GENERATED_CODES)).toEqual([]);
    const absent = actuals.filter((a) => a.states.length === 0).length;
    expect(absent).toBeGreaterThan(0);
    expect(absent / actuals.length).toBeLessThan(0.06);
  });

  it('logs in near the shift start, out near its end, strictly in order, on whole seconds', () => {
    let late = 0;
    for (const { day, states } of actuals.filter((a) => a.states.length > 0)) {
      const shiftStart = Math.min(...day.segments.map((s) => s.start));
      const shiftEnd = Math.max(...day.segments.map((s) => s.end));
      expect(states[0]?.eventCode).toBe('LoggedIn');
      expect(states[1]?.eventCode).toBe('Available');
      expect(states.at(-1)?.eventCode).toBe('LoggedOut');
      expect(states[0]!.at).toBeGreaterThanOrEqual(shiftStart - 3 * 60_000);
      expect(states[0]!.at).toBeLessThanOrEqual(shiftStart + 25 * 60_000);
      if (states[0]!.at > shiftStart + 2 * 60_000) late++;
      expect(Math.abs(states.at(-1)!.at - shiftEnd)).toBeLessThan(25 * 60_000);
      for (let i = 1; i < states.length; i++) expect(states[i]!.at - states[i - 1]!.at).toBeGreaterThanOrEqual(5000);
      for (const s of states) expect(s.at % 1000).toBe(0);
    }
    expect(late / actuals.length).toBeGreaterThan(0.04);
    expect(late / actuals.length).toBeLessThan(0.2);
  });

  it('follows each scheduled break with the matching reason, and adds unscheduled personal pauses', () => {
    const reasons = actuals.flatMap((a) => a.states.filter((s) => s.eventCode === 'Unavailable').map((s) => s.reasonCode));
    const scheduledBreaks = actuals.filter((a) => a.states.length > 0).flatMap((a) => a.day.segments.filter((s) => s.code !== 'Open'));
    expect(reasons.filter((r) => r !== 'Personal').length).toBeGreaterThan(scheduledBreaks.length * 0.97);
    expect(new Set(reasons)).toEqual(new Set(['Break', 'Lunch', 'Meeting', 'Training', 'Personal']));
    const personal = reasons.filter((r) => r === 'Personal').length;
    expect(personal / actuals.length).toBeGreaterThan(0.15);
    expect(personal / actuals.length).toBeLessThan(0.35);
  });

  it('with contacts, keeps the same code-level states and fills open time with Inbound and ACW', () => {
    const { day, states } = actuals.find((a) => a.states.length > 0)!;
    const detailed = planAgentDay(9, day, GENERATED_CODES, { contacts: true, ahtSeconds: 300 });
    expect(detailed.filter((s) => s.eventCode !== 'Inbound' && s.eventCode !== 'ACW')).toEqual(
      expect.arrayContaining(states),
    );
    const inbound = detailed.filter((s) => s.eventCode === 'Inbound').length;
    expect(inbound).toBeGreaterThan(40);
    for (let i = 1; i < detailed.length; i++) expect(detailed[i]!.at).toBeGreaterThan(detailed[i - 1]!.at);
  });
});
