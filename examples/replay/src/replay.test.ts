import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay, type ReplaySink, type StateRow } from './replay.js';
import type { ReportWindow } from './reports.js';
import { activityReportOf, queueReportOf } from './sdk-sink.js';
import { openSource } from './sources.js';

const min15 = 900_000;
let dir: string;
const file = async (name: string, lines: string[]) => {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\r\n')}\r\n`);
  return path;
};
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** Records what the engine hands over, compactly: `states a,b` / `queue 08:00` / `activity 08:00`. */
function recordingSink(now: () => number = () => 0) {
  const calls: string[] = [];
  const reports: ReportWindow[] = [];
  const sink: ReplaySink = {
    async states(rows: StateRow[]) {
      calls.push(`@${now()} states ${rows.map((r) => r.state.loginId).join(',')}`);
    },
    async report(w) {
      reports.push(w);
      calls.push(`@${now()} ${w.type} ${hhmm(w.windowStart)}`);
    },
  };
  return { sink, calls, reports };
}

async function run(paths: string[], options: Partial<Parameters<typeof replay>[0]> = {}) {
  const sources = await Promise.all(paths.map((p) => openSource(p, min15)));
  const rec = recordingSink(options.now);
  const counts = await replay({ sources, intervalMs: min15, speed: { kind: 'max' }, sink: rec.sink, ...options });
  return { ...rec, counts };
}

const failure = (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => (e as Error).message);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replay-engine-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('replay', () => {
  it('merges files by time, sends states before the reports of windows they precede, one queue report per window with every section', async () => {
    const states = await file('states.csv', [
      'eventUtcTime,loginId,eventCode,reasonCode',
      '2024-04-17T08:00:10Z,a,LogIn,',
      '2024-04-17T08:14:59.999Z,b,Available,',
      '2024-04-17T08:15:00Z,c,Unavailable,Break',
      '2024-04-17T08:20:00Z,d,Available,',
      '2024-04-17T08:31:00Z,e,LogOut,',
    ]);
    const queues = await file('queues.csv', ['startDate,queueValue,queueName,contactsReceived,svcLvlPct', '2024-04-17T08:00:00Z,Q1,"Sales, EMEA",7,85.5', '2024-04-17T08:00:00Z,Q2,,3,', '2024-04-17T08:15:12Z,Q1,,2,100']);
    const agentQueue = await file('agent-queue.csv', ['startDate,queueValue,agentValue,handled,handledTime', '2024-04-17T08:00:00Z,Q1,A1,4,812.5']);
    const system = await file('system.csv', ['startDate,agentValue,loginTime,readyTime', '2024-04-17T08:15:00Z,A1,900,600.5']);
    const activities = await file('activities.csv', [
      'agentValue,userName,state,startTime,duration,reason',
      'A1,a@x,Available,2024-04-17T08:05:00Z,600000,',
      'A1,,CallContact,2024-04-17T08:10:00Z,600000,',
      'A2,,Unavailable,2024-04-17T08:12:00Z,180000,Break',
    ]);
    const { calls, reports, counts } = await run([states, queues, agentQueue, system, activities]);
    expect(calls).toEqual([
      '@0 states a,b,c',
      '@0 queue 08:00:00',
      '@0 activity 08:00:00',
      '@0 states d',
      '@0 queue 08:15:00',
      '@0 activity 08:15:00',
      '@0 states e',
    ]);
    const [q0, a0, q15, a15] = reports as [Parameters<typeof queueReportOf>[0], Parameters<typeof activityReportOf>[0], Parameters<typeof queueReportOf>[0], Parameters<typeof activityReportOf>[0]];
    expect(queueReportOf(q0)).toEqual({
      startDate: '2024-04-17T08:00:00.000Z',
      endDate: '2024-04-17T08:15:00.000Z',
      reportData: {
        queueReport: [
          { queueValue: 'Q1', queueName: 'Sales, EMEA', contactsReceived: 7, svcLvlPct: 85.5 },
          { queueValue: 'Q2', contactsReceived: 3 },
        ],
        agentQueueReport: [{ queueValue: 'Q1', agentValue: 'A1', handled: 4, handledTime: 812.5 }],
        agentSystemPerformanceReport: [],
      },
    });
    expect(queueReportOf(q15).reportData).toEqual({
      queueReport: [{ queueValue: 'Q1', contactsReceived: 2, svcLvlPct: 100 }],
      agentQueueReport: [],
      agentSystemPerformanceReport: [{ agentValue: 'A1', loginTime: 900, readyTime: 600.5 }],
    });
    // Activities are booked where they end: 08:05+10 min ends at 08:15:00 exactly, so in 08:00-08:15.
    expect(activityReportOf(a0)).toEqual({
      startDate: '2024-04-17T08:00:00.000Z',
      endDate: '2024-04-17T08:15:00.000Z',
      reportData: [
        { agentValue: 'A1', userName: 'a@x', agentActivity: [{ state: 'Available', startTime: '2024-04-17T08:05:00Z', duration: 600000 }] },
        { agentValue: 'A2', agentActivity: [{ state: 'Unavailable', startTime: '2024-04-17T08:12:00Z', duration: 180000, reason: 'Break' }] },
      ],
    });
    expect(activityReportOf(a15).reportData).toEqual([{ agentValue: 'A1', agentActivity: [{ state: 'CallContact', startTime: '2024-04-17T08:10:00Z', duration: 600000 }] }]);
    expect(counts).toMatchObject({ states: 5, queueRows: 3, agentQueueRows: 1, agentSystemRows: 1, activities: 3, queueReports: 2, activityReports: 2 });
  });

  it('cuts states into sends of statesPerSend, in order', async () => {
    const states = await file('five.csv', ['eventUtcTime,loginId,eventCode', ...['a', 'b', 'c', 'd', 'e'].map((l, i) => `2024-04-17T08:00:0${i}Z,${l},X`)]);
    expect((await run([states], { statesPerSend: 2 })).calls).toEqual(['@0 states a,b', '@0 states c,d', '@0 states e']);
  });

  it('paces by event time at 60x: a state at its time, a report at its window end', async () => {
    const states = await file('paced.csv', ['eventUtcTime,loginId,eventCode', '2024-04-17T08:00:00Z,a,X', '2024-04-17T08:00:30Z,b,X', '2024-04-17T08:16:00Z,c,X']);
    const queues = await file('paced-q.csv', ['startDate,queueValue', '2024-04-17T08:00:00Z,Q1']);
    let clock = 0;
    const sleeps: number[] = [];
    const { calls } = await run([states, queues], {
      speed: { kind: 'factor', factor: 60 },
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    // 30 s of event time is 500 ms; the 08:00 window is due at 08:15 (15 s); 08:16 at 16 s. Each
    // state goes out at its due time, before the wait for the next item.
    expect(sleeps).toEqual([500, 14_500, 1_000]);
    expect(calls).toEqual(['@0 states a', '@500 states b', '@15000 queue 08:00:00', '@16000 states c']);
  });

  it('refuses a file that is not sorted by its time column, naming the line', async () => {
    const q = await file('unsorted.csv', ['startDate,queueValue', '2024-04-17T08:15:00Z,Q1', '2024-04-17T08:00:00Z,Q1']);
    expect(await failure(run([q]))).toBe(`${q}:3:1: startDate: 2024-04-17T08:00:00Z is earlier than line 2's 2024-04-17T08:15:00Z; the file must be sorted by startDate`);
    const a = await file('unsorted-a.csv', ['agentValue,state,startTime,duration', 'A,X,2024-04-17T08:15:00Z,1', 'A,X,2024-04-17T08:14:00Z,1']);
    expect(await failure(run([a]))).toBe(`${a}:3:3: startTime: 2024-04-17T08:14:00.000Z is earlier than line 2's 2024-04-17T08:15:00.000Z; the file must be sorted by startTime`);
  });

  it('refuses the same row key twice in one window, also across files', async () => {
    const q1 = await file('dup1.csv', ['startDate,queueValue', '2024-04-17T08:00:00Z,Q1']);
    const q2 = await file('dup2.csv', ['startDate,queueValue,contactsReceived', '2024-04-17T08:00:30Z,Q1,2']);
    expect(await failure(run([q1, q2]))).toBe(`${q2}:2:1: a second row for queue "Q1" in the window starting 2024-04-17T08:00:00Z (the first is at ${q1}:2:1); the server would refuse the report`);
  });

  it('names file, line and column of a bad cell', async () => {
    const cases: [string[], string][] = [
      [['agentValue,state,startTime,duration', 'A,X,2024-04-17T08:00:00Z,1.5'], ':2:4: duration: must be a whole number of milliseconds (got "1.5")'],
      [['eventUtcTime,loginId,eventCode', '2024-04-17 08:00:00,a,X'], ':2:1: eventUtcTime: must be a UTC timestamp like 2024-04-17T08:00:00Z (ISO-8601, ending in Z or +00:00) (got "2024-04-17 08:00:00")'],
      [['eventUtcTime,loginId,eventCode', '2024-04-17T08:00:00Z,,X'], ':2:2: loginId: is required'],
      [['eventUtcTime,loginId,eventCode', '2024-04-17T08:00:00Z,a'], ':2:1: has 2 fields but the header has 3'],
      [['startDate,queueValue,contactsReceived', '2024-04-17T08:00:00Z,Q,"1,5"'], ':2:3: contactsReceived: must be a number (a dot for decimals, no thousands separators) (got "1,5")'],
      [['startDate,queueValue', '2024-04-17T08:07:00Z,Q'], ':2:1: startDate: must be on a 15-minute boundary (at most 60 s after it; see --interval-minutes), got "2024-04-17T08:07:00Z"'],
      [['startDate,endDate,queueValue', '2024-04-17T08:00:00Z,2024-04-17T08:30:00Z,Q'], ':2:2: endDate: must be exactly 15 minutes after startDate (see --interval-minutes), got "2024-04-17T08:30:00Z"'],
      [['startDate,agentValue,loginTime', '2024-04-17T08:00:00Z,A,902'], ':2:3: loginTime: must be at most 901 seconds (one interval plus 1 s), got 902'],
      [['startDate,queueValue,isOutbound', '2024-04-17T08:00:00Z,Q,yes'], ':2:3: isOutbound: must be true, false, 1 or 0 (got "yes")'],
    ];
    for (const [lines, message] of cases) {
      const f = await file('bad.csv', lines);
      expect(await failure(run([f]))).toBe(`${f}${message}`);
    }
  });

  it('stops between items when aborted', async () => {
    const states = await file('abort.csv', ['eventUtcTime,loginId,eventCode', '2024-04-17T08:00:00Z,a,X', '2024-04-17T08:00:01Z,b,X']);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(await failure(run([states], { signal: controller.signal }))).toBe('stop');
  });
});
