import { z } from 'zod';

// Forecast runs, intervals, accuracy, import and special days (WFM engine spec §5). Instants are UTC
// ISO-8601 with `Z`; dates are the skill's local calendar dates; ratios (WAPE, bias) are fractions,
// `null` when undefined (no actual volume).

const uuid = () => z.uuid();
/** A calendar date `YYYY-MM-DD` that exists. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: 'must be a real calendar date' });
const instant = () => z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, { error: 'must be a UTC ISO-8601 instant ending in Z' });
const ratio = () => z.number().nullable();

/** Methods a run may ask for; `AUTO` back-tests them all (§5.3). */
export const forecastRequestMethodSchema = z.enum(['AUTO', 'WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS']);
/** Methods a stored run may carry. */
export const forecastMethodSchema = z.enum(['WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS', 'IMPORTED']);
export const forecastStatusSchema = z.enum(['ACTIVE', 'SUPERSEDED', 'FAILED', 'INSUFFICIENT_HISTORY']);

/**
 * Body of `POST /wfm/v1/forecasts/runs`.
 *
 * @example
 * forecastRunRequestSchema.parse({ skillIds: ['5f0c…'], method: 'AUTO' });
 */
export const forecastRunRequestSchema = z.object({
  /** At most 200: runs are synchronous, ~0.1–0.15 s a skill with its reads and writes. */
  skillIds: z.array(uuid()).min(1).max(200),
  method: forecastRequestMethodSchema.default('AUTO'),
  historyWeeks: z.int().min(2).max(26).default(8),
  horizonDays: z.int().min(1).max(366).default(28),
  /** First forecast date in each skill's zone (default: today there); history ends the day before. */
  from: localDateSchema.optional(),
});
export type ForecastRunRequest = z.infer<typeof forecastRunRequestSchema>;

/** One candidate's back-test metrics (interval level, §5.5). */
export const candidateMetricsSchema = z.object({
  method: z.enum(['WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS']),
  wape: ratio(),
  bias: ratio(),
  mase: ratio(),
  wapeFloor: ratio(),
  wapeOverFloor: ratio(),
});
export type CandidateMetrics = z.infer<typeof candidateMetricsSchema>;

export const forecastRunSchema = z.object({
  id: uuid(),
  skillId: uuid(),
  version: z.int(),
  method: forecastMethodSchema.nullable(),
  requestedMethod: z.string().nullable(),
  paradigm: z.enum(['WCE', 'TTI']),
  params: z.record(z.string(), z.unknown()),
  historyFrom: localDateSchema.nullable(),
  historyTo: localDateSchema.nullable(),
  horizonFrom: localDateSchema,
  horizonDays: z.int(),
  backtest: z.array(candidateMetricsSchema),
  status: forecastStatusSchema,
  error: z.string().nullable(),
  createdAt: instant(),
});
export type ForecastRun = z.infer<typeof forecastRunSchema>;

export const forecastRunsResponseSchema = z.object({ runs: z.array(forecastRunSchema) });
export const forecastRunListSchema = z.object({ items: z.array(forecastRunSchema), nextCursor: z.string().nullable() });

export const forecastListQuerySchema = z.object({
  skillId: uuid(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional(),
});

/** `from`/`to` are UTC instants (`to` exclusive, default the run's horizon); `version` defaults to the active run. */
export const forecastRangeQuerySchema = z.object({
  from: instant().optional(),
  to: instant().optional(),
  version: z.coerce.number().int().min(1).optional(),
});

export const forecastIntervalSchema = z.object({
  intervalStart: instant(),
  contacts: z.number(),
  ahtSeconds: z.number().nullable(),
});
export const forecastIntervalsResponseSchema = z.object({
  run: forecastRunSchema,
  items: z.array(forecastIntervalSchema),
});

export const accuracySchema = z.object({
  wape: ratio(),
  bias: ratio(),
  mase: ratio(),
  wapeFloor: ratio(),
  wapeOverFloor: ratio(),
  count: z.int(),
  actualTotal: z.number(),
  forecastTotal: z.number(),
});
export const forecastAccuracyResponseSchema = z.object({
  run: forecastRunSchema,
  /** Scored local dates, inclusive. */
  from: localDateSchema,
  to: localDateSchema,
  interval: accuracySchema,
  day: accuracySchema,
  perHorizonDay: z.array(accuracySchema.extend({ date: localDateSchema, horizonDay: z.int() })),
});
export type ForecastAccuracyResponse = z.infer<typeof forecastAccuracyResponseSchema>;

/** `GET /wfm/v1/forecasts/{skillId}/accuracy`: local dates, inclusive. */
export const forecastAccuracyQuerySchema = z.object({
  from: localDateSchema,
  to: localDateSchema,
  version: z.coerce.number().int().min(1).optional(),
});

export const forecastImportRowSchema = z.object({
  intervalStart: instant(),
  contacts: z.number().min(0),
  ahtSeconds: z.number().gt(0).nullable(),
});
/**
 * Body of `POST /wfm/v1/forecasts/import` as JSON; as `text/csv` the rows come as the file
 * (`intervalStart,contacts,ahtSeconds`) and `skillId`, `paradigm` as query parameters.
 *
 * @example
 * forecastImportRequestSchema.parse({ skillId, rows: [{ intervalStart: '2026-03-02T09:00:00Z', contacts: 40, ahtSeconds: 300 }] });
 */
export const forecastImportRequestSchema = z.object({
  skillId: uuid(),
  paradigm: z.enum(['WCE', 'TTI']).default('WCE'),
  rows: z.array(forecastImportRowSchema).min(1).max(100_000),
});
export const forecastImportQuerySchema = z.object({
  skillId: uuid().optional(),
  paradigm: z.enum(['WCE', 'TTI']).optional(),
});

const specialDayFields = {
  date: localDateSchema,
  label: z.string().trim().min(1).max(200),
  excludeFromHistory: z.boolean().default(true),
  factor: z.number().min(0).max(100).default(1),
};
/**
 * Body of `POST /wfm/v1/special-days` and `PUT /wfm/v1/special-days/{id}`: either `skillIds` or `all: true`.
 *
 * @example
 * specialDayRequestSchema.parse({ date: '2026-12-25', all: true, label: 'Christmas', factor: 0.2 });
 */
export const specialDayRequestSchema = z
  .object({ ...specialDayFields, skillIds: z.array(uuid()).min(1).max(1000).optional(), all: z.boolean().optional() })
  .refine((b) => (b.all === true) !== (b.skillIds !== undefined), { error: 'give either skillIds or all: true', path: ['skillIds'] });
export type SpecialDayRequest = z.infer<typeof specialDayRequestSchema>;

export const specialDaySchema = z.object({
  id: uuid(),
  date: localDateSchema,
  /** `null` when the day applies to all skills. */
  skillIds: z.array(uuid()).nullable(),
  all: z.boolean(),
  label: z.string(),
  excludeFromHistory: z.boolean(),
  factor: z.number(),
  version: z.int(),
  createdAt: instant(),
  updatedAt: instant(),
});
export type SpecialDay = z.infer<typeof specialDaySchema>;
export const specialDayListSchema = z.object({ items: z.array(specialDaySchema), nextCursor: z.string().nullable() });
export const specialDayListQuerySchema = z.object({
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  skillId: uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional(),
});
