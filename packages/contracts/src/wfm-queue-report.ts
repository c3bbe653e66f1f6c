import { z } from 'zod';
import { absentAs, absentAsUndefined, count, decimal, flag, list, optionalText, seconds, text } from './fields.js';
import { paradigmSchema, reportEnvelopeShape } from './wfm-acd.js';

// Field order follows the vendor's type-schema block (seed 000) so errors and the OpenAPI document
// list fields the way integrators read them there.

/** One row per queue and window, keyed by `queueValue` (spec §3.4). Times are seconds. */
export const queueReportRowSchema = z.object({
  queueValue: text(1, 128),
  queueName: optionalText(255),
  isOutbound: flag(),
  rightPartyHandleTime: seconds(),
  rightPartyContacts: count(),
  wrongPartyHandleTime: seconds(),
  wrongPartyContacts: count(),
  holdTime: seconds(),
  active: count(),
  contactsReceived: count(),
  abandonedShort: count(),
  abandonedLong: count(),
  handledShort: count(),
  handledLong: count(),
  handleTime: seconds(),
  workTime: seconds(),
  queueDelayTime: seconds(),
  svcLvlPct: absentAs(decimal(0, 100), 0),
  backlog: count(),
  backlogNotExpired: count(),
  backlogExpired: count(),
});

/** One row per (queue, agent) and window, keyed by (`queueValue`, `agentValue`). Note `handledTime`. */
export const agentQueueReportRowSchema = z.object({
  queueValue: text(1, 128),
  queueName: optionalText(255),
  isOutbound: flag(),
  agentValue: text(1, 255),
  agentId: optionalText(255),
  handled: count(),
  handledTime: seconds(),
  workTime: seconds(),
  rightPartyHandleTime: seconds(),
  rightPartyContacts: count(),
  wrongPartyHandleTime: seconds(),
  wrongPartyContacts: count(),
  holdTime: seconds(),
  active: count(),
});

/** One row per agent and window, keyed by `agentValue`; each time is at most the interval + 1 s. */
export const agentSystemPerformanceRowSchema = z.object({
  agentValue: text(1, 255),
  agentId: optionalText(255),
  readyTime: seconds(),
  notReadyTime: seconds(),
  loginTime: seconds(),
});

/** The three sections of a queue report; each is `[]` when missing. */
export const queueReportDataSchema = z.object({
  queueReport: list(queueReportRowSchema),
  agentQueueReport: list(agentQueueReportRowSchema),
  agentSystemPerformanceReport: list(agentSystemPerformanceRowSchema),
});

/**
 * Body of `POST /wfm/acd/v1/reports/queue` (vendor `ReportDTO`). `status` is any string up to 32
 * characters: unknown values are accepted and flagged by `validateQueueReport`. `paradigm` stays
 * `undefined` when not sent (its default is the tenant's).
 *
 * @example
 * queueReportSchema.parse({ startDate: '2024-04-17T10:00:00Z', endDate: '2024-04-17T10:15:00Z', reportData: {} });
 * // → { …, status: 'SUCCESS', statusReason: '', reportData: { queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [] } }
 */
export const queueReportSchema = z.object({
  ...reportEnvelopeShape,
  status: absentAs(text(0, 32), 'SUCCESS'),
  statusReason: optionalText(1000),
  paradigm: absentAsUndefined(paradigmSchema),
  reportData: queueReportDataSchema,
});

/** A parsed `reportData.queueReport[]` row. */
export type QueueReportRow = z.output<typeof queueReportRowSchema>;
/** A parsed `reportData.agentQueueReport[]` row. */
export type AgentQueueReportRow = z.output<typeof agentQueueReportRowSchema>;
/** A parsed `reportData.agentSystemPerformanceReport[]` row. */
export type AgentSystemPerformanceRow = z.output<typeof agentSystemPerformanceRowSchema>;
/** A `reportData.queueReport[]` row as a client may send it. */
export type QueueReportRowInput = z.input<typeof queueReportRowSchema>;
/** A `reportData.agentQueueReport[]` row as a client may send it. */
export type AgentQueueReportRowInput = z.input<typeof agentQueueReportRowSchema>;
/** A `reportData.agentSystemPerformanceReport[]` row as a client may send it. */
export type AgentSystemPerformanceRowInput = z.input<typeof agentSystemPerformanceRowSchema>;
/** A parsed queue report, defaults applied. */
export type QueueReport = z.output<typeof queueReportSchema>;
/** A queue report as a client may send it. */
export type QueueReportInput = z.input<typeof queueReportSchema>;
/** `ReportDTO` of the vendor SDK (the queue report): what a client builds and sends. */
export type ReportDTO = QueueReportInput;
