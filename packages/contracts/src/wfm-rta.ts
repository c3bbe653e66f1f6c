import { z } from 'zod';

// Real-time adherence (WFM engine spec §2.3, §2.5): the board entry, the snapshot, the deltas pushed
// over SSE and WebSocket, and the WebSocket client's subscription message. Instants are UTC ISO-8601.

const instant = () => z.string().describe('UTC ISO-8601 instant');

/** RTA states (§2.2 step 7–8, plus the not-calculated and unscheduled outcomes). */
export const rtaStateSchema = z.enum(['IN', 'OUT', 'OUT_OPEN', 'SEVERE', 'NEUTRAL', 'UNSCHEDULED', 'NOT_CALCULATED']);
/** Why a state could not be calculated (§2.2 steps 1–4). */
export const rtaNotCalculatedReasonSchema = z.enum(['NO_ACD_LOGIN', 'FEED_DOWN', 'EVENT_UNMAPPED', 'NO_SCHEDULE']);

/**
 * One agent on the RTA board (§2.3). `actual.activityCodeId` is `null` for an unmapped event;
 * `actual.since` is `null` while the agent never had an event (read as Logoff).
 *
 * @example
 * rtaAgentSchema.parse(snapshot.agents[0]).state === 'IN';
 */
export const rtaAgentSchema = z.object({
  employeeId: z.string(),
  name: z.string(),
  schedulingUnitId: z.string(),
  skillIds: z.array(z.string()),
  actual: z.object({
    activityCodeId: z.string().nullable(),
    name: z.string(),
    eventCode: z.string(),
    reasonCode: z.string(),
    since: instant().nullable(),
  }),
  scheduled: z.object({ activityCodeId: z.string(), name: z.string(), start: instant(), end: instant() }).nullable(),
  next: z.object({ activityCodeId: z.string().nullable(), at: instant() }).nullable(),
  state: rtaStateSchema,
  notCalculatedReason: rtaNotCalculatedReasonSchema.nullable(),
  stateSince: instant(),
  outSince: instant().nullable(),
  severeAt: instant().nullable(),
  seq: z.number().int(),
});

/** Filter of the snapshot and of the WebSocket subscription (the SU scope of the caller always applies too). */
export const rtaFilterSchema = z.object({
  schedulingUnitId: z.uuid().optional(),
  skillId: z.uuid().optional(),
  state: rtaStateSchema.optional(),
});

/** Query of `GET /wfm/v1/rta/agents`. */
export const rtaAgentsQuerySchema = rtaFilterSchema;

/**
 * Answer of `GET /wfm/v1/rta/agents`: `seq` is the tenant's last sequence number reflected in the
 * snapshot (resume the SSE stream from it), `counts` counts the filtered agents by state.
 *
 * @example
 * const { seq, agents, counts } = rtaAgentsResponseSchema.parse(body);
 */
export const rtaAgentsResponseSchema = z.object({
  asOf: instant(),
  seq: z.number().int(),
  agents: z.array(rtaAgentSchema),
  counts: z.record(rtaStateSchema, z.number().int()),
});

/** A delta pushed over SSE (`data:`) and WebSocket. */
export const rtaDeltaSchema = z.object({ seq: z.number().int(), agent: rtaAgentSchema });

/** Query of `GET /wfm/v1/rta/events` (SSE); `lastEventId` stands in for the `Last-Event-ID` header. */
export const rtaEventsQuerySchema = rtaFilterSchema.extend({
  lastEventId: z.coerce.number().int().min(0).optional(),
  access_token: z.string().optional(),
});

/** What a WebSocket client sends to (re)subscribe: its filter and, to resume, the last `seq` it has. */
export const rtaStreamSubscribeSchema = z.object({
  filter: rtaFilterSchema.default({}),
  lastSeq: z.number().int().min(0).optional(),
});

export type RtaState = z.infer<typeof rtaStateSchema>;
export type RtaNotCalculatedReason = z.infer<typeof rtaNotCalculatedReasonSchema>;
export type RtaAgent = z.infer<typeof rtaAgentSchema>;
export type RtaFilter = z.infer<typeof rtaFilterSchema>;
export type RtaAgentsResponse = z.infer<typeof rtaAgentsResponseSchema>;
export type RtaDelta = z.infer<typeof rtaDeltaSchema>;
export type RtaStreamSubscribe = z.infer<typeof rtaStreamSubscribeSchema>;
