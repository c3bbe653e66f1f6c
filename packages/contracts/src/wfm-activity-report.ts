import { z } from 'zod';
import { MAX_ACTIVITY_DURATION_MS, integer, list, optionalText, text } from './fields.js';
import { utcTimestampSchema } from './timestamp.js';
import { reportEnvelopeShape } from './wfm-acd.js';

/** One activity of an agent (spec §3.3); `duration` is in milliseconds. */
export const agentActivitySchema = z.object({
  state: text(1, 128),
  startTime: utcTimestampSchema,
  duration: integer(0, MAX_ACTIVITY_DURATION_MS),
  reason: optionalText(128),
});

/** One agent of an activity report, keyed by `agentValue`. */
export const agentActivityReportItemSchema = z.object({
  agentValue: text(1, 255),
  agentId: optionalText(255),
  userName: optionalText(320),
  agentActivity: list(agentActivitySchema),
});

/**
 * Body of `POST /wfm/acd/v1/reports/agent-activity` (vendor `AgentActivityReportDTO`). Window rules,
 * duplicate agents and flags are checked by `validateAgentActivityReport`, not by the schema.
 *
 * @example
 * agentActivityReportSchema.parse({ startDate: '2024-01-15T16:45:00.000Z', endDate: '2024-01-15T17:00:00.000Z' });
 * // → { acdType: undefined, reportVersion: '0', startDate: …, endDate: …, reportData: [] }
 */
export const agentActivityReportSchema = z.object({
  ...reportEnvelopeShape,
  reportData: list(agentActivityReportItemSchema),
});

/** A parsed activity, defaults applied. */
export type AgentActivity = z.output<typeof agentActivitySchema>;
/** An activity as a client may send it. */
export type AgentActivityInput = z.input<typeof agentActivitySchema>;
/** A parsed agent entry of an activity report. */
export type AgentActivityReportItem = z.output<typeof agentActivityReportItemSchema>;
/** An agent entry of an activity report as a client may send it. */
export type AgentActivityReportItemInput = z.input<typeof agentActivityReportItemSchema>;
/** A parsed activity report. */
export type AgentActivityReport = z.output<typeof agentActivityReportSchema>;
/** An activity report as a client may send it. */
export type AgentActivityReportInput = z.input<typeof agentActivityReportSchema>;
/** `AgentActivityReportDTO` of the vendor SDK: what a client builds and sends. */
export type AgentActivityReportDTO = AgentActivityReportInput;
