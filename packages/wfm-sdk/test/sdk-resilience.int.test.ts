import { spawn } from 'node:child_process';
import { generateKeyPair, exportPKCS8 } from 'jose';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectWfm, type CXoneWfmException, type DeliveredEvent } from '@floorplan/wfm-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { readBack, startLiveServer, type LiveServer } from './live-server.js';

const connectorScript = fileURLToPath(new URL('./replay-connector.ts', import.meta.url));
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(env: Record<string, string> = {}) {
  const live = await startLiveServer(env);
  const outboxDir = await mkdtemp(join(tmpdir(), 'wfm-outbox-'));
  cleanup.push(async () => {
    await live.close();
    await rm(outboxDir, { recursive: true, force: true });
  });
  return { live, outboxDir };
}

type Stored = { loginId: string; eventUtcTime: string };
async function storedStates(live: LiveServer): Promise<Stored[]> {
  const r = await readBack<{ agentStates: Stored[] }>(live, '/wfm/v1/agent-states?from=2024-04-17T00:00:00Z&to=2024-04-18T00:00:00Z&limit=100000');
  return r.agentStates;
}

/** Every one of `total` states stored once, each agent's history in the order it was produced. */
function expectExactly(stored: Stored[], total: number, prefix: string) {
  const mine = stored.filter((s) => s.loginId.startsWith(prefix));
  expect(mine).toHaveLength(total);
  expect(new Set(mine.map((s) => `${s.loginId}|${s.eventUtcTime}`)).size).toBe(total);
  const byAgent = new Map<string, string[]>();
  for (const s of mine) byAgent.set(s.loginId, [...(byAgent.get(s.loginId) ?? []), s.eventUtcTime]);
  for (const times of byAgent.values()) expect(times).toEqual([...times].sort());
}

describe('wfm-sdk delivery guarantees', () => {
  it('delivers 10,000 states exactly once while the server is SIGKILLed for 10 s and restarted', async () => {
    const { live, outboxDir } = await setup();
    const wfm = await connectWfm({ serviceUrl: live.url, accessKeyId: live.creds.accessKeyId, accessKeySecret: live.creds.accessKeySecret, outboxDir, logger: null });
    const base = Date.parse('2024-04-17T01:00:00Z');
    for (let i = 0; i < 10_000; i += 250) {
      if (i === 4000) {
        await live.kill('SIGKILL');
        // Sends keep succeeding while the server is down: they are durable in the outbox.
        setTimeout(() => void live.restart(), 10_000);
      }
      await wfm.agentStates.send(Array.from({ length: 250 }, (_, k) => ({ loginId: `down-agent-${(i + k) % 25}`, eventCode: 'Available', eventUtcTime: new Date(base + (i + k) * 1000) })));
    }
    await wfm.flush();
    expect(wfm.stats().outboxDepth).toBe(0);
    await wfm.close();
    expectExactly(await storedStates(live), 10_000, 'down-agent-');
  }, 120_000);

  it('delivers 10,000 states exactly once when the connector process is killed mid-stream and restarted', async () => {
    const { live, outboxDir } = await setup();
    const progress = join(outboxDir, '..', `progress-${Date.now()}`);
    cleanup.push(() => rm(progress, { force: true }));
    let log = '';
    const run = (start: number) => {
      const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', connectorScript, live.url, live.creds.accessKeyId, live.creds.accessKeySecret, outboxDir, progress, String(start), '10000'], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.on('data', (d) => (log += String(d)));
      return child;
    };
    const first = run(0);
    // Kill it once a few thousand states are durable in its outbox.
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      const n = Number(await readFile(progress, 'utf8').catch(() => '0'));
      if (n >= 4000) break;
    }
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const resumeAt = Number(await readFile(progress, 'utf8'));
    const second = run(resumeAt);
    const code = await new Promise((r) => second.once('exit', r));
    expect(code, `connector stderr:\n${log}\nserver:\n${live.process().output()}`).toBe(0);
    expectExactly(await storedStates(live), 10_000, 'crash-agent-');
  }, 120_000);

  it('meets no 401 with 10 s tokens over a longer run, and recovers from a forced 401 with one renewal', async () => {
    const { live, outboxDir } = await setup({ AUTH_ACCESS_TOKEN_TTL_S: '10' });
    const errors: CXoneWfmException[] = [];
    const wfm = await connectWfm({ serviceUrl: live.url, accessKeyId: live.creds.accessKeyId, accessKeySecret: live.creds.accessKeySecret, outboxDir, logger: null, heartbeatSeconds: 2 });
    wfm.on('error', (e) => errors.push(e));
    const base = Date.parse('2024-04-17T02:00:00Z');
    for (let i = 0; i < 15; i++) {
      await wfm.agentStates.send([{ loginId: 'ttl-agent', eventCode: 'Available', eventUtcTime: new Date(base + i * 1000) }]);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await wfm.flush();
    const metrics = await (await fetch(`${live.url}/metrics`)).text();
    expect(metrics).toMatch(/route="\/public\/user\/refresh",status="200"/);
    expect(metrics).not.toMatch(/status="401"/);

    // A new signing key on restart makes the current access token unknown: 401, one refresh, resend.
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    await live.kill('SIGTERM');
    await live.restart({ JWT_PRIVATE_KEY: await exportPKCS8(privateKey) });
    const receipt = await wfm.agentStates.send([{ loginId: 'ttl-agent', eventCode: 'OnCall', eventUtcTime: new Date(base + 100_000) }]);
    expect(await receipt.delivered).toEqual({ ok: true });
    await wfm.close();
    expect(errors).toEqual([]);
    expect((await storedStates(live)).filter((s) => s.loginId === 'ttl-agent')).toHaveLength(16);
  }, 120_000);

  it('honours Retry-After on 429', async () => {
    const { live, outboxDir } = await setup({ WFM_RATE_LIMIT_PER_S: '1', WFM_RATE_LIMIT_BURST: '1' });
    const wfm = await connectWfm({ serviceUrl: live.url, accessKeyId: live.creds.accessKeyId, accessKeySecret: live.creds.accessKeySecret, outboxDir, logger: null, maxInFlight: 1, batch: { maxStates: 1, flushMs: 0 } });
    const at: number[] = [];
    wfm.on('delivered', (_d: DeliveredEvent) => at.push(Date.now()));
    const base = Date.parse('2024-04-17T03:00:00Z');
    await wfm.agentStates.send([0, 1, 2].map((i) => ({ loginId: 'rate-agent', eventCode: 'E', eventUtcTime: new Date(base + i * 1000) })));
    await wfm.flush();
    await wfm.close();
    expect(at).toHaveLength(3);
    // One request a second is allowed: each later record waited out a Retry-After of at least 1 s.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(900);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(900);
  }, 60_000);
});
