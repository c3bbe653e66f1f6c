// Fractional agents (spec §6.2): how far between n − 1 and n the goal is met, for planning sums and
// charts that integer steps would distort. GAMMA uses the continuous Erlang B; LINEAR interpolates.
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import { checkGoal, erlangCMetrics, requiredAgents, type QueueMetrics, type RequiredAgents, type StaffingGoal } from './erlang-c.js';

/** How a fractional staff is found. */
export type FractionalMethod = 'GAMMA' | 'LINEAR';

/** Width of the final GAMMA bracket (spec §6.2). */
export const BISECTION_TOLERANCE = 1e-6;

/**
 * The spec's closed form `B(x, A) = A^x·e^{−A} / (Γ(x+1)·Q(x+1, A))` in logs with @stdlib
 * gammaln/gammainc, as written. Exact to ~1e−13 for A ≤ 200; it loses digits as `x·ln A` grows,
 * and above A = 1 000 @stdlib gammainc 0.3.1 itself is wrong, so {@link continuousErlangB} only
 * uses it at the fractional part of x.
 *
 * @example
 * closedFormErlangB(3, 2); // 0.2105263157894... (= 4/19, the recurrence's value)
 */
export function closedFormErlangB(x: number, A: number): number {
  return Math.exp(x * Math.log(A) - A - gammaln(x + 1) - Math.log(gammainc(A, x + 1, true, true)));
}

/**
 * Continuous Erlang B at `f ∈ (0, 1)`: the closed form while e^{−A} is far from underflow; above
 * A = 100 Legendre's continued fraction `A·B = 1 / (e^A·A^{−a}·Γ(a)·Q(a, A))`, a = f + 1, which
 * needs at most 6 terms there.
 */
function erlangBOfFraction(f: number, A: number): number {
  if (A <= 100) return closedFormErlangB(f, A);
  const a = f + 1;
  const tiny = 1e-300;
  let b = A + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / (A * h);
}

/**
 * Continuous Erlang B, `B(x, A) = A^x·e^{−A} / (Γ(x+1)·Q(x+1, A))` for real `x ≥ 0`. The closed form
 * is taken at the fractional part of x only and carried to x by the recurrence
 * `B(x) = A·B(x−1) / (x + A·B(x−1))`, which the continuous B obeys too: at integers this is the
 * recurrence itself, and elsewhere the result keeps the recurrence's accuracy at any A (the closed
 * form in logs loses digits at A = 50 000, and @stdlib gammainc 0.3.1 is wrong above 1 000).
 *
 * @example
 * continuousErlangB(3.2, 2); // 0.18191753704... (spec case C5)
 */
export function continuousErlangB(x: number, A: number): number {
  if (!(x >= 0 && A >= 0 && Number.isFinite(x) && Number.isFinite(A))) throw new RangeError(`continuousErlangB needs finite x, A ≥ 0, got ${x}, ${A}`);
  if (A === 0) return x === 0 ? 1 : 0;
  const whole = Math.floor(x);
  const f = x - whole;
  let b = f === 0 ? 1 : erlangBOfFraction(f, A);
  for (let k = 1; k <= whole && b > 0; k++) {
    const ab = A * b;
    b = ab / (f + k + ab);
  }
  return b;
}

/**
 * Where a metric moving from `before` (at n − 1) to `after` (at n) crosses `target`, by straight
 * interpolation. Works for rising metrics (SL) and falling ones (ASA, occupancy).
 *
 * @example
 * interpolateAgents(7, 0.7118, 0.9142, 0.8); // 6.436
 */
export function interpolateAgents(n: number, before: number, after: number, target: number): number {
  return n - 1 + (target - before) / (after - before);
}

/** Metrics of the continuous Erlang C at real `x`. */
function continuousMetrics(goal: StaffingGoal, x: number): QueueMetrics {
  return erlangCMetrics({ A: goal.A, n: x, ahtEff: goal.ahtEff, slSeconds: goal.slSeconds }, continuousErlangB(x, goal.A));
}

function meetsAt(goal: StaffingGoal, x: number): boolean {
  if (x <= goal.A) return false;
  if (goal.maxOccupancy !== undefined && goal.A / x > goal.maxOccupancy) return false;
  const m = continuousMetrics(goal, x);
  return m.serviceLevel >= goal.slGoal && (goal.asaGoal === undefined || m.asaSeconds <= goal.asaGoal);
}

/** GAMMA: bisection of "every goal met" on `(max(A, n − 1), n]`; the metrics are monotone in x. */
function gammaAgents(goal: StaffingGoal, n: number): number {
  let lo = Math.max(goal.A, n - 1);
  let hi = n;
  while (hi - lo > BISECTION_TOLERANCE) {
    const mid = (lo + hi) / 2;
    if (meetsAt(goal, mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * LINEAR: `x = n − 1 + (g − SL(n−1)) / (SL(n) − SL(n−1))`, likewise for the ASA goal, and never
 * below `A / maxOccupancy` (or A without a cap, where the queue stops being stable).
 */
function linearAgents(goal: StaffingGoal, n: number, after: QueueMetrics): number {
  const before = erlangCMetrics({ A: goal.A, n: n - 1, ahtEff: goal.ahtEff, slSeconds: goal.slSeconds });
  let x = goal.A / (goal.maxOccupancy ?? 1);
  if (before.serviceLevel < goal.slGoal) x = Math.max(x, interpolateAgents(n, before.serviceLevel, after.serviceLevel, goal.slGoal));
  if (goal.asaGoal !== undefined && !(before.asaSeconds <= goal.asaGoal)) {
    // An unstable n − 1 has no finite ASA to interpolate from.
    x = Math.max(x, Number.isFinite(before.asaSeconds) ? interpolateAgents(n, before.asaSeconds, after.asaSeconds, goal.asaGoal) : n);
  }
  return Math.min(n, x);
}

/**
 * Fractional Erlang C staff for `goal`, in `(n − 1, n]` where n is the integer answer (pass it when
 * already known). No traffic needs 0.
 *
 * @example
 * fractionalAgents({ A: 134 * 33 / 900, ahtEff: 33, slSeconds: 20, slGoal: 0.8 }, 'GAMMA'); // 6.307...
 * fractionalAgents({ A: 134 * 33 / 900, ahtEff: 33, slSeconds: 20, slGoal: 0.8 }, 'LINEAR'); // 6.436...
 */
export function fractionalAgents(goal: StaffingGoal, method: FractionalMethod, integer: RequiredAgents = requiredAgents(goal)): number {
  checkGoal(goal);
  if (goal.A === 0) return 0;
  return method === 'GAMMA' ? gammaAgents(goal, integer.agents) : linearAgents(goal, integer.agents, integer.metrics);
}
