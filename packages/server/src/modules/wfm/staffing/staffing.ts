// `POST /wfm/v1/staffing/calculate` as a pure function (spec §6.4): traffic from the request, the
// required staff for the goal, the scheduled staff after shrinkage, and the metrics of either the
// required staff or the `agents` the caller asks about.
import type { StaffingRequest, StaffingResponse } from '@floorplan/contracts';
import { erlangAMetrics, fractionalAgentsErlangA, requiredAgentsErlangA, type ErlangAGoal } from './erlang-a.js';
import { erlangCMetrics, requiredAgents, scheduledAgents, type QueueMetrics, type StaffingGoal } from './erlang-c.js';
import { fractionalAgents } from './fractional-agents.js';

/** A request the engine cannot answer, with the field to blame (rendered as a 400 issue). */
export class StaffingInputError extends RangeError {
  override readonly name = 'StaffingInputError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Seconds on the wire carry at most 3 decimals, rounded half away from zero (all are ≥ 0 here). */
const seconds = (value: number): number | null => (Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null);
/** An undefined ratio (occupancy of no agents) is `null`, never 0. */
const ratio = (value: number): number | null => (Number.isFinite(value) ? value : null);

function response(trafficErlangs: number, required: number, scheduled: number, m: QueueMetrics): StaffingResponse {
  return {
    trafficErlangs,
    requiredAgents: required,
    scheduledAgents: scheduled,
    serviceLevel: m.serviceLevel,
    asaSeconds: seconds(m.asaSeconds),
    pWait: m.pWait,
    occupancy: ratio(m.occupancy),
  };
}

/**
 * Staffing for one interval. `AHT_eff = ahtSeconds / concurrency` everywhere; `A = contacts ×
 * AHT_eff / intervalSeconds`. No contacts need no agents (SL 1, ASA 0, occupancy null). With
 * `fractional`, `requiredAgents` and `scheduledAgents` are fractions; the metrics always describe
 * a whole staff: `agents` when given, else the integer requirement.
 *
 * @example
 * calculateStaffing({ model: 'ERLANG_C', contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, slPercent: 80, slSeconds: 20, shrinkage: 0.3 });
 * // { trafficErlangs: 10, requiredAgents: 14, scheduledAgents: 20, serviceLevel: 0.888350…, asaSeconds: 7.836, pWait: 0.174132…, occupancy: 0.714285… }
 */
export function calculateStaffing(request: StaffingRequest): StaffingResponse {
  const concurrency = request.concurrency ?? 1;
  const ahtEff = request.ahtSeconds / concurrency;
  // One division after the products keeps A exact for whole inputs (100 × 180 / 1800 = 10).
  const A = (request.contacts * request.ahtSeconds) / (request.intervalSeconds * concurrency);
  const slGoal = request.slPercent / 100;
  if (A > 0 && slGoal >= 1) throw new StaffingInputError('slPercent', 'must be less than 100 when contacts > 0: no finite staff answers every contact within slSeconds');
  const goal: StaffingGoal = {
    A,
    ahtEff,
    slSeconds: request.slSeconds,
    slGoal,
    ...(request.maxOccupancy !== undefined ? { maxOccupancy: request.maxOccupancy } : {}),
    ...(request.asaSeconds !== undefined ? { asaGoal: request.asaSeconds } : {}),
  };
  const shrinkage = request.shrinkage ?? 0;
  const schedule = (required: number) => scheduledAgents(required, shrinkage, request.fractional === undefined);

  if (request.model === 'ERLANG_A') {
    if (request.patienceSeconds === undefined) throw new StaffingInputError('patienceSeconds', 'is required when model is ERLANG_A');
    if (request.fractional === 'GAMMA') throw new StaffingInputError('fractional', 'must be LINEAR when model is ERLANG_A');
    const aGoal: ErlangAGoal = { ...goal, patienceSeconds: request.patienceSeconds };
    const integer = requiredAgentsErlangA(aGoal);
    const required = request.fractional === undefined ? integer.agents : fractionalAgentsErlangA(aGoal, integer);
    const metrics =
      request.agents === undefined
        ? integer.metrics
        : erlangAMetrics({ A, n: request.agents, ahtEff, patienceSeconds: request.patienceSeconds, slSeconds: request.slSeconds });
    return { ...response(A, required, schedule(required), metrics), pAbandon: metrics.pAbandon };
  }

  if (request.patienceSeconds !== undefined) throw new StaffingInputError('patienceSeconds', 'must be absent when model is ERLANG_C');
  const integer = requiredAgents(goal);
  const required = request.fractional === undefined ? integer.agents : fractionalAgents(goal, request.fractional, integer);
  const metrics = request.agents === undefined ? integer.metrics : erlangCMetrics({ A, n: request.agents, ahtEff, slSeconds: request.slSeconds });
  return response(A, required, schedule(required), metrics);
}
