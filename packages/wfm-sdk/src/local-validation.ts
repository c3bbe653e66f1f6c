import {
  createWfmRuleContext,
  defaultWfmLimits,
  validateAgentActivityReport,
  validateAgentStates,
  validateQueueReport,
  type AgentActivityReport,
  type AgentStateList,
  type QueueReport,
  type WfmDetailsResponse,
  type WfmLimits,
  type WfmRuleContext,
} from '@floorplan/contracts';
import { localError } from './errors.js';

/**
 * Item caps are not errors for the SDK: it cuts state lists into records and splits reports by rows.
 * Only the per-agent activity cap stays, since one agent's list is never split.
 */
const unlimited: WfmLimits = { ...defaultWfmLimits, maxStatesPerRequest: Number.MAX_SAFE_INTEGER, maxReportRows: Number.MAX_SAFE_INTEGER, maxActivityAgents: Number.MAX_SAFE_INTEGER, maxActivities: Number.MAX_SAFE_INTEGER };

/** Dates become wire timestamps; everything else is left for the schemas to judge. */
export function dateToWire(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(dateToWire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dateToWire(v)]));
  return value;
}

/** The rule context the server would use, with its clock estimated from the last `serverTime` seen. */
export function ruleContext(details: WfmDetailsResponse, serverOffsetMs: number): WfmRuleContext {
  return createWfmRuleContext({ nowMs: Date.now() + serverOffsetMs, intervalMinutes: details.intervalMinutes, acdType: details.acdType, paradigm: details.paradigm });
}

function orThrow<T>(r: { ok: true; value: T } | { ok: false; errors: { path: string; message: string }[] }): T {
  if (r.ok) return r.value;
  const first = r.errors[0];
  throw localError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'invalid', r.errors);
}

/** Checks as the server would and returns the body with every default filled in; throws VALIDATION_FAILED. */
export const checkAgentStates = (raw: unknown, ctx: WfmRuleContext): AgentStateList => orThrow(validateAgentStates(dateToWire(raw), ctx, unlimited));
export const checkActivityReport = (raw: unknown, ctx: WfmRuleContext): AgentActivityReport => orThrow(validateAgentActivityReport(dateToWire(raw), ctx, unlimited));
export const checkQueueReport = (raw: unknown, ctx: WfmRuleContext): QueueReport => orThrow(validateQueueReport(dateToWire(raw), ctx, unlimited));
