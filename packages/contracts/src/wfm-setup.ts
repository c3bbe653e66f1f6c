import { z } from 'zod';
import { integer, text, timestamp } from './fields.js';

// WFM setup model and admin API (`/wfm/v1`, WFM engine spec §1.1–1.7). Writes take a `*Input`
// schema (defaults applied here, so the server stores what the client would read back); reads
// answer the entity schema. Checks that need the tenant's data (time zones, references, claims)
// are the server's.

const uuid = () => z.uuid();
const color = () => z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: 'must be a colour #RRGGBB' });
const name = () => text(0, 200).refine((s) => s.trim().length > 0, { error: 'must not be blank' });
/** An ACD's id or type qualifying a login, queue or event; absent = any ACD. `"*"` is the same as absent. */
const source = () =>
  text(1, 64)
    .optional()
    .transform((s) => (s === '*' ? undefined : s));

/** Query of every setup list (§1.1). */
export const setupListQuerySchema = z.object({
  limit: z.coerce.number().pipe(integer(1, 1000)).default(100),
  cursor: text(1, 200).optional(),
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'archived employees, SUs, skills and codes are left out unless true' }),
});
export type SetupListQuery = z.output<typeof setupListQuerySchema>;

/** `{items, nextCursor}`: `nextCursor` is null on the last page. */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const stamps = {
  id: uuid(),
  version: z.number().int(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
};
const archivable = { archived: z.boolean(), archivedAt: timestamp().nullable() };

/** Fields with a duplicate key (by `keyOf`) get one issue each, naming the earlier index. */
function uniqueBy<T>(keyOf: (item: T) => string, what: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const k = keyOf(item);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${what} of item ${first}` });
    });
  };
}

// Employees (§1.2) ------------------------------------------------------------------------------

export const acdLoginSchema = z.object({ loginId: text(1, 256), source: source() });
export type AcdLoginDto = z.output<typeof acdLoginSchema>;

export const employeeSkillSchema = z.object({
  skillId: uuid(),
  proficiency: integer(1, 100).optional().meta({ description: '1–10; above 10 is accepted and listed as a warning by setup/issues' }),
});

export const employeeInputSchema = z.object({
  name: name(),
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  acdLogins: z
    .array(acdLoginSchema)
    .max(10)
    .default([])
    .superRefine(uniqueBy((l: AcdLoginDto) => `${l.source ?? '*'}\u0000${l.loginId}`, '(source, loginId)')),
  schedulingUnitId: uuid().optional().meta({ description: "default: the tenant's default scheduling unit" }),
  skills: z
    .array(employeeSkillSchema)
    .max(500)
    .default([])
    .superRefine(uniqueBy((s: { skillId: string }) => s.skillId, 'skillId')),
  canBeScheduled: z.boolean().default(true),
  active: z.boolean().default(true),
  userId: uuid().nullable().default(null),
});
export type EmployeeInput = z.output<typeof employeeInputSchema>;

export const employeeSchema = z.object({
  ...stamps,
  name: z.string(),
  email: z.string(),
  acdLogins: z.array(z.object({ loginId: z.string(), source: z.string().optional() })),
  schedulingUnitId: uuid(),
  skills: z.array(z.object({ skillId: uuid(), proficiency: z.number().int().optional() })),
  canBeScheduled: z.boolean(),
  active: z.boolean(),
  userId: uuid().nullable(),
  ...archivable,
});
export type Employee = z.infer<typeof employeeSchema>;

// Scheduling units (§1.3) -----------------------------------------------------------------------

const clock = (max24: boolean) =>
  z.string().regex(max24 ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/, {
    error: max24 ? 'must be HH:mm from 00:00 to 24:00' : 'must be HH:mm from 00:00 to 23:59',
  });

export const operatingHoursSchema = z.union([
  z.object({ allDay: z.literal(true) }),
  z
    .array(
      z
        .object({ weekday: integer(1, 7), open: clock(false), close: clock(true) })
        .refine((d) => d.open !== d.close, { error: 'close must differ from open (close before open = next day)', path: ['close'] }),
    )
    .min(1)
    .max(50),
]);
export type OperatingHours = z.output<typeof operatingHoursSchema>;

export const suAdherenceSchema = z.object({
  exceptionThresholdSeconds: integer(0, 3600).default(0),
  alarmThresholdSeconds: integer(0, 7200).default(300),
});

export const schedulingUnitInputSchema = z.object({
  name: name(),
  timeZone: text(1, 64).optional().meta({ description: "IANA zone; default: the default scheduling unit's" }),
  firstDayOfWeek: integer(1, 7).default(1),
  operatingHours: operatingHoursSchema.default({ allDay: true }),
  adherence: suAdherenceSchema.default({ exceptionThresholdSeconds: 0, alarmThresholdSeconds: 300 }),
});
export type SchedulingUnitInput = z.output<typeof schedulingUnitInputSchema>;

export const schedulingUnitSchema = z.object({
  ...stamps,
  name: z.string(),
  timeZone: z.string(),
  firstDayOfWeek: z.number().int(),
  operatingHours: operatingHoursSchema,
  adherence: z.object({ exceptionThresholdSeconds: z.number().int(), alarmThresholdSeconds: z.number().int() }),
  isDefault: z.boolean(),
  ...archivable,
});
export type SchedulingUnit = z.infer<typeof schedulingUnitSchema>;

// Skills (§1.4) ---------------------------------------------------------------------------------

export const skillChannelSchema = z.enum(['VOICE', 'CHAT', 'SMS', 'EMAIL', 'SOCIAL', 'WORK_ITEM', 'OUTBOUND']);
export const skillCategorySchema = z.enum(['REAL_TIME', 'DEFERRABLE']);
export const setupParadigmSchema = z.enum(['WCE', 'TTI']);

export const serviceLevelGoalSchema = z.object({ percent: z.number().min(1).max(100), seconds: integer(0, 31_536_000) });

export const skillStaffingSchema = z.object({
  model: z.enum(['ERLANG_C', 'ERLANG_A']).default('ERLANG_C'),
  maxOccupancy: z.number().min(0.5).max(1).default(0.9),
  shrinkage: z.number().min(0).max(0.9).default(0),
  concurrency: integer(1, 20).default(1),
  patienceSeconds: z.number().gt(0).max(86_400).optional(),
  fractional: z.enum(['NONE', 'GAMMA', 'LINEAR']).default('NONE'),
});

export const acdQueueSchema = z.object({ queueValue: text(1, 256), source: source() });
export type AcdQueueDto = z.output<typeof acdQueueSchema>;

export const skillInputSchema = z
  .object({
    name: name(),
    color: color().default('#4060C0'),
    channel: skillChannelSchema,
    category: skillCategorySchema.optional().meta({ description: 'default: REAL_TIME for VOICE, CHAT, SMS, OUTBOUND; DEFERRABLE otherwise' }),
    serviceLevelGoal: serviceLevelGoalSchema
      .nullable()
      .optional()
      .meta({ description: 'default 80 % in 20 s (real-time), 90 % in 86 400 s (deferrable); must be absent or null for OUTBOUND' }),
    shortAbandonThresholdSeconds: integer(0, 3600).default(5),
    acdQueues: z
      .array(acdQueueSchema)
      .max(500)
      .default([])
      .superRefine(uniqueBy((q: AcdQueueDto) => `${q.source ?? '*'}\u0000${q.queueValue}`, '(source, queueValue)')),
    paradigm: setupParadigmSchema.default('WCE'),
    timeZone: text(1, 64).optional().meta({ description: "IANA zone; default: the tenant's (its default scheduling unit's)" }),
    staffing: skillStaffingSchema.default({ model: 'ERLANG_C', maxOccupancy: 0.9, shrinkage: 0, concurrency: 1, fractional: 'NONE' }),
  })
  .superRefine((s, ctx) => {
    if (s.channel === 'OUTBOUND' && s.serviceLevelGoal) {
      ctx.addIssue({ code: 'custom', path: ['serviceLevelGoal'], message: 'must be absent or null for an OUTBOUND skill' });
    }
  })
  .transform((s) => {
    const category = s.category ?? (['VOICE', 'CHAT', 'SMS', 'OUTBOUND'].includes(s.channel) ? 'REAL_TIME' : 'DEFERRABLE');
    const goal =
      s.channel === 'OUTBOUND' ? null : (s.serviceLevelGoal ?? (category === 'REAL_TIME' ? { percent: 80, seconds: 20 } : { percent: 90, seconds: 86_400 }));
    return { ...s, category, serviceLevelGoal: goal };
  });
export type SkillInput = z.output<typeof skillInputSchema>;

export const skillSchema = z.object({
  ...stamps,
  name: z.string(),
  color: z.string(),
  channel: skillChannelSchema,
  category: skillCategorySchema,
  serviceLevelGoal: z.object({ percent: z.number(), seconds: z.number().int() }).nullable(),
  shortAbandonThresholdSeconds: z.number().int(),
  acdQueues: z.array(z.object({ queueValue: z.string(), source: z.string().optional() })),
  paradigm: setupParadigmSchema,
  timeZone: z.string(),
  staffing: z.object({
    model: z.enum(['ERLANG_C', 'ERLANG_A']),
    maxOccupancy: z.number(),
    shrinkage: z.number(),
    concurrency: z.number().int(),
    patienceSeconds: z.number().optional(),
    fractional: z.enum(['NONE', 'GAMMA', 'LINEAR']),
  }),
  ...archivable,
});
export type Skill = z.infer<typeof skillSchema>;

// Activity codes (§1.5) -------------------------------------------------------------------------

export const activityCategorySchema = z.enum(['OPEN', 'BREAK', 'LUNCH', 'MEETING', 'TRAINING', 'BUSY', 'OUT_OF_OFFICE', 'OFFLINE']);

export const activityCodeInputSchema = z
  .object({
    name: name(),
    displayAs: activityCategorySchema,
    priority: integer(1, 10).default(5),
    open: z.boolean().optional().meta({ description: 'default: true when displayAs is OPEN' }),
    paid: z.boolean().default(true),
    payrollCode: text(0, 32).default(''),
    color: color().default('#808080'),
    schedulable: z.boolean().default(true),
  })
  .transform((c) => ({ ...c, open: c.open ?? c.displayAs === 'OPEN' }));
export type ActivityCodeInput = z.output<typeof activityCodeInputSchema>;

export const activityCodeSchema = z.object({
  ...stamps,
  name: z.string(),
  displayAs: activityCategorySchema,
  priority: z.number().int(),
  open: z.boolean(),
  paid: z.boolean(),
  payrollCode: z.string(),
  color: z.string(),
  schedulable: z.boolean(),
  builtin: z.enum(['LOGIN', 'LOGOFF']).nullable(),
  ...archivable,
});
export type ActivityCodeDto = z.infer<typeof activityCodeSchema>;

// Event mappings (§1.6) -------------------------------------------------------------------------

export const eventMappingInputSchema = z.object({
  source: source(),
  eventCode: text(1, 256),
  reasonCode: text(0, 256).meta({ description: 'exact reason, "" = no reason, "*" = any reason' }),
  activityCodeId: uuid(),
});
export type EventMappingInput = z.output<typeof eventMappingInputSchema>;

const mappingKey = (m: EventMappingInput) => `${m.source ?? '*'}\u0000${m.eventCode}\u0000${m.reasonCode}`;

/** Body of `PUT /wfm/v1/event-mappings`: the whole set, replacing the stored one. */
export const eventMappingSetSchema = z.object({
  mappings: z.array(eventMappingInputSchema).max(10_000).superRefine(uniqueBy(mappingKey, '(source, eventCode, reasonCode)')),
});

export const eventMappingSchema = z.object({
  ...stamps,
  source: z.string().optional(),
  eventCode: z.string(),
  reasonCode: z.string(),
  activityCodeId: uuid(),
});
export type EventMappingDto = z.infer<typeof eventMappingSchema>;

// Adherence rules (§1.7) ------------------------------------------------------------------------

export const ruleSideSchema = z.union([z.strictObject({ activityCodeId: uuid() }), z.strictObject({ category: activityCategorySchema })]);
export type RuleSideDto = z.output<typeof ruleSideSchema>;

export const adherenceRuleInputSchema = z.object({
  scheduled: ruleSideSchema,
  actual: ruleSideSchema,
  adherence: z.enum(['IN', 'OUT', 'NEUTRAL']),
  exceptionThresholdSeconds: integer(0, 3600).nullable().default(null).meta({ description: "history only; null = the SU's" }),
  alarmThresholdSeconds: integer(0, 7200).nullable().default(null).meta({ description: "RTA only, 0 = off; null = the SU's" }),
});
export type AdherenceRuleInput = z.output<typeof adherenceRuleInputSchema>;

export const adherenceRuleSchema = z.object({
  ...stamps,
  scheduled: ruleSideSchema,
  actual: ruleSideSchema,
  adherence: z.enum(['IN', 'OUT', 'NEUTRAL']),
  exceptionThresholdSeconds: z.number().int().nullable(),
  alarmThresholdSeconds: z.number().int().nullable(),
});
export type AdherenceRuleDto = z.infer<typeof adherenceRuleSchema>;
