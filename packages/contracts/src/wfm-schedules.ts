import { z } from 'zod';

// Schedules (WFM engine spec §1.8, §1.9): imports, publication versions, day edits and reads.
// Segment times are accepted as ISO-8601 with an offset or as `YYYY-MM-DD HH:mm` in the employee's
// scheduling-unit zone; the server resolves them, so the schemas only bound their length here.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date `YYYY-MM-DD` (a real one: no 2026-02-30).
 * @example localDateSchema.parse('2026-03-29');
 */
export const localDateSchema = z.string().refine((value) => {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}, 'must be a date YYYY-MM-DD');

/** Longest coverage of one import or read, in days (inclusive range). */
export const MAX_SCHEDULE_RANGE_DAYS = 92;
/** Most segments one import takes. */
export const MAX_SCHEDULE_IMPORT_SEGMENTS = 100_000;

const timeText = z.string().min(1).max(40);
const uuid = z.uuid();

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/**
 * Which employee-dates a publication replaces: every employee of one SU, or the listed employees,
 * on the SU-local dates `fromDate..toDate` (inclusive).
 * @example scheduleCoverageSchema.parse({ schedulingUnitId: su, fromDate: '2026-03-02', toDate: '2026-03-08' });
 */
export const scheduleCoverageSchema = z
  .object({
    schedulingUnitId: uuid.optional(),
    employeeIds: z.array(uuid).min(1).max(10_000).optional(),
    fromDate: localDateSchema,
    toDate: localDateSchema,
  })
  .superRefine((c, ctx) => {
    if ((c.schedulingUnitId === undefined) === (c.employeeIds === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['schedulingUnitId'], message: 'give exactly one of schedulingUnitId and employeeIds' });
    }
    if (DATE_PATTERN.test(c.fromDate) && DATE_PATTERN.test(c.toDate)) {
      const days = daysBetween(c.fromDate, c.toDate);
      if (days < 1) ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'must not be before fromDate' });
      else if (days > MAX_SCHEDULE_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['toDate'], message: `must be at most ${MAX_SCHEDULE_RANGE_DAYS} days after fromDate (inclusive)` });
    }
  });
export type ScheduleCoverage = z.infer<typeof scheduleCoverageSchema>;

/**
 * One segment of a JSON import: `employeeId` is an id or an email, `activityCodeId` an id or a name.
 * @example { employeeId: 'ann@example.com', activityCodeId: 'Open', start: '2026-03-02T09:00:00Z', end: '2026-03-02 17:00' }
 */
export const scheduleImportSegmentSchema = z.object({
  employeeId: z.string().min(1).max(320),
  activityCodeId: z.string().min(1).max(200),
  start: timeText,
  end: timeText,
});

/** Body of a JSON `POST /wfm/v1/schedules/imports`. */
export const scheduleImportRequestSchema = z.object({
  coverage: scheduleCoverageSchema,
  segments: z.array(scheduleImportSegmentSchema).max(MAX_SCHEDULE_IMPORT_SEGMENTS),
});
export type ScheduleImportRequest = z.infer<typeof scheduleImportRequestSchema>;

const commaUuids = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v !== ''))
  .pipe(z.array(uuid).min(1).max(1000));

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Query of `POST /wfm/v1/schedules/imports`: `publish`, and for CSV bodies the coverage. */
export const scheduleImportQuerySchema = z.object({
  publish: booleanText.optional(),
  schedulingUnitId: uuid.optional(),
  employeeIds: commaUuids.optional(),
  fromDate: localDateSchema.optional(),
  toDate: localDateSchema.optional(),
});

/** A row error or warning: `path` is `line N` (CSV, header = line 1) or `segments[i]` (JSON). */
export const scheduleIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ScheduleIssue = z.infer<typeof scheduleIssueSchema>;

/** An import as stored: validated when posted, kept with its errors whether or not it publishes. */
export const scheduleImportSchema = z.object({
  id: uuid,
  status: z.enum(['VALID', 'INVALID', 'PUBLISHED']),
  format: z.enum(['JSON', 'CSV']),
  coverage: z.object({
    schedulingUnitId: uuid.optional(),
    employeeIds: z.array(uuid).optional(),
    fromDate: z.string(),
    toDate: z.string(),
  }),
  counts: z.object({
    rows: z.number().int(),
    segments: z.number().int(),
    employees: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
  errors: z.array(scheduleIssueSchema),
  warnings: z.array(scheduleIssueSchema),
  publishedVersion: z.number().int().nullable(),
  createdAt: z.string(),
});
export type ScheduleImport = z.infer<typeof scheduleImportSchema>;

/** 422 body of an import with row errors: the failure shape plus the stored import's id. */
export const scheduleImportFailureSchema = z.object({
  status: z.literal('FAILURE'),
  statusReason: z.literal('UNPROCESSABLE'),
  errors: z.array(scheduleIssueSchema),
  importId: uuid,
});

/** Answer of a publication (import publish or day edit). */
export const schedulePublicationSchema = z.object({
  version: z.number().int(),
  employeeIds: z.array(uuid),
  from: z.string(),
  to: z.string(),
});
export type SchedulePublication = z.infer<typeof schedulePublicationSchema>;

/** Body of `PUT /wfm/v1/schedules/employees/{id}/days/{date}`; `[]` = day off. */
export const scheduleDayEditSchema = z.object({
  segments: z
    .array(z.object({ activityCodeId: z.string().min(1).max(200), start: timeText, end: timeText }))
    .max(200),
});
export type ScheduleDayEdit = z.infer<typeof scheduleDayEditSchema>;

/** Query of `GET /wfm/v1/schedules`. */
export const schedulesQuerySchema = z
  .object({
    from: localDateSchema,
    to: localDateSchema,
    employeeIds: commaUuids.optional(),
    schedulingUnitId: uuid.optional(),
    asOfVersion: z.coerce.number().int().min(1).optional(),
    flatten: booleanText.default(true),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: uuid.optional(),
  })
  .superRefine((q, ctx) => {
    if (DATE_PATTERN.test(q.from) && DATE_PATTERN.test(q.to)) {
      const days = daysBetween(q.from, q.to);
      if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
      else if (days > MAX_SCHEDULE_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_SCHEDULE_RANGE_DAYS} days after from (inclusive)` });
    }
  });

/** A published segment: `priority` and `date` (the employee-date it was published under) only when not flattened. */
export const scheduledSegmentSchema = z.object({
  activityCodeId: uuid,
  start: z.string(),
  end: z.string(),
  priority: z.number().int().optional(),
  date: z.string().optional(),
});

/** One employee's published schedule over the asked dates. */
export const employeeScheduleSchema = z.object({
  employeeId: uuid,
  schedulingUnitId: uuid,
  /** Covered dates; covered without segments = day off, uncovered = no schedule. */
  coveredDates: z.array(z.string()),
  segments: z.array(scheduledSegmentSchema),
});

/** Answer of `GET /wfm/v1/schedules`; `version` null = nothing published yet. */
export const schedulesResponseSchema = z.object({
  version: z.number().int().nullable(),
  items: z.array(employeeScheduleSchema),
  nextCursor: z.string().nullable(),
});
export type SchedulesResponse = z.infer<typeof schedulesResponseSchema>;
