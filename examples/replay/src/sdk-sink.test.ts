import { CXoneWfmException, type DeliveredEvent, type WfmClient } from '@floorplan/wfm-sdk';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect.js';
import type { StateRow } from './replay.js';
import type { QueueWindow } from './reports.js';
import { createSdkSink } from './sdk-sink.js';

const t0 = Date.parse('2024-04-17T08:00:00Z');
const refused = (path: string, message: string) => new CXoneWfmException({ statusReason: 'VALIDATION_FAILED', httpStatus: null, retryable: false, errors: [{ path, message }] });

/** The slice of WfmClient the sink uses, with scripted answers. */
function fakeClient(script: { states?: () => Promise<unknown>; queue?: () => Promise<unknown> } = {}) {
  const listeners: { delivered: ((d: DeliveredEvent) => void)[] } = { delivered: [] };
  let depth = 0;
  const sent: unknown[] = [];
  const client = {
    agentStates: { send: async (list: unknown) => (sent.push(list), (await script.states?.()) ?? { seq: 1, items: 1, delivered: Promise.resolve({ ok: true }) }) },
    reports: { queue: async (r: unknown) => (sent.push(r), await script.queue?.()), agentActivity: async () => undefined },
    on: (event: string, fn: (d: DeliveredEvent) => void) => {
      if (event === 'delivered') listeners.delivered.push(fn);
      return () => {};
    },
    stats: () => ({ outboxDepth: depth, outboxBytes: 0, buffered: 0, lastDeliveredAt: null, ackedThrough: 0 }),
    flush: async () => {},
  };
  return {
    client: client as unknown as WfmClient,
    sent,
    setDepth: (d: number) => (depth = d),
    deliver: (d: DeliveredEvent) => listeners.delivered.forEach((fn) => fn(d)),
  };
}

const stateFormat = detectFormat(['eventUtcTime', 'loginId', 'eventCode', 'reasonCode']);
const stateRow = (line: number, loginId: string): StateRow => ({
  kind: 'states',
  time: t0,
  ref: { file: 'states.csv', line, format: stateFormat },
  state: { eventUtcTime: '2024-04-17T08:00:00Z', loginId, eventCode: 'X' },
});

describe('createSdkSink', () => {
  it('turns a local validation failure into file:line:column of the cell', async () => {
    const fake = fakeClient({ states: () => Promise.reject(refused('agentStateList[1].reasonCode', 'must be at most 128 characters')) });
    const sink = createSdkSink(fake.client, { onFatal: () => {} });
    await sink.states([stateRow(2, 'a'), stateRow(3, 'b')]);
    const error = await sink.finish().then(() => 'no error', (e: unknown) => (e as Error).message);
    expect(error).toBe('states.csv:3:4: reasonCode: must be at most 128 characters (the SDK refused a batch of states at agentStateList[1].reasonCode)');
  });

  it('maps a report row path, and an envelope path to the window\'s first row', async () => {
    const format = detectFormat(['startDate', 'queueValue', 'svcLvlPct']);
    const w: QueueWindow = {
      type: 'queue',
      windowStart: t0,
      windowEnd: t0 + 900_000,
      queueReport: [
        { value: { queueValue: 'Q1' }, ref: { file: 'q.csv', line: 2, format } },
        { value: { queueValue: 'Q2', svcLvlPct: 50 }, ref: { file: 'q.csv', line: 7, format } },
      ],
      agentQueueReport: [],
      agentSystemPerformanceReport: [],
    };
    const message = async (path: string) => {
      const sink = createSdkSink(fakeClient({ queue: () => Promise.reject(refused(path, 'bad')) }).client, { onFatal: () => {} });
      return sink.report(w).then(() => 'no error', (e: unknown) => (e as Error).message);
    };
    expect(await message('reportData.queueReport[1].svcLvlPct')).toBe('q.csv:7:3: svcLvlPct: bad (the SDK refused the queue report of 2024-04-17T08:00:00.000Z at reportData.queueReport[1].svcLvlPct)');
    expect(await message('endDate')).toBe('q.csv:2:1: startDate: bad (the SDK refused the queue report of 2024-04-17T08:00:00.000Z at endDate)');
  });

  it('holds reading back while the outbox is full, until deliveries make room', async () => {
    const fake = fakeClient();
    const sink = createSdkSink(fake.client, { onFatal: () => {}, maxOutboxRecords: 2 });
    fake.setDepth(2);
    let done = false;
    const p = sink.states([stateRow(2, 'a')]).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    fake.setDepth(1);
    fake.deliver({ seq: 1, kind: 'agentStates', items: 1 });
    await p;
    expect(sink.stats()).toMatchObject({ statesDelivered: 1, outboxDepth: 1 });
  });
});
