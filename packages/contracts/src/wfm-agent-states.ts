import { z } from 'zod';
import { list, optionalText, text } from './fields.js';
import { utcTimestampSchema } from './timestamp.js';

/**
 * One agent state change (spec §3.2). `loginId` and `eventCode` are opaque and case-sensitive.
 *
 * @example
 * agentStateSchema.parse({ loginId: 'aa4rszz@mmm.com', eventCode: 'CallContact', eventUtcTime: '2023-10-01T07:59:09.860Z' });
 * // → { loginId: 'aa4rszz@mmm.com', acdId: '', eventCode: 'CallContact', reasonCode: '', eventUtcTime: '2023-10-01T07:59:09.860Z' }
 */
export const agentStateSchema = z.object({
  loginId: text(1, 255),
  acdId: optionalText(255),
  eventCode: text(1, 128),
  reasonCode: optionalText(128),
  eventUtcTime: utcTimestampSchema,
});

/**
 * Body of `POST /wfm/acd/v1/agent-states`; a missing list is an empty one (a no-op).
 *
 * @example
 * agentStateListSchema.parse({}); // { agentStateList: [] }
 */
export const agentStateListSchema = z.object({
  agentStateList: list(agentStateSchema),
});

/** A parsed agent state, defaults applied. */
export type AgentState = z.output<typeof agentStateSchema>;
/** An agent state as a client may send it (optional fields may be missing or null). */
export type AgentStateInput = z.input<typeof agentStateSchema>;
/** A parsed agent-states body. */
export type AgentStateList = z.output<typeof agentStateListSchema>;
/** An agent-states body as a client may send it. */
export type AgentStateListInput = z.input<typeof agentStateListSchema>;
/** `AgentStateDTO` of the vendor SDK: what a client builds and sends. */
export type AgentStateDTO = AgentStateInput;
/** `AgentStateListDTO` of the vendor SDK: what a client builds and sends. */
export type AgentStateListDTO = AgentStateListInput;
