import { z } from 'zod';
import { utcTimestampSchema } from './timestamp.js';

// Historical adherence API (`/wfm/v1/adherence/...`, WFM engine spec §3.5–3.7, §1.7 neutral periods).
// Seconds carry at most 3 decimals, percentages 2 (rounded half away from zero), `null` = undefined ratio.

const describe = (description: string) => ({ description });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const uuidList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
  .pipe(z.array(z.uuid()).max(1000));

/** Why a day has no percentages (§3.4). */
export const adherenceNotCalculatedReasonSchema = z.enum(['NO_ACD_LOGIN', 'NO_SCHEDULE']);

/**
 * Query of `GET adherence/report(.csv)`: SU-local dates, inclusive, at most 62 days.
 * @example adherenceReportQuerySchema.parse({ from: '2026-03-02', to: '2026-03-02', granularity: 'interval' });
 */
export const adherenceReportQuerySchema = z.object({
  schedulingUnitId: z.uuid().optional(),
  employeeIds: uuidList.optional().meta(describe('comma-separated employee ids')),
  from: localDate.meta(describe('first SU-local date, inclusive')),
  to: localDate.meta(describe('last SU-local date, inclusive')),
  granularity: z.enum(['day', 'interval']).default('day'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional(),
});

const seconds = z.number().meta(describe('seconds, at most 3 decimals'));
const percent = z.number().nullable().meta(describe('percent, 2 decimals; null when undefined'));

/** The §3.4 sums and ratios of a row or of the totals. */
const metricsShape = {
  scheduledSeconds: seconds,
  inSeconds: seconds,
  outSeconds: seconds,
  neutralSeconds: seconds,
  unmappedSeconds: seconds,
  unscheduledWorkedSeconds: seconds,
  adherencePct: percent,
  scheduledProductiveSeconds: seconds,
  workedProductiveSeconds: seconds,
  conformancePct: percent,
};

/** One agent-day (`intervalStart` null) or agent-interval of the report (§3.7). */
export const adherenceReportRowSchema = z.object({
  employeeId: z.uuid(),
  employeeName: z.string(),
  schedulingUnitId: z.uuid(),
  schedulingUnit: z.string(),
  date: localDate,
  intervalStart: utcTimestampSchema.nullable().meta(describe('UTC on the wire; the CSV writes it SU-local with offset; null on day rows')),
  scheduledSeconds: seconds.nullable(),
  inSeconds: seconds.nullable(),
  outSeconds: seconds.nullable(),
  neutralSeconds: seconds.nullable(),
  unmappedSeconds: seconds.nullable(),
  unscheduledWorkedSeconds: seconds.nullable(),
  adherencePct: percent,
  scheduledProductiveSeconds: seconds.nullable(),
  workedProductiveSeconds: seconds.nullable(),
  conformancePct: percent,
  exceptionCount: z.number().int().nullable().meta(describe('exceptions of the day (day rows) or starting in the interval')),
  notCalculatedReason: adherenceNotCalculatedReasonSchema.nullable(),
});

export const adherenceTotalsSchema = z.object({ ...metricsShape, exceptionCount: z.number().int() });

export const adherenceReportResponseSchema = z.object({
  items: z.array(adherenceReportRowSchema),
  nextCursor: z.string().nullable(),
  totals: adherenceTotalsSchema.meta(describe('over the whole result (every page): ratios of sums')),
});

/** Query of `GET adherence/exceptions(.csv)`. */
export const adherenceExceptionsQuerySchema = adherenceReportQuerySchema.omit({ granularity: true });

/** One §3.3 exception row with code names. */
export const adherenceExceptionSchema = z.object({
  employeeId: z.uuid(),
  employeeName: z.string(),
  date: localDate,
  start: utcTimestampSchema,
  end: utcTimestampSchema,
  durationSeconds: seconds,
  scheduledActivityId: z.string(),
  scheduledActivity: z.string(),
  actualActivityId: z.string().meta(describe('an activity code id, or UNMAPPED')),
  actualActivity: z.string(),
  eventCode: z.string().nullable(),
  reasonCode: z.string().nullable(),
});

export const adherenceExceptionsResponseSchema = z.object({ items: z.array(adherenceExceptionSchema), nextCursor: z.string().nullable() });

/** Query of `GET adherence/activities` (§3.5). */
export const adherenceActivitiesQuerySchema = adherenceReportQuerySchema
  .omit({ granularity: true })
  .extend({ paradigm: z.enum(['WCE', 'TTI']).default('WCE') });

export const adherenceActivityRowSchema = z.object({
  employeeId: z.uuid(),
  date: localDate,
  intervalStart: utcTimestampSchema,
  activityCodeId: z.string(),
  activity: z.string(),
  seconds,
});

export const adherenceActivitiesResponseSchema = z.object({
  paradigm: z.enum(['WCE', 'TTI']),
  items: z.array(adherenceActivityRowSchema),
  nextCursor: z.string().nullable(),
});

/**
 * Body of `POST adherence/neutral-periods` (§1.7): exactly one of `schedulingUnitId` and `employeeIds`.
 * @example neutralPeriodRequestSchema.parse({ schedulingUnitId, from: '2026-03-02T10:00:00Z', to: '2026-03-02T11:00:00Z', reason: 'ACD outage' });
 */
export const neutralPeriodRequestSchema = z
  .object({
    schedulingUnitId: z.uuid().optional(),
    employeeIds: z.array(z.uuid()).min(1).max(1000).optional(),
    from: utcTimestampSchema,
    to: utcTimestampSchema,
    reason: z.string().trim().min(1).max(500),
  })
  .superRefine((v, ctx) => {
    if ((v.schedulingUnitId === undefined) === (v.employeeIds === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['schedulingUnitId'], message: 'give exactly one of schedulingUnitId and employeeIds' });
    }
    if (Date.parse(v.to) <= Date.parse(v.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    if (Date.parse(v.to) - Date.parse(v.from) > 31 * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a neutral period lasts at most 31 days' });
  });

export const neutralPeriodSchema = z.object({
  id: z.uuid(),
  schedulingUnitId: z.uuid().nullable(),
  employeeIds: z.array(z.uuid()).nullable(),
  from: utcTimestampSchema,
  to: utcTimestampSchema,
  reason: z.string(),
});

/** Body of `POST adherence/recompute`: SU-local dates, inclusive, at most 62 days. */
export const adherenceRecomputeRequestSchema = z.object({
  from: localDate,
  to: localDate,
  employeeIds: z.array(z.uuid()).min(1).max(10_000).optional(),
});

export const adherenceRecomputeResponseSchema = z.object({ jobsQueued: z.number().int() });

export type AdherenceReportQuery = z.infer<typeof adherenceReportQuerySchema>;
export type AdherenceReportRow = z.infer<typeof adherenceReportRowSchema>;
export type AdherenceTotals = z.infer<typeof adherenceTotalsSchema>;
export type AdherenceReportResponse = z.infer<typeof adherenceReportResponseSchema>;
export type AdherenceException = z.infer<typeof adherenceExceptionSchema>;
export type AdherenceActivityRow = z.infer<typeof adherenceActivityRowSchema>;
export type NeutralPeriodRequest = z.infer<typeof neutralPeriodRequestSchema>;
export type NeutralPeriodDto = z.infer<typeof neutralPeriodSchema>;
export type AdherenceRecomputeRequest = z.infer<typeof adherenceRecomputeRequestSchema>;
