import type { AgentActivityReport, QueueReport } from '@floorplan/contracts';
import type { RecordKind } from './outbox/outbox.js';

export interface SplitLimits {
  maxReportRows: number;
  maxActivityAgents: number;
  maxActivities: number;
  maxBodyBytes: number;
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
type Sections = QueueReport['reportData'];
const sectionNames = ['queueReport', 'agentQueueReport', 'agentSystemPerformanceReport'] as const;

/**
 * Cuts a queue report into several for the same window, each within the row cap per section and the
 * body limit. Exact under the server's row-level replacement: every row lands in exactly one part.
 */
export function splitQueueReport(report: QueueReport, limits: SplitLimits): QueueReport[] {
  if (bytes(report) <= limits.maxBodyBytes && sectionNames.every((s) => report.reportData[s].length <= limits.maxReportRows)) return [report];
  const envelope = bytes({ ...report, reportData: { queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [] } });
  const parts: QueueReport[] = [];
  let current: Sections = { queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [] };
  let size = envelope;
  const push = () => {
    parts.push({ ...report, reportData: current });
    current = { queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [] };
    size = envelope;
  };
  for (const section of sectionNames) {
    for (const row of report.reportData[section] as object[]) {
      const rowBytes = bytes(row) + 1;
      if ((current[section] as object[]).length >= limits.maxReportRows || (size + rowBytes > limits.maxBodyBytes && size > envelope)) push();
      (current[section] as object[]).push(row);
      size += rowBytes;
    }
  }
  if (size > envelope || parts.length === 0) push();
  return parts;
}

/** Cuts an activity report by agent entries; one agent's activity list always stays whole. */
export function splitActivityReport(report: AgentActivityReport, limits: SplitLimits): AgentActivityReport[] {
  const total = report.reportData.reduce((n, e) => n + e.agentActivity.length, 0);
  if (bytes(report) <= limits.maxBodyBytes && report.reportData.length <= limits.maxActivityAgents && total <= limits.maxActivities) return [report];
  const envelope = bytes({ ...report, reportData: [] });
  const parts: AgentActivityReport[] = [];
  let entries: AgentActivityReport['reportData'] = [];
  let size = envelope;
  let activities = 0;
  for (const entry of report.reportData) {
    const entryBytes = bytes(entry) + 1;
    if (entries.length > 0 && (entries.length >= limits.maxActivityAgents || activities + entry.agentActivity.length > limits.maxActivities || size + entryBytes > limits.maxBodyBytes)) {
      parts.push({ ...report, reportData: entries });
      entries = [];
      size = envelope;
      activities = 0;
    }
    entries.push(entry);
    size += entryBytes;
    activities += entry.agentActivity.length;
  }
  parts.push({ ...report, reportData: entries });
  return parts;
}

/** Halves a body refused with 413 (the one re-split of spec §5.6), or null when it cannot be halved. */
export function halve(kind: RecordKind, body: unknown): [unknown, unknown] | null {
  if (kind === 'agentStates') {
    const list = (body as { agentStateList: unknown[] }).agentStateList;
    if (list.length < 2) return null;
    const mid = Math.ceil(list.length / 2);
    return [{ agentStateList: list.slice(0, mid) }, { agentStateList: list.slice(mid) }];
  }
  if (kind === 'agentActivity') {
    const r = body as AgentActivityReport;
    if (r.reportData.length < 2) return null;
    const mid = Math.ceil(r.reportData.length / 2);
    return [{ ...r, reportData: r.reportData.slice(0, mid) }, { ...r, reportData: r.reportData.slice(mid) }];
  }
  const r = body as QueueReport;
  const rows = sectionNames.reduce((n, s) => n + r.reportData[s].length, 0);
  if (rows < 2) return null;
  const a: Sections = { queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [] };
  const b: Sections = { queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [] };
  let i = 0;
  for (const s of sectionNames) for (const row of r.reportData[s] as object[]) ((i++ < rows / 2 ? a : b)[s] as object[]).push(row);
  return [{ ...r, reportData: a }, { ...r, reportData: b }];
}
