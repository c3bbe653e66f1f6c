import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack, startLiveServer, type LiveServer } from '../../../packages/wfm-sdk/test/live-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sample = (name: string) => join(root, 'examples/replay/sample', name);

/** Runs the CLI the way `npx floorplan-replay` does without a build: node + tsx on src/main.ts. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'examples/replay/src/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface StoredQueue {
  windowStart: string;
  windowEnd: string;
  queueValue: string;
  queueName: string;
  [field: string]: unknown;
}

describe('floorplan-replay against a live server', () => {
  let live: LiveServer;
  let outbox: string;

  beforeAll(async () => {
    live = await startLiveServer();
    outbox = await mkdtemp(join(tmpdir(), 'replay-outbox-'));
  });
  afterAll(async () => {
    await live?.close();
    if (outbox) await rm(outbox, { recursive: true, force: true });
  });

  it('replays the sample at max speed; every state and queue row reads back', async () => {
    const run = await cli(
      ['--file', sample('states.csv'), '--file', sample('queues.csv'), '--speed', 'max', '--url', live.url, '--tenant', 'demo', '--outbox', outbox, '--no-progress'],
      { FLOORPLAN_ACCESS_KEY_ID: live.creds.accessKeyId, FLOORPLAN_ACCESS_KEY_SECRET: live.creds.accessKeySecret },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('replayed and delivered 300 states, 8 queue reports (16 queue, 0 agent-queue, 0 agent system rows); event time 2024-04-17 08:00 to 2024-04-17 10:00 UTC');
    expect(run.stdout + run.stderr).not.toContain(live.creds.accessKeySecret);

    const range = 'from=2024-04-17T00:00:00Z&to=2024-04-18T00:00:00Z';
    const states = await readBack<{ agentStates: { loginId: string; eventCode: string; reasonCode: string; eventUtcTime: string }[] }>(live, `/wfm/v1/agent-states?${range}&limit=100000`);
    expect(states.agentStates).toHaveLength(300);
    expect(new Set(states.agentStates.map((s) => s.loginId)).size).toBe(10);
    expect(states.agentStates.filter((s) => s.reasonCode === 'Lunch')).toHaveLength(4);

    const queues = await readBack<{ queueIntervals: StoredQueue[] }>(live, `/wfm/v1/queue-intervals?${range}`);
    expect(queues.queueIntervals).toHaveLength(16);
    const sales0830 = queues.queueIntervals.find((q) => q.queueValue === '8057' && Date.parse(q.windowStart) === Date.parse('2024-04-17T08:30:00Z'));
    // queues.csv line 6: 2024-04-17T08:30:00Z,8057,"Sales, EMEA",11,0,1,9,1,3118,521,119,208,81.8
    expect(sales0830).toMatchObject({
      windowEnd: expect.stringMatching(/^2024-04-17T08:45:00(\.000)?Z$/),
      queueName: 'Sales, EMEA',
      isOutbound: false,
      contactsReceived: 11,
      abandonedShort: 0,
      abandonedLong: 1,
      handledShort: 9,
      handledLong: 1,
      handleTime: 3118,
      workTime: 521,
      holdTime: 119,
      queueDelayTime: 208,
      svcLvlPct: 81.8,
      active: 0,
      backlog: 0,
    });

    // Everything was acknowledged: the outbox keeps no record to resend and nothing was refused.
    const left = (await readdir(outbox)).filter((f) => f.startsWith('seg-') || f === 'dead-letter.jsonl');
    expect(left).toEqual([]);
  });
});
