import type { ValidationIssue } from './issues.js';
import { parseUtcTimestamp } from './timestamp.js';
import type { Paradigm } from './wfm-acd.js';
import type { AgentActivityReport } from './wfm-activity-report.js';
import type { QueueReport } from './wfm-queue-report.js';
import { futureTimestampIssue, type WfmRuleContext } from './wfm-window.js';

// Context rules of the two reports that go beyond the window (spec §3.3, §3.4, §4.6). They run on
// schema-valid values only, so timestamps here always parse.

/** Why an accepted item is remembered as suspicious (spec §3.3, §3.4, §4.6). */
export type WfmFlagCode = 'outsideWindow' | 'overlap' | 'partialStatus' | 'unknownStatus' | 'acdTypeMismatch' | 'activeUnderWce';

/** A non-fatal finding the server stores beside accepted data. */
export interface WfmFlag {
  code: WfmFlagCode;
  path: string;
}

/** What the server does with a queue report's `status`: anything unknown counts as SUCCESS. */
export type EffectiveReportStatus = 'SUCCESS' | 'PARTIAL' | 'FAILURE';

/** A report window, half-open `[windowStart, windowEnd)`. */
export interface ReportWindow {
  windowStart: Date;
  windowEnd: Date;
}

const quote = (value: string): string => JSON.stringify(value);
/** Index of the first `[n]` in a path: the row within its section. */
const rowIndex = (path: string): number => Number(/\[(\d+)\]/.exec(path)?.[1] ?? 0);

/** Issues at the second and later occurrence of a row key within one section. */
function duplicateIssues<T>(rows: readonly T[], section: string, keyField: string, keyOf: (row: T) => readonly [string, ...string[]], describe: (row: T) => string): ValidationIssue[] {
  const firstAt = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  rows.forEach((row, i) => {
    const key = JSON.stringify(keyOf(row));
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, i);
    else issues.push({ path: `${section}[${i}].${keyField}`, message: `duplicate ${describe(row)} (first at ${section}[${first}])` });
  });
  return issues;
}

function acdTypeFlags(acdType: string | undefined, ctx: WfmRuleContext): WfmFlag[] {
  // An empty acdType says nothing, so it is not a mismatch.
  const mismatch = acdType !== undefined && acdType !== '' && ctx.acdType !== undefined && acdType !== ctx.acdType;
  return mismatch ? [{ code: 'acdTypeMismatch', path: 'acdType' }] : [];
}

/** Rule violations of a schema-valid activity report, window excluded, in document order. */
export function activityReportIssues(report: AgentActivityReport, ctx: WfmRuleContext): ValidationIssue[] {
  const duplicates = duplicateIssues(report.reportData, 'reportData', 'agentValue', (a) => [a.agentValue], (a) => `agentValue ${quote(a.agentValue)}`);
  const duplicateAt = new Map(duplicates.map((issue) => [rowIndex(issue.path), issue]));
  const issues: ValidationIssue[] = [];
  report.reportData.forEach((agent, i) => {
    const duplicate = duplicateAt.get(i);
    if (duplicate) issues.push(duplicate);
    agent.agentActivity.forEach((activity, j) => {
      const issue = futureTimestampIssue(`reportData[${i}].agentActivity[${j}].startTime`, parseUtcTimestamp(activity.startTime), ctx);
      if (issue) issues.push(issue);
    });
  });
  return issues;
}

/**
 * Flags of an accepted activity report: a foreign `acdType`, activities whose end lies outside the
 * window under end-booking `(start, end]` (spec §4.5), and activities overlapping an earlier one of
 * the same agent.
 */
export function activityReportFlags(report: AgentActivityReport, window: ReportWindow, ctx: WfmRuleContext): WfmFlag[] {
  const flags = acdTypeFlags(report.acdType, ctx);
  const from = window.windowStart.getTime();
  const to = window.windowEnd.getTime();
  report.reportData.forEach((agent, i) => {
    const spans = agent.agentActivity.map((activity, j) => {
      const start = parseUtcTimestamp(activity.startTime);
      return { j, start, end: start + activity.duration };
    });
    for (const span of spans) {
      if (!(span.end > from && span.end <= to)) flags.push({ code: 'outsideWindow', path: `reportData[${i}].agentActivity[${span.j}]` });
    }
    const overlapping: number[] = [];
    let latestEnd = -Infinity;
    for (const span of [...spans].sort((a, b) => a.start - b.start || a.end - b.end || a.j - b.j)) {
      if (span.start < latestEnd) overlapping.push(span.j);
      latestEnd = Math.max(latestEnd, span.end);
    }
    for (const j of overlapping.sort((a, b) => a - b)) flags.push({ code: 'overlap', path: `reportData[${i}].agentActivity[${j}]` });
  });
  return flags;
}

/** Rule violations of a schema-valid queue report, window excluded, in document order. */
export function queueReportIssues(report: QueueReport, ctx: WfmRuleContext): ValidationIssue[] {
  const { queueReport, agentQueueReport, agentSystemPerformanceReport } = report.reportData;
  const maxSeconds = ctx.intervalMinutes * 60 + 1;
  const timeIssues: ValidationIssue[] = [];
  agentSystemPerformanceReport.forEach((row, i) => {
    for (const field of ['readyTime', 'notReadyTime', 'loginTime'] as const) {
      if (row[field] > maxSeconds) {
        timeIssues.push({ path: `reportData.agentSystemPerformanceReport[${i}].${field}`, message: `must be at most ${maxSeconds} seconds (interval length + 1 s)` });
      }
    }
  });
  const systemDuplicates = duplicateIssues(agentSystemPerformanceReport, 'reportData.agentSystemPerformanceReport', 'agentValue', (r) => [r.agentValue], (r) => `agentValue ${quote(r.agentValue)}`);
  // Within the system-performance section, keep row order: a row's duplicate key (its first field) before its times.
  const systemIssues = [...systemDuplicates, ...timeIssues].sort((a, b) => rowIndex(a.path) - rowIndex(b.path));
  return [
    ...duplicateIssues(queueReport, 'reportData.queueReport', 'queueValue', (r) => [r.queueValue], (r) => `queueValue ${quote(r.queueValue)}`),
    ...duplicateIssues(
      agentQueueReport,
      'reportData.agentQueueReport',
      'agentValue',
      (r) => [r.queueValue, r.agentValue],
      (r) => `queueValue ${quote(r.queueValue)} and agentValue ${quote(r.agentValue)}`,
    ),
    ...systemIssues,
  ];
}

/** The status the server acts on: SUCCESS, PARTIAL or FAILURE; any other string counts as SUCCESS. */
export function effectiveReportStatus(status: string): EffectiveReportStatus {
  return status === 'PARTIAL' || status === 'FAILURE' ? status : 'SUCCESS';
}

/** Flags of an accepted queue report: foreign `acdType`, PARTIAL or unknown `status`, `active` under WCE. */
export function queueReportFlags(report: QueueReport, paradigm: Paradigm, ctx: WfmRuleContext): WfmFlag[] {
  const flags = acdTypeFlags(report.acdType, ctx);
  if (report.status === 'PARTIAL') flags.push({ code: 'partialStatus', path: 'status' });
  else if (report.status !== 'SUCCESS' && report.status !== 'FAILURE') flags.push({ code: 'unknownStatus', path: 'status' });
  if (paradigm === 'WCE') {
    // Spec §4.6: `active` only means something under TTI; under WCE it is stored, flagged and ignored.
    report.reportData.queueReport.forEach((row, i) => {
      if (row.active > 0) flags.push({ code: 'activeUnderWce', path: `reportData.queueReport[${i}].active` });
    });
    report.reportData.agentQueueReport.forEach((row, i) => {
      if (row.active > 0) flags.push({ code: 'activeUnderWce', path: `reportData.agentQueueReport[${i}].active` });
    });
  }
  return flags;
}
