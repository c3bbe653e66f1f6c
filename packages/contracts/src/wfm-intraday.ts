import { z } from 'zod';
import { localDateSchema } from './wfm-forecast.js';

// Intraday manager and staffing requirements (WFM engine spec §4, §6.4). Percentages are 0–100 with
// 2 decimals, seconds have at most 3 decimals, agents are unrounded; an undefined ratio, a value for
// an interval not closed yet or a column the skill's category lacks is `null`.

const n = () => z.number().nullable();

/** `GET /wfm/v1/intraday`. */
export const intradayQuerySchema = z.object({
  skillId: z.uuid(),
  date: localDateSchema,
  granularity: z.enum(['15', '30', '60']).default('15'),
});

/** One row (an interval or the day total) of the intraday view. */
export const intradayRowSchema = z.object({
  intervalStart: z.string().nullable(),
  /** Local wall-clock label `HH:mm` in the skill's zone. */
  label: z.string(),
  closed: z.boolean(),
  reported: z.boolean(),
  actualContacts: n(),
  handled: n(),
  actualAhtSeconds: n(),
  serviceLevelPct: n(),
  acdServiceLevelPct: n(),
  asaSeconds: n(),
  abandonRatePct: n(),
  forecastContacts: n(),
  forecastAhtSeconds: n(),
  reforecastContacts: n(),
  reforecastAhtSeconds: n(),
  requiredAgents: n(),
  requiredAtActual: n(),
  requiredReforecast: n(),
  scheduledAgents: n(),
  staffedAgents: n(),
  projectedServiceLevelPct: n(),
  varianceScheduledRequired: n(),
  varianceStaffedRequired: n(),
  /** Day total only: Σ of positive and of negative scheduled − required, kept apart. */
  overstaffed: n(),
  understaffed: n(),
  varianceContacts: n(),
  varianceContactsPct: n(),
  varianceAhtSeconds: n(),
  varianceServiceLevelPct: n(),
  backlog: n(),
  backlogNotExpired: n(),
  backlogExpired: n(),
  projectedBacklog: n(),
  workloadHours: n(),
});
export type IntradayRow = z.infer<typeof intradayRowSchema>;

/**
 * How a skill is sized (engine spec §6.3): the model applied (an Erlang A skill without enough abandons
 * to estimate a patience is sized by Erlang C) and, under Erlang A, the patience used.
 */
export const staffingBasisSchema = {
  staffingModel: z.enum(['ERLANG_C', 'ERLANG_A']),
  patience: z
    .object({
      /** SET: the skill's patienceSeconds; ESTIMATED: θ̂ = Σ abandonedLong / Σ waiting over the last 8 weeks. */
      source: z.enum(['SET', 'ESTIMATED']),
      seconds: z.number(),
      /** patienceApprox: waits approximated from interval totals (queue delay + long abandons × ASA). */
      approx: z.boolean(),
      abandons: z.int().nullable(),
    })
    .nullable(),
};

export const intradayResponseSchema = z.object({
  skillId: z.uuid(),
  date: localDateSchema,
  timeZone: z.string(),
  category: z.enum(['REAL_TIME', 'DEFERRABLE']),
  outbound: z.boolean(),
  paradigm: z.enum(['WCE', 'TTI']),
  granularityMinutes: z.int(),
  forecast: z.object({ runId: z.uuid(), version: z.int(), method: z.string().nullable(), paradigm: z.enum(['WCE', 'TTI']) }).nullable(),
  paradigmMismatch: z.boolean(),
  excludedSeries: z.array(z.object({ queueValue: z.string(), paradigm: z.enum(['WCE', 'TTI']), intervals: z.int() })),
  reforecast: z.object({ ratio: z.number(), ahtRatio: z.number(), closedIntervals: z.int() }).nullable(),
  serviceLevelGoal: z.object({ percent: z.number(), seconds: z.number() }).nullable(),
  ...staffingBasisSchema,
  intervals: z.array(intradayRowSchema),
  total: intradayRowSchema,
});
export type IntradayResponse = z.infer<typeof intradayResponseSchema>;

/** `GET /wfm/v1/staffing/requirements`: UTC instants, `to` exclusive. */
export const staffingRequirementsQuerySchema = z.object({
  skillId: z.uuid(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, { error: 'must be a UTC ISO-8601 instant ending in Z' }),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, { error: 'must be a UTC ISO-8601 instant ending in Z' }),
});
export const staffingRequirementsResponseSchema = z.object({
  skillId: z.uuid(),
  forecast: z.object({ runId: z.uuid(), version: z.int() }).nullable(),
  ...staffingBasisSchema,
  items: z.array(
    z.object({
      intervalStart: z.string(),
      contacts: z.number(),
      ahtSeconds: z.number().nullable(),
      requiredAgents: z.number().nullable(),
      scheduledAgents: z.number().nullable(),
      serviceLevel: z.number().nullable(),
      occupancy: z.number().nullable(),
    }),
  ),
});
