import { z } from 'zod';
import { decimal, integer, MAX_REPORT_NUMBER } from './fields.js';

// Staffing calculator (`POST /wfm/v1/staffing/calculate`, WFM engine spec §6.4). Field checks carry
// the spec's wording; the refinement below rejects combinations no staff can answer, so the engine
// only ever sees requests it can compute in bounded time.

/** Largest offered traffic the calculator takes, in Erlangs (the spec asks for 50 000). */
export const MAX_STAFFING_TRAFFIC_ERLANGS = 100_000;
/** Largest staff the calculator evaluates or searches to. */
export const MAX_STAFFING_AGENTS = 10_000_000;
/** Largest `λ/θ` (arrivals during one mean patience) for Erlang A; beyond it Erlang A is Erlang C. */
export const MAX_ARRIVALS_PER_PATIENCE = 100_000_000;

/** Queueing model: Erlang C (nobody abandons) or Erlang A (exponential patience). */
export const staffingModelSchema = z.enum(['ERLANG_C', 'ERLANG_A']);
/** Fractional staff: continuous Erlang B (`GAMMA`, Erlang C only) or interpolation (`LINEAR`). */
export const fractionalMethodSchema = z.enum(['GAMMA', 'LINEAR']);

const positive = () => z.number().gt(0);
const describe = (description: string) => ({ description });

/**
 * Body of `POST /wfm/v1/staffing/calculate`.
 *
 * @example
 * staffingRequestSchema.parse({ model: 'ERLANG_C', contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, slPercent: 80, slSeconds: 20, shrinkage: 0.3 });
 */
export const staffingRequestSchema = z
  .object({
    model: staffingModelSchema,
    contacts: decimal(0, MAX_REPORT_NUMBER).meta(describe('contacts arriving in the interval (a forecast may be fractional)')),
    intervalSeconds: z.literal([300, 900, 1800, 3600]),
    ahtSeconds: positive().meta(describe('average handle time of one contact, seconds')),
    slPercent: decimal(0, 100).meta(describe('service-level goal: percent of contacts answered within slSeconds')),
    slSeconds: decimal(0, MAX_REPORT_NUMBER).meta(describe('service-level threshold t, seconds')),
    asaSeconds: positive().optional().meta(describe('ASA goal, seconds (Erlang A: mean wait of all contacts)')),
    maxOccupancy: positive().max(1).optional().meta(describe('occupancy cap, a fraction in (0, 1]')),
    shrinkage: z.number().min(0).lt(1).optional().meta(describe('share of paid time off the phones, [0, 1); default 0')),
    concurrency: integer(1, 100).optional().meta(describe('contacts one agent handles at once; default 1')),
    patienceSeconds: positive().optional().meta(describe('mean patience before abandoning, seconds; required for ERLANG_A only')),
    fractional: fractionalMethodSchema.optional().meta(describe('answer requiredAgents and scheduledAgents as fractions')),
    agents: integer(0, MAX_STAFFING_AGENTS).optional().meta(describe('evaluate this many agents on the phones instead of the required number')),
  })
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (body.model === 'ERLANG_A') {
      if (body.patienceSeconds === undefined) issue('patienceSeconds', 'is required when model is ERLANG_A');
      if (body.fractional === 'GAMMA') issue('fractional', 'must be LINEAR when model is ERLANG_A');
    } else if (body.patienceSeconds !== undefined) {
      issue('patienceSeconds', 'must be absent when model is ERLANG_C');
    }
    const traffic = (body.contacts * body.ahtSeconds) / (body.intervalSeconds * (body.concurrency ?? 1));
    if (traffic > MAX_STAFFING_TRAFFIC_ERLANGS) {
      issue('contacts', `must give at most ${MAX_STAFFING_TRAFFIC_ERLANGS} Erlangs (contacts × ahtSeconds / (intervalSeconds × concurrency))`);
    }
    if (traffic > 0 && body.slPercent === 100) issue('slPercent', 'must be less than 100 when contacts > 0: no finite staff answers every contact within slSeconds');
    if (body.maxOccupancy !== undefined && traffic / body.maxOccupancy > MAX_STAFFING_AGENTS) {
      issue('maxOccupancy', `must allow at most ${MAX_STAFFING_AGENTS} agents for this traffic`);
    }
    if (body.model === 'ERLANG_A' && body.patienceSeconds !== undefined && (body.contacts / body.intervalSeconds) * body.patienceSeconds > MAX_ARRIVALS_PER_PATIENCE) {
      issue('patienceSeconds', `must be at most ${MAX_ARRIVALS_PER_PATIENCE} × intervalSeconds / contacts (use ERLANG_C for such patience)`);
    }
  });
/** A parsed staffing request. */
export type StaffingRequest = z.output<typeof staffingRequestSchema>;
/** A staffing request as a client may send it. */
export type StaffingRequestInput = z.input<typeof staffingRequestSchema>;

/**
 * Answer of `POST /wfm/v1/staffing/calculate`. Rates are fractions 0..1 at full precision; seconds
 * carry at most 3 decimals. The metrics describe `agents` when sent, else the integer requirement.
 *
 * @example
 * // C1 of the spec at 80/20 with 30 % shrinkage:
 * // { trafficErlangs: 10, requiredAgents: 14, scheduledAgents: 20, serviceLevel: 0.88835…, asaSeconds: 7.836, pWait: 0.17413…, occupancy: 0.71428… }
 */
export const staffingResponseSchema = z.object({
  trafficErlangs: z.number().meta(describe('offered traffic A = contacts × AHT_eff / intervalSeconds, Erlangs')),
  requiredAgents: z.number().meta(describe('fewest agents on the phones meeting every goal (fractional when asked)')),
  scheduledAgents: z.number().meta(describe('requiredAgents / (1 − shrinkage), rounded up unless fractional')),
  serviceLevel: z.number().meta(describe('share of contacts answered within slSeconds, 0..1')),
  asaSeconds: z.number().nullable().meta(describe('average speed of answer; null when the queue never empties (agents ≤ traffic, Erlang C)')),
  pWait: z.number().meta(describe('probability that a contact waits at all, P(W > 0)')),
  occupancy: z.number().nullable().meta(describe('busy share of agent time; null with no agents')),
  pAbandon: z.number().optional().meta(describe('probability of abandoning (ERLANG_A only)')),
});
/** The calculator's answer. */
export type StaffingResponse = z.infer<typeof staffingResponseSchema>;
