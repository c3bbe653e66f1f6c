import { z } from 'zod';
import { utcTimestampSchema } from './timestamp.js';
import { intervalMinutesSchema, paradigmSchema } from './wfm-acd.js';

/** Health of a connector or of a tenant's ACD feed (spec §4.7). */
export const connectionStatusSchema = z.enum(['CONNECTED', 'DEGRADED', 'DISCONNECTED']);
/** `"CONNECTED"`, `"DEGRADED"` or `"DISCONNECTED"`. */
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

/** Why a feed is not CONNECTED; `null` on the wire when it is. */
export const connectionReasonSchema = z.enum(['NO_HEARTBEAT', 'QUEUE_REPORT_MISSING', 'ACTIVITY_REPORT_MISSING', 'SOURCE_FAILURE']);
/** One of the four reasons of spec §3.6. */
export type ConnectionReason = z.infer<typeof connectionReasonSchema>;

const instantOrNull = utcTimestampSchema.nullable();

/**
 * Answer of `GET /wfm/acd/v1/details` (spec §3.1): the tenant's ACD configuration.
 *
 * @example
 * { acdType: 'Generic', tenantId: 't1', tenantName: 'Acme', intervalMinutes: 15, paradigm: 'WCE', minimumStateSeconds: 3,
 *   heartbeatSeconds: 30, serverTime: '2024-04-17T10:00:00.000Z', limits: { maxStatesPerRequest: 5000, maxBodyBytes: 4194304, maxReportRows: 10000 } }
 */
export const wfmDetailsResponseSchema = z.object({
  acdType: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  intervalMinutes: intervalMinutesSchema,
  paradigm: paradigmSchema,
  minimumStateSeconds: z.number().int().min(0).max(60),
  heartbeatSeconds: z.number().int().min(1),
  serverTime: utcTimestampSchema,
  limits: z.object({
    maxStatesPerRequest: z.number().int().min(1),
    maxBodyBytes: z.number().int().min(1),
    maxReportRows: z.number().int().min(1),
  }),
});
/** The tenant's ACD configuration as served by `/details`. */
export type WfmDetailsResponse = z.infer<typeof wfmDetailsResponseSchema>;

/** One connector heard from in the last 24 h. */
export const connectorStatusSchema = z.object({
  connectorName: z.string(),
  connectorVersion: z.string(),
  status: connectionStatusSchema,
  reason: connectionReasonSchema.nullable(),
  lastHeartbeatAt: instantOrNull,
});
/** One connector's status in `/connection`. */
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;

/**
 * Answer of `GET /wfm/acd/v1/connection` (spec §3.6); instants never seen are `null`.
 *
 * @example
 * { status: 'DISCONNECTED', reason: 'NO_HEARTBEAT', since: null, serverTime: '2024-04-17T10:00:00.000Z', heartbeatSeconds: 30,
 *   lastHeartbeatAt: null, lastAgentStateAt: null, lastQueueIntervalEnd: null, lastActivityIntervalEnd: null, connectors: [] }
 */
export const wfmConnectionResponseSchema = z.object({
  status: connectionStatusSchema,
  reason: connectionReasonSchema.nullable(),
  since: instantOrNull,
  serverTime: utcTimestampSchema,
  heartbeatSeconds: z.number().int().min(1),
  lastHeartbeatAt: instantOrNull,
  lastAgentStateAt: instantOrNull,
  lastQueueIntervalEnd: instantOrNull,
  lastActivityIntervalEnd: instantOrNull,
  connectors: z.array(connectorStatusSchema),
});
/** The tenant's ACD feed status as served by `/connection`. */
export type WfmConnectionResponse = z.infer<typeof wfmConnectionResponseSchema>;
