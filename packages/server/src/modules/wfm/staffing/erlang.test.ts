import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectDigits } from '../../../test-support/expect-digits.js';
import { createErlangBTable, erlangB } from './erlang-b.js';
import { erlangCMetrics, meetsGoal, minimumAgentsForOccupancy, requiredAgents, scheduledAgents, type StaffingGoal } from './erlang-c.js';
import { closedFormErlangB, continuousErlangB, fractionalAgents } from './fractional-agents.js';
import { calculateStaffing, StaffingInputError } from './staffing.js';

// Spec §6.5 vectors, tolerance half a unit of the last digit shown. Every vector was also recomputed
// independently at 60 digits with mpmath (Erlang B from the factorial sums, continuous B from
// mpmath.gammainc, fractional roots with findroot): all agree with the spec.

const c = (A: number, n: number, ahtEff: number, slSeconds: number) => erlangCMetrics({ A, n, ahtEff, slSeconds });
const goal8020 = (A: number, ahtEff: number, extra: Partial<StaffingGoal> = {}): StaffingGoal => ({ A, ahtEff, slSeconds: 20, slGoal: 0.8, ...extra });

describe('Erlang C, spec §6.5', () => {
  it('C1: A = 10 (100 calls / 30 min, AHT 180 s), t = 20 s', () => {
    const A = (100 * 180) / 1800;
    expect(A).toBe(10);
    expectDigits(c(A, 12, 180, 20).serviceLevel, '0.6402');
    expectDigits(c(A, 12, 180, 20).asaSeconds, '40.4');
    expectDigits(c(A, 13, 180, 20).serviceLevel, '0.7956');
    const n14 = c(A, 14, 180, 20);
    expectDigits(n14.pWait, '0.174132');
    expectDigits(n14.serviceLevel, '0.888350');
    expectDigits(n14.asaSeconds, '7.836');
    expectDigits(c(A, 15, 180, 20).serviceLevel, '0.9415');
  });

  it('C2: A = 20 (400 / h, AHT 180 s), t = 30 s', () => {
    const A = (400 * 180) / 3600;
    expectDigits(c(A, 23, 180, 30).serviceLevel, '0.7478');
    expectDigits(c(A, 23, 180, 30).asaSeconds, '24.9');
    expectDigits(c(A, 24, 180, 30).serviceLevel, '0.8470');
  });

  it('C3: 134 calls / 15 min, AHT 33 s, 80/20, integer and fractional', () => {
    const A = (134 * 33) / 900;
    expectDigits(A, '4.91333');
    expectDigits(c(A, 6, 33, 20).serviceLevel, '0.7118');
    expectDigits(c(A, 7, 33, 20).serviceLevel, '0.9142');
    const goal = goal8020(A, 33);
    expect(requiredAgents(goal).agents).toBe(7);
    expectDigits(fractionalAgents(goal, 'GAMMA'), '6.307');
    expectDigits(fractionalAgents(goal, 'LINEAR'), '6.436');
  });

  it.each([
    [100, '108'],
    [1_000, '1015'],
    [10_000, '10021'],
    [50_000, '50023'],
  ])('C4: AHT 300 s, 80/20, A = %i needs %s', (A, expected) => {
    const result = requiredAgents(goal8020(A, 300));
    expect(result.agents).toBe(Number(expected));
    for (const value of Object.values(result.metrics)) expect(Number.isFinite(value)).toBe(true);
  });

  it('C4: A = 10 000 at 10 021 agents: SL 0.81216, P(W>0) 0.76175, ASA 10.88 s', () => {
    const { metrics } = requiredAgents(goal8020(10_000, 300));
    expectDigits(metrics.serviceLevel, '0.81216');
    expectDigits(metrics.pWait, '0.76175');
    expectDigits(metrics.asaSeconds, '10.88');
  });

  it('C5: continuous B(3.2, 2) = 0.181918; integer B(3, 2) = 0.210526', () => {
    expectDigits(continuousErlangB(3.2, 2), '0.181918');
    expectDigits(erlangB(3, 2), '0.210526');
    expectDigits(closedFormErlangB(3.2, 2), '0.181918');
  });
});

describe('calculateStaffing, spec §6.5', () => {
  const c1 = { model: 'ERLANG_C', contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, slPercent: 80, slSeconds: 20 } as const;

  it('S1: C1 at 80/20 with 30 % shrinkage: required 14, scheduled 20, occupancy 0.714', () => {
    const r = calculateStaffing({ ...c1, shrinkage: 0.3 });
    expect(r.trafficErlangs).toBe(10);
    expect(r.requiredAgents).toBe(14);
    expect(r.scheduledAgents).toBe(20);
    expectDigits(r.occupancy!, '0.714');
    expectDigits(r.serviceLevel, '0.888350');
    expect(r.asaSeconds).toBe(7.836);
    expect(r.pAbandon).toBeUndefined();
  });

  it('S2: 100 chats / 15 min, AHT 360 s, concurrency 2, 80/30: A = 20, required 24 (SL 0.8470)', () => {
    const r = calculateStaffing({ model: 'ERLANG_C', contacts: 100, intervalSeconds: 900, ahtSeconds: 360, concurrency: 2, slPercent: 80, slSeconds: 30 });
    expect(r.trafficErlangs).toBe(20);
    expect(r.requiredAgents).toBe(24);
    expectDigits(r.serviceLevel, '0.8470');
  });

  it('S3: A = 10 000, AHT 300 s, 80/20, maxOccupancy 0.90: integer 11 112, GAMMA 11 111.111', () => {
    const base = { model: 'ERLANG_C', contacts: 30_000, intervalSeconds: 900, ahtSeconds: 300, slPercent: 80, slSeconds: 20, maxOccupancy: 0.9 } as const;
    expect(calculateStaffing(base).trafficErlangs).toBe(10_000);
    expect(calculateStaffing(base).requiredAgents).toBe(11_112);
    expectDigits(calculateStaffing({ ...base, fractional: 'GAMMA' }).requiredAgents, '11111.111');
  });

  it('answers for a given staff: agents = 14 on C1 gives SL 0.888350 (acceptance check 26)', () => {
    const r = calculateStaffing({ ...c1, slPercent: 95, agents: 14 });
    expectDigits(r.serviceLevel, '0.888350');
    expect(r.requiredAgents).toBe(16);
  });

  it('needs no agents for no contacts', () => {
    expect(calculateStaffing({ ...c1, contacts: 0, shrinkage: 0.3 })).toEqual({
      trafficErlangs: 0,
      requiredAgents: 0,
      scheduledAgents: 0,
      serviceLevel: 1,
      asaSeconds: 0,
      pWait: 0,
      occupancy: null,
    });
    expect(calculateStaffing({ ...c1, contacts: 0, slPercent: 100, agents: 3 }).occupancy).toBe(0);
  });

  it('reports an unstable staff as SL 0, every contact waiting, ASA null', () => {
    expect(calculateStaffing({ ...c1, agents: 10 })).toMatchObject({ serviceLevel: 0, pWait: 1, asaSeconds: null, occupancy: 1 });
    expect(calculateStaffing({ ...c1, agents: 0 })).toMatchObject({ serviceLevel: 0, asaSeconds: null, occupancy: null });
  });

  it('gives fractional required and scheduled staff when asked', () => {
    const r = calculateStaffing({ model: 'ERLANG_C', contacts: 134, intervalSeconds: 900, ahtSeconds: 33, slPercent: 80, slSeconds: 20, shrinkage: 0.3, fractional: 'LINEAR' });
    expectDigits(r.requiredAgents, '6.436');
    expect(r.scheduledAgents).toBeCloseTo(r.requiredAgents / 0.7, 12);
    expectDigits(r.serviceLevel, '0.9142');
  });

  it('applies the ASA goal', () => {
    // C1 at 80/20 needs 14 (ASA 7.836 s); an ASA goal of 5 s needs 15 (ASA 3.674 s).
    expect(calculateStaffing({ ...c1, asaSeconds: 5 })).toMatchObject({ requiredAgents: 15, asaSeconds: 3.674 });
  });

  it('refuses combinations no staff can answer, naming the field', () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof StaffingInputError ? error.path : 'other';
      }
      return 'none';
    };
    expect(refused(() => calculateStaffing({ ...c1, slPercent: 100 }))).toBe('slPercent');
    expect(refused(() => calculateStaffing({ ...c1, model: 'ERLANG_A' }))).toBe('patienceSeconds');
    expect(refused(() => calculateStaffing({ ...c1, patienceSeconds: 60 }))).toBe('patienceSeconds');
    expect(refused(() => calculateStaffing({ ...c1, model: 'ERLANG_A', patienceSeconds: 60, fractional: 'GAMMA' }))).toBe('fractional');
  });
});

describe('Erlang B and C pieces', () => {
  it('keeps the lazily extended table equal to the recurrence, in any probe order', () => {
    const table = createErlangBTable(37.5);
    for (const n of [80, 3, 200, 0, 41]) expect(table.at(n)).toBe(erlangB(n, 37.5));
    expect(() => table.at(1.5)).toThrow(RangeError);
  });

  it('stays finite at A = 50 000 and past the underflow of B', () => {
    expect(erlangB(50_000, 50_000)).toBeGreaterThan(0);
    expect(erlangB(200_000, 50_000)).toBe(0);
    expect(continuousErlangB(50_010.25, 50_000)).toBeGreaterThan(0);
  });

  it('schedules shrinkage as required / (1 − s) after the 1e−9 tolerance', () => {
    expect(21 / (1 - 0.3)).toBeGreaterThan(30); // 30.000000000000004
    expect(scheduledAgents(21, 0.3)).toBe(30);
    expect(scheduledAgents(14, 0.3)).toBe(20);
    expect(scheduledAgents(20.5, 0.3)).toBe(30); // 29.29
    expect(scheduledAgents(14, 0.25)).toBe(19); // 18.67, never 14 × 1.25 = 17.5
    expect(scheduledAgents(0, 0.5)).toBe(0);
    expect(() => scheduledAgents(14, 1)).toThrow(RangeError);
  });

  it('reads the occupancy cap with the same tolerance', () => {
    expect(minimumAgentsForOccupancy(0.3 * 30, 0.9)).toBe(10); // 0.3 × 30 = 9.000000000000002
    expect(minimumAgentsForOccupancy(10_000, 0.9)).toBe(11_112);
  });

  it('refuses goals outside their domain', () => {
    expect(() => requiredAgents(goal8020(10, 180, { slGoal: 1 }))).toThrow(RangeError);
    expect(() => requiredAgents(goal8020(-1, 180))).toThrow(RangeError);
    expect(() => requiredAgents(goal8020(10, 0))).toThrow(RangeError);
    expect(() => requiredAgents(goal8020(10, 180, { maxOccupancy: 0 }))).toThrow(RangeError);
  });
});

// Traffic from 0.01 to 500 Erlangs, goals and thresholds over their whole range.
const traffic = fc.double({ min: 0.01, max: 500, noNaN: true });
const goalArb = fc.record({
  A: traffic,
  ahtEff: fc.double({ min: 5, max: 1200, noNaN: true }),
  slSeconds: fc.double({ min: 0, max: 300, noNaN: true }),
  slGoal: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
  maxOccupancy: fc.option(fc.double({ min: 0.5, max: 1, noNaN: true }), { nil: undefined }),
  asaGoal: fc.option(fc.double({ min: 1, max: 120, noNaN: true }), { nil: undefined }),
});
const clean = (g: StaffingGoal): StaffingGoal => JSON.parse(JSON.stringify(g)) as StaffingGoal;

describe('Erlang C properties', () => {
  it('SL rises and ASA falls with n', () => {
    fc.assert(
      fc.property(traffic, fc.double({ min: 5, max: 1200, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), (A, ahtEff, t) => {
        let previous = c(A, Math.floor(A) + 1, ahtEff, t);
        for (let n = Math.floor(A) + 2; n < A + 40; n++) {
          const next = c(A, n, ahtEff, t);
          expect(next.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel);
          expect(next.asaSeconds).toBeLessThanOrEqual(previous.asaSeconds);
          previous = next;
        }
      }),
    );
  });

  it('continuous B equals the recurrence at integers (relative 1e−12), from either side of n', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), fc.integer({ min: 0, max: 400 }), (A, n) => {
        const recurrence = erlangB(n, A);
        expect(continuousErlangB(n, A)).toBe(recurrence);
        // Past the underflow of B (tiny A, large n) there is no relative error to speak of.
        fc.pre(recurrence > 1e-290);
        expect(Math.abs(closedFormErlangB(n, A) / recurrence - 1)).toBeLessThan(1e-12);
        // |d ln B / dx| < 10 here: 1e−9 to either side moves B by under 1e−8 relatively.
        if (n >= 1) expect(Math.abs(continuousErlangB(n - 1e-9, A) / recurrence - 1)).toBeLessThan(1e-7);
        expect(Math.abs(continuousErlangB(n + 1e-9, A) / recurrence - 1)).toBeLessThan(1e-7);
      }),
    );
  });

  it('required agents is minimal: n meets every goal, n − 1 misses one', () => {
    fc.assert(
      fc.property(goalArb, (raw) => {
        const goal = clean(raw);
        const { agents, metrics } = requiredAgents(goal);
        expect(meetsGoal(agents, metrics, goal)).toBe(true);
        expect(meetsGoal(agents - 1, c(goal.A, agents - 1, goal.ahtEff, goal.slSeconds), goal)).toBe(false);
      }),
    );
  });

  it('the fractional answer lies in (n − 1, n] and meets the goal (GAMMA within 1e−6)', () => {
    fc.assert(
      fc.property(goalArb, (raw) => {
        const goal = clean(raw);
        const integer = requiredAgents(goal);
        const n = integer.agents;
        for (const method of ['GAMMA', 'LINEAR'] as const) {
          const x = fractionalAgents(goal, method, integer);
          expect(x).toBeGreaterThan(n - 1);
          expect(x).toBeLessThanOrEqual(n);
        }
        const x = fractionalAgents(goal, 'GAMMA', integer);
        const at = erlangCMetrics({ A: goal.A, n: x, ahtEff: goal.ahtEff, slSeconds: goal.slSeconds }, continuousErlangB(x, goal.A));
        expect(at.serviceLevel).toBeGreaterThanOrEqual(goal.slGoal);
        if (x - 1e-6 > Math.max(goal.A, n - 1)) {
          const below = erlangCMetrics({ A: goal.A, n: x - 1e-6, ahtEff: goal.ahtEff, slSeconds: goal.slSeconds }, continuousErlangB(x - 1e-6, goal.A));
          const missed =
            below.serviceLevel < goal.slGoal ||
            (goal.asaGoal !== undefined && below.asaSeconds > goal.asaGoal) ||
            (goal.maxOccupancy !== undefined && goal.A / (x - 1e-6) > goal.maxOccupancy);
          expect(missed).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
