import { describe, expect, it } from 'vitest';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { patienceOf, staffingBasis, withPatience, type PatienceUsed } from './patience.js';
import { staffSkill } from './skill-staffing.js';

const skill = (staffing: Partial<SkillSetup['staffing']>): SkillSetup => ({
  id: '00000000-0000-4000-8000-0000000000aa',
  name: 'Voice',
  channel: 'VOICE',
  category: 'REAL_TIME',
  serviceLevelGoal: { percent: 80, seconds: 20 },
  paradigm: 'WCE',
  timeZone: 'UTC',
  shortAbandonThresholdSeconds: 5,
  staffing: { model: 'ERLANG_A', maxOccupancy: 0.9, shrinkage: 0, concurrency: 1, fractional: 'NONE', ...staffing },
  queues: [{ queueValue: 'Q1' }],
  archived: false,
});

describe('Erlang A patience (§6.3)', () => {
  it('estimates from the totals, flagged approximate, and gives none under 30 abandons', async () => {
    expect(await patienceOf(skill({}), async () => ({ abandonedLong: 40, waitingSeconds: 12_000 }))).toEqual({ source: 'ESTIMATED', seconds: 300, approx: true, abandons: 40 });
    expect(await patienceOf(skill({}), async () => ({ abandonedLong: 29, waitingSeconds: 12_000 }))).toBeNull();
  });

  it('takes a set patience over the estimate, and reads nothing for it or for Erlang C', async () => {
    let reads = 0;
    const totals = async () => {
      reads += 1;
      return { abandonedLong: 100, waitingSeconds: 10_000 };
    };
    expect(await patienceOf(skill({ patienceSeconds: 240 }), totals)).toEqual({ source: 'SET', seconds: 240, approx: false, abandons: null });
    expect(await patienceOf(skill({ model: 'ERLANG_C' }), totals)).toBeNull();
    expect(reads).toBe(0);
    expect((await patienceOf(skill({}), totals))?.seconds).toBe(100);
    expect(reads).toBe(1);
  });

  it('sizes by Erlang A with the estimate and by Erlang C without one', () => {
    const a = skill({});
    const q = { contacts: 200, intervalSeconds: 900, ahtSeconds: 180, withShrinkage: false } as const;
    const estimated: PatienceUsed = { source: 'ESTIMATED', seconds: 120, approx: true, abandons: 50 };
    const byA = staffSkill(withPatience(a, estimated), q);
    const byC = staffSkill(withPatience(a, null), q);
    expect(byA?.pAbandon).toBeGreaterThan(0);
    expect(byC?.pAbandon).toBeUndefined();
    // Abandons take load off the queue: fewer agents reach the goal.
    expect(byA?.requiredAgents).toBeLessThan(byC?.requiredAgents ?? 0);
    expect(staffingBasis(a, estimated)).toEqual({ staffingModel: 'ERLANG_A', patience: estimated });
    expect(staffingBasis(a, null)).toEqual({ staffingModel: 'ERLANG_C', patience: null });
    expect(withPatience(skill({ model: 'ERLANG_C', patienceSeconds: 60 }), estimated).staffing.patienceSeconds).toBe(60);
  });
});
