import { MAX_VALIDATION_ISSUES, type ValidationIssue } from './issues.js';

/** Item caps of one ingestion request (spec §1.6); the server's are configurable. */
export interface WfmLimits {
  /** States in one `agentStateList`. */
  maxStatesPerRequest: number;
  /** Rows in each `reportData` section of a queue report. */
  maxReportRows: number;
  /** `reportData` entries (agents) in one activity report. */
  maxActivityAgents: number;
  /** Activities in one activity report, all agents together. */
  maxActivities: number;
  /** Activities of one agent in one activity report. */
  maxActivitiesPerAgent: number;
}

/** The caps of spec §1.6. */
export const defaultWfmLimits: Readonly<WfmLimits> = Object.freeze({
  maxStatesPerRequest: 5000,
  maxReportRows: 10_000,
  maxActivityAgents: 5000,
  maxActivities: 50_000,
  maxActivitiesPerAgent: 2000,
});

/** The three data payloads; the names match the SDK outbox's record kinds. */
export type WfmPayloadKind = 'agentStates' | 'agentActivity' | 'queue';

/** A body over an item cap: answered 413 `TOO_MANY_ITEMS`, path naming the array. */
export interface WfmItemLimitFailure {
  statusReason: 'TOO_MANY_ITEMS';
  errors: ValidationIssue[];
}

const QUEUE_SECTIONS = ['queueReport', 'agentQueueReport', 'agentSystemPerformanceReport'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Counting reads the raw JSON before any schema runs, so every shape is possible; anything that is not
// an array simply counts as empty and is left for the schema to reject.
const arrayAt = (value: unknown, key: string): unknown[] => {
  const field = isRecord(value) ? value[key] : undefined;
  return Array.isArray(field) ? field : [];
};

const tooMany = (path: string, max: number, what = 'items'): ValidationIssue => ({ path, message: `must contain at most ${max} ${what}` });

function activityIssues(body: unknown, limits: WfmLimits): ValidationIssue[] {
  const agents = arrayAt(body, 'reportData');
  const issues: ValidationIssue[] = [];
  if (agents.length > limits.maxActivityAgents) issues.push(tooMany('reportData', limits.maxActivityAgents));
  let total = 0;
  const perAgent: ValidationIssue[] = [];
  agents.forEach((agent, i) => {
    const n = arrayAt(agent, 'agentActivity').length;
    total += n;
    if (n > limits.maxActivitiesPerAgent) perAgent.push(tooMany(`reportData[${i}].agentActivity`, limits.maxActivitiesPerAgent));
  });
  if (total > limits.maxActivities) issues.push(tooMany('reportData', limits.maxActivities, 'activities in all'));
  return [...issues, ...perAgent];
}

/**
 * Checks the item caps on the raw parsed JSON, before schema validation, so an oversized body is a
 * 413 whether or not its items are valid. Returns `null` when within the caps.
 *
 * @example
 * checkItemLimits('agentStates', { agentStateList: new Array(5001).fill({}) }, defaultWfmLimits);
 * // → { statusReason: 'TOO_MANY_ITEMS', errors: [{ path: 'agentStateList', message: 'must contain at most 5000 items' }] }
 */
export function checkItemLimits(kind: WfmPayloadKind, body: unknown, limits: WfmLimits = defaultWfmLimits): WfmItemLimitFailure | null {
  let errors: ValidationIssue[];
  if (kind === 'agentStates') {
    const states = arrayAt(body, 'agentStateList');
    errors = states.length > limits.maxStatesPerRequest ? [tooMany('agentStateList', limits.maxStatesPerRequest)] : [];
  } else if (kind === 'agentActivity') {
    errors = activityIssues(body, limits);
  } else {
    const data = isRecord(body) ? body['reportData'] : undefined;
    errors = QUEUE_SECTIONS.filter((section) => arrayAt(data, section).length > limits.maxReportRows).map((section) =>
      tooMany(`reportData.${section}`, limits.maxReportRows),
    );
  }
  return errors.length > 0 ? { statusReason: 'TOO_MANY_ITEMS', errors: errors.slice(0, MAX_VALIDATION_ISSUES) } : null;
}
