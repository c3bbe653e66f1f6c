import { describe, expect, it } from 'vitest';
import { GENERATED_MAPPINGS, planSetup } from './plan-setup.js';

describe('planSetup', () => {
  const plan = planSetup({ seed: 1, agents: 50, skills: 3, timeZone: 'Europe/Paris' });

  it('is the same for the same seed and differs for another', () => {
    expect(planSetup({ seed: 1, agents: 50, skills: 3, timeZone: 'Europe/Paris' })).toEqual(plan);
    const other = planSetup({ seed: 2, agents: 50, skills: 3, timeZone: 'Europe/Paris' });
    expect(other.employees.map((e) => e.skills)).not.toEqual(plan.employees.map((e) => e.skills));
  });

  it('plans the skills on their queues and employees with consecutive logins and unique emails', () => {
    expect(plan.skills.map((s) => [s.name, s.channel, s.queueValue])).toEqual([
      ['Sales', 'VOICE', '8057'],
      ['Support', 'VOICE', '8058'],
      ['Chat', 'CHAT', '9001'],
    ]);
    expect(plan.employees.map((e) => e.loginId).slice(0, 3)).toEqual(['5001', '5002', '5003']);
    expect(plan.employees.at(-1)?.loginId).toBe('5050');
    expect(new Set(plan.employees.map((e) => e.email)).size).toBe(50);
    expect(plan.employees[2]?.email).toBe('chloe.martin.5003@generated.floorplan.test');
    for (const e of plan.employees) {
      expect(e.skills.length).toBeGreaterThanOrEqual(1);
      expect(new Set(e.skills).size).toBe(e.skills.length);
    }
  });

  it('sizes the volume to the headcount and maps every emitted event to a code', () => {
    // 50 agents × 5/7 × 55 = 1964.3 contacts, split 0.4/0.3/0.15 of 0.85, scaled by 300 s / AHT (300, 420, 360).
    expect(plan.skills.map((s) => s.dailyVolume)).toEqual([924, 495, 289]);
    const codes = new Set([...plan.codes.map((c) => c.name), 'Login', 'Logoff']);
    for (const m of GENERATED_MAPPINGS) expect(codes.has(m.code)).toBe(true);
    expect(plan.codes.find((c) => c.name === 'Open')).toMatchObject({ open: true, priority: 5 });
    expect(plan.codes.filter((c) => !c.open).map((c) => c.priority)).toEqual([2, 2, 3, 3]);
  });

  it('names skills beyond the catalogue', () => {
    const many = planSetup({ seed: 1, agents: 5, skills: 7, timeZone: 'UTC' });
    expect(many.skills.map((s) => s.queueValue)).toEqual(['8057', '8058', '9001', '8059', '8060', '8106', '8107']);
  });
});
