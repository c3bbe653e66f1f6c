import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CXoneWfmException, connectWfm, type DeliveredEvent, type WfmClient } from '@floorplan/wfm-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJavaSample } from '../examples/java-sample.js';
import { readBack, startLiveServer, type LiveServer } from './live-server.js';

const requestsTo = async (live: LiveServer, route: string): Promise<number> => {
  const text = await (await fetch(`${live.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('http_requests_total{') && l.includes(`route="${route}"`))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
};

describe('wfm-sdk against a live server', () => {
  let live: LiveServer;
  let outboxDir: string;
  let wfm: WfmClient;
  const delivered: DeliveredEvent[] = [];

  beforeAll(async () => {
    live = await startLiveServer();
    outboxDir = await mkdtemp(join(tmpdir(), 'wfm-outbox-'));
    wfm = await connectWfm({ serviceUrl: live.url, accessKeyId: live.creds.accessKeyId, accessKeySecret: live.creds.accessKeySecret, tenantName: 'demo', outboxDir, logger: null });
    wfm.on('delivered', (d) => delivered.push(d));
  });
  afterAll(async () => {
    await wfm?.close();
    await live?.close();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('runs the vendor Java sample, ported with the facade, and the data reads back', async () => {
    const now = new Date();
    const errors = await runJavaSample(live.url, live.creds.accessKeyId, live.creds.accessKeySecret, now);
    expect(errors).toEqual([]);
    const from = new Date(now.getTime() - 3_600_000).toISOString();
    const to = new Date(now.getTime() + 60_000).toISOString();
    const states = await readBack<{ agentStates: { loginId: string; eventCode: string }[] }>(live, `/wfm/v1/agent-states?loginId=aa4rszz@mmm.com&from=${from}&to=${to}`);
    expect(states.agentStates.map((s) => s.eventCode)).toEqual(['CallContact']);
    const queues = await readBack<{ queueIntervals: { queueValue: string; handleTime: number }[] }>(live, `/wfm/v1/queue-intervals?from=${from}&to=${to}`);
    expect(queues.queueIntervals).toEqual([expect.objectContaining({ queueValue: '8057', handleTime: 276 })]);
  });

  it('rejects invalid input locally, naming the field, before any request; the server says the same', async () => {
    const before = await requestsTo(live, '/wfm/acd/v1/agent-states');
    const bad = { agentStateList: [{ loginId: 'a', eventCode: 'E', eventUtcTime: '2024-04-17T10:00:00Z' }, { loginId: 'b', eventCode: 'E', eventUtcTime: '17/04/2024' }] };
    const local = await wfm.agentStates.send(bad).catch((e: unknown) => e);
    expect(local).toBeInstanceOf(CXoneWfmException);
    const err = local as CXoneWfmException;
    expect(err.statusReason).toBe('VALIDATION_FAILED');
    expect(err.httpStatus).toBeNull();
    expect(err.message).toBe('agentStateList[1].eventUtcTime: must be an ISO-8601 UTC timestamp');
    expect(await requestsTo(live, '/wfm/acd/v1/agent-states')).toBe(before);
    const token = (await (await fetch(`${live.url}/authentication/v1/token/access-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessKeyId: live.creds.accessKeyId, accessKeySecret: live.creds.accessKeySecret }) })).json()) as { access_token: string };
    const server = await fetch(`${live.url}/wfm/acd/v1/agent-states`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` }, body: JSON.stringify(bad) });
    expect(server.status).toBe(400);
    expect(((await server.json()) as { errors: unknown }).errors).toEqual(err.getResponse().errors);
  });

  it('cuts 2,500 states into records of 1,000, 1,000 and 500', async () => {
    delivered.length = 0;
    const base = Date.parse('2024-04-17T08:00:00Z');
    const list = Array.from({ length: 2500 }, (_, i) => ({ loginId: `batch-${i % 10}`, eventCode: 'Available', eventUtcTime: new Date(base + i * 1000) }));
    const receipt = await wfm.agentStates.send(list);
    expect(receipt.items).toBe(2500);
    await wfm.flush();
    expect(await receipt.delivered).toEqual({ ok: true });
    expect(delivered.filter((d) => d.kind === 'agentStates').map((d) => d.items).sort((a, b) => b - a)).toEqual([1000, 1000, 500]);
  });

  it('sends a lone state on the batch timer, without flush()', async () => {
    delivered.length = 0;
    const receipt = await wfm.agentStates.send([{ loginId: 'lone', eventCode: 'Available', eventUtcTime: new Date(Date.now() - 1000) }]);
    expect(await receipt.delivered).toEqual({ ok: true });
    expect(delivered).toEqual([{ seq: receipt.seq, kind: 'agentStates', items: 1 }]);
  });

  it('refuses sends after close with CLOSED and reports nothing pending', async () => {
    const other = await connectWfm({ serviceUrl: live.url, accessKeyId: live.creds.accessKeyId, accessKeySecret: live.creds.accessKeySecret, logger: null });
    await other.agentStates.send([{ loginId: 'closing', eventCode: 'E', eventUtcTime: new Date(Date.now() - 5000) }]);
    expect(await other.close()).toEqual({ pending: 0 });
    const states = await readBack<{ agentStates: unknown[] }>(live, `/wfm/v1/agent-states?loginId=closing&from=2024-01-01T00:00:00Z&to=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(states.agentStates).toHaveLength(1);
    await expect(other.agentStates.send([])).rejects.toMatchObject({ statusReason: 'CLOSED' });
  });

  it('rejects unknown options and a bad key up front', async () => {
    await expect(connectWfm({ serviceUrl: live.url, accessKeyId: 'x', accessKeySecret: 'y', outboxdir: '/tmp' } as never)).rejects.toMatchObject({ statusReason: 'VALIDATION_FAILED' });
    await expect(connectWfm({ serviceUrl: live.url, accessKeyId: live.creds.accessKeyId, accessKeySecret: 'wrong', logger: null })).rejects.toMatchObject({ statusReason: 'AUTH_FAILED' });
  });

  it('lets the process exit by itself after close(), and logs no secret or token', async () => {
    const script = fileURLToPath(new URL('./close-and-exit.ts', import.meta.url));
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, live.url, live.creds.accessKeyId, live.creds.accessKeySecret], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code, out).toBe(0);
    expect(out).toContain('"closed":{"pending":0}');
    expect(out).toContain('PARADIGM_CONFLICT');
    expect(out).toContain('"ctx":{"seq":');
    expect(out).toContain('"kind":"queue","startDate":"2024-04-17T10:00:00Z"');
    expect(out).toContain('refused locally');
    expect(out).not.toContain(live.creds.accessKeySecret);
    expect(out).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(out).not.toMatch(/Bearer /i);
    const dead = await readBack<{ queueIntervals: unknown[] }>(live, '/wfm/v1/queue-intervals?from=2024-04-17T10:00:00Z&to=2024-04-17T10:15:00Z');
    expect(dead.queueIntervals).toEqual([]);
  }, 60_000);
});
