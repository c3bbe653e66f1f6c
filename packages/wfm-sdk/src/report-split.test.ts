import { describe, expect, it } from 'vitest';
import type { AgentActivityReport, QueueReport } from '@floorplan/contracts';
import { halve, splitActivityReport, splitQueueReport } from './report-split.js';

const limits = { maxReportRows: 3, maxActivityAgents: 2, maxActivities: 5, maxBodyBytes: 1_000_000 };
const envelope = { acdType: 'Generic', reportVersion: '0', startDate: '2024-04-17T10:00:00Z', endDate: '2024-04-17T10:15:00Z', status: 'SUCCESS', statusReason: '' };

describe('report splitting', () => {
  it('cuts queue sections by row cap, every row exactly once, same window', () => {
    const rows = (n: number, key: string) => Array.from({ length: n }, (_, i) => ({ [key]: `${key}${i}` }));
    const report = { ...envelope, reportData: { queueReport: rows(7, 'queueValue'), agentQueueReport: rows(2, 'agentValue'), agentSystemPerformanceReport: [] } } as unknown as QueueReport;
    const parts = splitQueueReport(report, limits);
    expect(parts.every((p) => p.startDate === report.startDate && p.reportData.queueReport.length <= 3)).toBe(true);
    expect(parts.flatMap((p) => p.reportData.queueReport)).toEqual(report.reportData.queueReport);
    expect(parts.flatMap((p) => p.reportData.agentQueueReport)).toEqual(report.reportData.agentQueueReport);
  });

  it('cuts by body size too', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ queueValue: `q${i}`, queueName: 'x'.repeat(100) }));
    const report = { ...envelope, reportData: { queueReport: rows, agentQueueReport: [], agentSystemPerformanceReport: [] } } as unknown as QueueReport;
    const parts = splitQueueReport(report, { ...limits, maxReportRows: 1000, maxBodyBytes: 1500 });
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThanOrEqual(1500);
    expect(parts.flatMap((p) => p.reportData.queueReport)).toEqual(rows);
  });

  it('keeps one agent whole while cutting activity reports', () => {
    const entry = (a: string, n: number) => ({ agentValue: a, agentId: '', userName: '', agentActivity: Array.from({ length: n }, () => ({ state: 'S', startTime: '2024-04-17T10:00:00Z', duration: 1, reason: '' })) });
    const report = { ...envelope, reportData: [entry('a', 4), entry('b', 4), entry('c', 1)] } as unknown as AgentActivityReport;
    const parts = splitActivityReport(report, limits);
    expect(parts.map((p) => p.reportData.map((e) => e.agentValue))).toEqual([['a'], ['b', 'c']]);
  });

  it('halves bodies for the 413 re-split', () => {
    expect(halve('agentStates', { agentStateList: [1, 2, 3] })).toEqual([{ agentStateList: [1, 2] }, { agentStateList: [3] }]);
    expect(halve('agentStates', { agentStateList: [1] })).toBeNull();
  });
});
