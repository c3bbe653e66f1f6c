// Erlang C (M/M/n, spec §6.1): waiting probability, service level, ASA and occupancy for n agents,
// and the smallest n that meets a goal. Pure; A in Erlangs, times in seconds, rates as fractions.
import { MAX_STAFFING_AGENTS } from '@floorplan/contracts';
import { erlangB, erlangBStep } from './erlang-b.js';

/** The largest staff any search may reach (the contract's limit); beyond it a goal is unreachable. */
export const MAX_AGENTS = MAX_STAFFING_AGENTS;

/** Tolerance before rounding a staff count up (spec §6.1 shrinkage; also the occupancy cap). */
export const ROUNDING_TOLERANCE = 1e-9;

/**
 * What a staffing level gives. `asaSeconds` is `Infinity` and `occupancy` 1 when `n ≤ A` (the queue
 * grows without bound, every agent is always busy); `occupancy` is `NaN` (undefined) when `n = 0`.
 */
export interface QueueMetrics {
  /** P(W > 0): the share of contacts that wait at all. */
  pWait: number;
  /** Share of contacts answered within the threshold. */
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
}

/** A staffing level to evaluate: `n` may be fractional when `erlangB` is given (continuous B). */
export interface ErlangCInput {
  /** Offered traffic in Erlangs, `λ·AHT_eff`. */
  A: number;
  n: number;
  /** `AHT / concurrency`, seconds. */
  ahtEff: number;
  slSeconds: number;
}

/** A service goal for the required-agents search. */
export interface StaffingGoal {
  A: number;
  ahtEff: number;
  slSeconds: number;
  /** Service-level goal as a fraction, `0 ≤ g < 1` (1 is out of reach of any finite staff). */
  slGoal: number;
  /** Occupancy cap in (0, 1]; absent means none. */
  maxOccupancy?: number;
  /** ASA goal in seconds; absent means none. */
  asaGoal?: number;
}

/** The smallest staff meeting a goal, its metrics and its Erlang B. */
export interface RequiredAgents {
  agents: number;
  metrics: QueueMetrics;
  erlangB: number;
}

/**
 * Erlang C metrics for `n` agents: `C = n·B / (n − A·(1 − B))` for `n > A`, else `C = 1` and SL 0;
 * `SL(t) = 1 − C·exp(−(n − A)·t / AHT_eff)`; `ASA = C·AHT_eff / (n − A)`; occupancy `A / n`.
 * No traffic means nobody waits: SL 1, ASA 0.
 *
 * @example
 * erlangCMetrics({ A: 10, n: 14, ahtEff: 180, slSeconds: 20 });
 * // { pWait: 0.174132, serviceLevel: 0.888350, asaSeconds: 7.836, occupancy: 0.714 } (rounded here)
 */
export function erlangCMetrics(input: ErlangCInput, b: number = erlangB(input.n, input.A)): QueueMetrics {
  const { A, n, ahtEff, slSeconds } = input;
  if (A === 0) return { pWait: 0, serviceLevel: 1, asaSeconds: 0, occupancy: n > 0 ? 0 : Number.NaN };
  if (n <= A) return { pWait: 1, serviceLevel: 0, asaSeconds: Number.POSITIVE_INFINITY, occupancy: n > 0 ? 1 : Number.NaN };
  const surplus = n - A;
  const pWait = (n * b) / (surplus + A * b);
  return {
    pWait,
    serviceLevel: 1 - pWait * Math.exp((-surplus * slSeconds) / ahtEff),
    asaSeconds: (pWait * ahtEff) / surplus,
    occupancy: A / n,
  };
}

/**
 * The fewest agents an occupancy cap allows, `⌈A / maxOccupancy⌉` after the rounding tolerance, so
 * that A = 9, cap 0.9 gives 10 even when A carries a last-bit rounding error.
 *
 * @example
 * minimumAgentsForOccupancy(10_000, 0.9); // 11112
 */
export function minimumAgentsForOccupancy(A: number, maxOccupancy: number | undefined): number {
  return maxOccupancy === undefined ? 0 : Math.ceil(A / maxOccupancy - ROUNDING_TOLERANCE);
}

/**
 * Whether `n` agents with `metrics` meet every part of `goal`: a stable queue (`n > A`), `SL ≥ g`,
 * the occupancy cap and the ASA goal when set.
 *
 * @example
 * meetsGoal(14, erlangCMetrics({ A: 10, n: 14, ahtEff: 180, slSeconds: 20 }), { A: 10, ahtEff: 180, slSeconds: 20, slGoal: 0.8 }); // true
 */
export function meetsGoal(n: number, metrics: QueueMetrics, goal: StaffingGoal): boolean {
  return (
    n > goal.A &&
    metrics.serviceLevel >= goal.slGoal &&
    n >= minimumAgentsForOccupancy(goal.A, goal.maxOccupancy) &&
    (goal.asaGoal === undefined || metrics.asaSeconds <= goal.asaGoal)
  );
}

/** Throws a RangeError naming the first field of `goal` outside its domain. */
export function checkGoal(goal: StaffingGoal): void {
  const { A, ahtEff, slSeconds, slGoal, maxOccupancy, asaGoal } = goal;
  if (!(Number.isFinite(A) && A >= 0)) throw new RangeError(`A must be a finite number ≥ 0, got ${A}`);
  if (!(Number.isFinite(ahtEff) && ahtEff > 0)) throw new RangeError(`ahtEff must be > 0, got ${ahtEff}`);
  if (!(Number.isFinite(slSeconds) && slSeconds >= 0)) throw new RangeError(`slSeconds must be ≥ 0, got ${slSeconds}`);
  // With traffic, SL < 1 for every finite staff: a goal of 1 would only stop on a rounding accident.
  if (!(slGoal >= 0 && (slGoal < 1 || (A === 0 && slGoal === 1)))) throw new RangeError(`slGoal must be in [0, 1), got ${slGoal}`);
  if (maxOccupancy !== undefined && !(maxOccupancy > 0 && maxOccupancy <= 1)) throw new RangeError(`maxOccupancy must be in (0, 1], got ${maxOccupancy}`);
  if (asaGoal !== undefined && !(asaGoal > 0)) throw new RangeError(`asaGoal must be > 0, got ${asaGoal}`);
}

/**
 * The smallest integer staff meeting `goal` (spec §6.1): from `max(⌊A⌋ + 1, ⌈A / maxOccupancy⌉)`
 * upward with B updated one step per candidate, so the whole search is linear in the answer. No
 * traffic needs no agents.
 *
 * @example
 * requiredAgents({ A: 10, ahtEff: 180, slSeconds: 20, slGoal: 0.8 }).agents; // 14
 */
export function requiredAgents(goal: StaffingGoal): RequiredAgents {
  checkGoal(goal);
  const { A, ahtEff, slSeconds } = goal;
  if (A === 0) return { agents: 0, metrics: erlangCMetrics({ A, n: 0, ahtEff, slSeconds }, 1), erlangB: 1 };
  let n = Math.max(Math.floor(A) + 1, minimumAgentsForOccupancy(A, goal.maxOccupancy));
  if (n > MAX_AGENTS) throw new RangeError(`the goal needs more than ${MAX_AGENTS} agents`);
  let b = erlangB(n, A);
  for (;;) {
    const metrics = erlangCMetrics({ A, n, ahtEff, slSeconds }, b);
    if (meetsGoal(n, metrics, goal)) return { agents: n, metrics, erlangB: b };
    if (n >= MAX_AGENTS) throw new RangeError(`the goal needs more than ${MAX_AGENTS} agents`);
    n += 1;
    b = erlangBStep(b, n, A);
  }
}

/**
 * Staff to schedule so that `required` remain after shrinkage `s`: `required / (1 − s)`, rounded up
 * in integer mode after the 1e−9 tolerance (21 / 0.7 = 30.000000000000004 schedules 30, not 31).
 * Never `required · (1 + s)`, which under-staffs.
 *
 * @example
 * scheduledAgents(14, 0.3); // 20
 * scheduledAgents(6.307, 0.3, false); // 9.01
 */
export function scheduledAgents(required: number, shrinkage: number, integer = true): number {
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new RangeError(`shrinkage must be in [0, 1), got ${shrinkage}`);
  const exact = required / (1 - shrinkage);
  // max(0, …) turns the −0 of ⌈0 − 1e−9⌉ into 0.
  return integer ? Math.max(0, Math.ceil(exact - ROUNDING_TOLERANCE)) : exact;
}
