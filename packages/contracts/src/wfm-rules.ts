import type { z } from 'zod';
import { wfmErrorMap } from './issue-messages.js';
import { MAX_VALIDATION_ISSUES, toValidationIssues, type ValidationIssue } from './issues.js';
import { parseUtcTimestamp } from './timestamp.js';
import type { Paradigm } from './wfm-acd.js';
import { agentActivityReportSchema, type AgentActivityReport } from './wfm-activity-report.js';
import { agentStateListSchema, type AgentStateList } from './wfm-agent-states.js';
import { heartbeatRequestSchema, type HeartbeatRequest } from './wfm-heartbeat.js';
import { checkItemLimits, defaultWfmLimits, type WfmLimits, type WfmPayloadKind } from './wfm-limits.js';
import { queueReportSchema, type QueueReport } from './wfm-queue-report.js';
import {
  activityReportFlags,
  activityReportIssues,
  effectiveReportStatus,
  queueReportFlags,
  queueReportIssues,
  type EffectiveReportStatus,
  type ReportWindow,
  type WfmFlag,
} from './wfm-report-rules.js';
import { futureTimestampIssue, normalizeReportWindow, type WfmRuleContext } from './wfm-window.js';

// The checks the server runs on every ingestion body and the SDK runs before queueing one, so both
// give the same answer for the same payload. Order: item caps (413), schema (400), context rules
// (400). Context rules need a schema-valid value, so a schema failure reports schema issues only.

/** A rejected body: the HTTP status and the §1.5 failure fields. */
export interface WfmValidationFailure {
  ok: false;
  httpStatus: 400 | 413;
  statusReason: 'VALIDATION_FAILED' | 'TOO_MANY_ITEMS';
  errors: ValidationIssue[];
}

/** An accepted body: the parsed value (defaults applied) and the flags to store with it. */
export interface WfmValidationSuccess<T> {
  ok: true;
  value: T;
  flags: WfmFlag[];
}

/** Result of {@link validateAgentStates} and {@link validateHeartbeat}. */
export type WfmValidationResult<T> = WfmValidationSuccess<T> | WfmValidationFailure;

/** Result of {@link validateAgentActivityReport}: on success also the normalised window. */
export type AgentActivityValidationResult = (WfmValidationSuccess<AgentActivityReport> & { window: ReportWindow }) | WfmValidationFailure;

/** Result of {@link validateQueueReport}: on success also the window, the status acted on and the paradigm. */
export type QueueReportValidationResult =
  | (WfmValidationSuccess<QueueReport> & { window: ReportWindow; effectiveStatus: EffectiveReportStatus; paradigm: Paradigm })
  | WfmValidationFailure;

const invalid = (errors: readonly ValidationIssue[]): WfmValidationFailure => ({
  ok: false,
  httpStatus: 400,
  statusReason: 'VALIDATION_FAILED',
  errors: errors.slice(0, MAX_VALIDATION_ISSUES),
});

function precheck<S extends z.ZodType>(kind: WfmPayloadKind | null, schema: S, raw: unknown, limits: WfmLimits): { ok: true; value: z.output<S> } | WfmValidationFailure {
  const tooMany = kind === null ? null : checkItemLimits(kind, raw, limits);
  if (tooMany) return { ok: false, httpStatus: 413, ...tooMany };
  const parsed = schema.safeParse(raw, { error: wfmErrorMap });
  return parsed.success ? { ok: true, value: parsed.data } : invalid(toValidationIssues(parsed.error));
}

/**
 * Validates a `POST /agent-states` body: at most `maxStatesPerRequest` states, each schema-valid, no
 * `eventUtcTime` more than `clockSkewS` ahead of `nowMs`.
 *
 * @example
 * const r = validateAgentStates(JSON.parse(body), ctx);
 * if (!r.ok) reply.code(r.httpStatus).send(toFailureResponse(r.statusReason, r.errors));
 */
export function validateAgentStates(raw: unknown, ctx: WfmRuleContext, limits: WfmLimits = defaultWfmLimits): WfmValidationResult<AgentStateList> {
  const parsed = precheck('agentStates', agentStateListSchema, raw, limits);
  if (!parsed.ok) return parsed;
  const errors: ValidationIssue[] = [];
  parsed.value.agentStateList.forEach((state, i) => {
    const issue = futureTimestampIssue(`agentStateList[${i}].eventUtcTime`, parseUtcTimestamp(state.eventUtcTime), ctx);
    if (issue) errors.push(issue);
  });
  return errors.length > 0 ? invalid(errors) : { ok: true, value: parsed.value, flags: [] };
}

/**
 * Validates a `POST /reports/agent-activity` body: item caps, schema, window (§1.3), one entry per
 * `agentValue`, no `startTime` too far ahead. Accepted with flags: foreign `acdType`, activities
 * ending outside the window, overlapping activities. An absent `acdType` becomes the tenant's.
 *
 * @example
 * const r = validateAgentActivityReport(body, ctx);
 * if (r.ok) store(r.value, r.window, r.flags);
 */
export function validateAgentActivityReport(raw: unknown, ctx: WfmRuleContext, limits: WfmLimits = defaultWfmLimits): AgentActivityValidationResult {
  const parsed = precheck('agentActivity', agentActivityReportSchema, raw, limits);
  if (!parsed.ok) return parsed;
  const report = withTenantAcdType(parsed.value, ctx);
  const window = normalizeReportWindow(report.startDate, report.endDate, ctx);
  const errors = [...(window.ok ? [] : window.errors), ...activityReportIssues(report, ctx)];
  if (!window.ok || errors.length > 0) return invalid(errors);
  const { windowStart, windowEnd } = window;
  return { ok: true, value: report, window: { windowStart, windowEnd }, flags: activityReportFlags(parsed.value, window, ctx) };
}

/**
 * Validates a `POST /reports/queue` body: row caps per section, schema, window (§1.3), unique row keys
 * per section, system-performance times within the interval + 1 s. Accepted with flags: foreign
 * `acdType`, PARTIAL or unknown `status`, non-zero `active` under WCE. An absent `acdType` or
 * `paradigm` becomes the tenant's.
 *
 * @example
 * const r = validateQueueReport(body, ctx);
 * if (r.ok && r.effectiveStatus === 'FAILURE') markSourceFailure();
 */
export function validateQueueReport(raw: unknown, ctx: WfmRuleContext, limits: WfmLimits = defaultWfmLimits): QueueReportValidationResult {
  const parsed = precheck('queue', queueReportSchema, raw, limits);
  if (!parsed.ok) return parsed;
  const paradigm = parsed.value.paradigm ?? ctx.paradigm ?? 'WCE';
  const report = { ...withTenantAcdType(parsed.value, ctx), paradigm };
  const window = normalizeReportWindow(report.startDate, report.endDate, ctx);
  const errors = [...(window.ok ? [] : window.errors), ...queueReportIssues(report, ctx)];
  if (!window.ok || errors.length > 0) return invalid(errors);
  const { windowStart, windowEnd } = window;
  return {
    ok: true,
    value: report,
    window: { windowStart, windowEnd },
    effectiveStatus: effectiveReportStatus(report.status),
    paradigm,
    flags: queueReportFlags(parsed.value, paradigm, ctx),
  };
}

/**
 * Validates a `POST /heartbeat` body: schema, and `sentAt` not more than `clockSkewS` ahead.
 *
 * @example
 * validateHeartbeat({ connectorName: 'twilio', sentAt: new Date().toISOString() }, ctx); // { ok: true, … }
 */
export function validateHeartbeat(raw: unknown, _ctx: WfmRuleContext): WfmValidationResult<HeartbeatRequest> {
  // `sentAt` is the connector's clock: any drift is recorded and shown (acd-api spec §5), never a
  // reason to refuse the beat — a refused beat would make a live connector read as DISCONNECTED.
  const parsed = precheck(null, heartbeatRequestSchema, raw, defaultWfmLimits);
  return parsed.ok ? { ok: true, value: parsed.value, flags: [] } : parsed;
}

function withTenantAcdType<T extends { acdType: string | undefined }>(report: T, ctx: WfmRuleContext): T {
  return report.acdType || ctx.acdType === undefined ? report : { ...report, acdType: ctx.acdType };
}
