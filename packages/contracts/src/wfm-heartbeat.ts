import { z } from 'zod';
import { optionalText, text } from './fields.js';
import { utcTimestampSchema } from './timestamp.js';
import { connectionReasonSchema, connectionStatusSchema } from './wfm-connection.js';

/**
 * Body of `POST /wfm/acd/v1/heartbeat` (spec §3.5).
 *
 * @example
 * heartbeatRequestSchema.parse({ connectorName: 'twilio', sentAt: '2024-04-17T10:00:00Z' });
 * // → { connectorName: 'twilio', connectorVersion: '', sentAt: '2024-04-17T10:00:00Z' }
 */
export const heartbeatRequestSchema = z.object({
  connectorName: text(1, 128),
  connectorVersion: optionalText(64),
  sentAt: utcTimestampSchema,
});
/** A parsed heartbeat. */
export type HeartbeatRequest = z.output<typeof heartbeatRequestSchema>;
/** A heartbeat as a client may send it. */
export type HeartbeatRequestInput = z.input<typeof heartbeatRequestSchema>;

/**
 * Answer to a heartbeat. `reason` (optional, Floorplan addition) lets a connector report why it is
 * not CONNECTED without a second call to `/connection`.
 */
export const heartbeatResponseSchema = z.object({
  status: connectionStatusSchema,
  reason: connectionReasonSchema.nullable().optional(),
  serverTime: utcTimestampSchema,
  heartbeatSeconds: z.number().int().min(1),
});
/** The server's answer to a heartbeat. */
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;
