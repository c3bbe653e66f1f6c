import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgSchema } from '../test-support/pg-schema.js';
import { cliEntry, freePort, spawnServer, type ServerProcess } from '../test-support/spawn-server.js';
import { testTarget } from '../test-support/test-target.js';
import type { DemoCredentials } from '../bootstrap.js';

interface Board {
  seq: number;
  agents: { name: string; state: string; actual: { eventCode: string; since: string | null } }[];
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('the living demo of floorplan start', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => {});
  });

  async function environment(demo: Record<string, string>): Promise<Record<string, string>> {
    const dataDir = await mkdtemp(join(tmpdir(), 'floorplan-demo-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...demo };
    if (testTarget() === 'services') {
      const schema = await createPgSchema('demo');
      cleanup.push(schema.drop);
      env.DATABASE_URL = schema.url;
    }
    return env;
  }

  async function start(env: Record<string, string>, command?: string[]): Promise<ServerProcess> {
    const server = await spawnServer(env, await freePort(), 60_000, command ? { command } : {});
    cleanup.push(() => server.kill());
    return server;
  }

  async function signIn(server: ServerProcess, dataDir: string): Promise<string> {
    const creds = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    const res = await fetch(`${server.url}/auth/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: creds.tenant, email: creds.adminEmail, password: creds.adminPassword }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  // The banner is written after listen, so it can trail the first /healthz answer.
  const printed = (server: ServerProcess, pattern: RegExp) =>
    until(`output ${pattern}`, 30_000, async () => pattern.test(server.output()));

  const get = async <T>(server: ServerProcess, token: string, path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  it('answers at once, generates in the background, then the board moves; a restart feeds again', { timeout: 240_000 }, async () => {
    const env = await environment({ FLOORPLAN_DEMO: 'true', FLOORPLAN_DEMO_WEEKS: '1', FLOORPLAN_DEMO_AGENTS: '60' });
    const began = Date.now();
    let server = await start(env);
    // Readiness does not wait for the generation.
    expect(Date.now() - began).toBeLessThan(30_000);
    await printed(server, /console sign-in\s+tenant demo, admin@demo\.local \/ \S+/);
    expect(server.output()).toContain('/console/');

    const token = await signIn(server, env.DATA_DIR as string);
    const employees = await until('the generated employees', 120_000, async () => {
      const page = await get<{ items: unknown[] }>(server, token, '/wfm/v1/employees?limit=100');
      return page.items.length >= 60 ? page.items : null;
    });
    expect(employees).toHaveLength(60);
    await until('demo: live feeder running', 60_000, async () => server.output().includes('demo: live feeder running'));

    // A moving board: the sequence advances as the feeder's states arrive.
    const first = await get<Board>(server, token, '/wfm/v1/rta/agents');
    expect(first.agents.length).toBe(60);
    await until('a state change on the board', 60_000, async () => (await get<Board>(server, token, '/wfm/v1/rta/agents')).seq > first.seq);

    // SIGTERM stops the feeder (flushing it) before the server closes.
    await server.kill('SIGTERM');
    expect(server.output()).toContain('demo: live feeder stopped');
    const state = JSON.parse(await readFile(join(env.DATA_DIR as string, 'demo-state.json'), 'utf8')) as { fedUntil: number | null; options: { agents: number } };
    expect(state.options.agents).toBe(60);
    expect(state.fedUntil).toBeGreaterThan(began - 60_000);

    // A later start: no generation, no password printed, the feeder runs again.
    server = await start(env);
    await printed(server, /Demo sign-in: tenant demo, admin@demo\.local \(password in .*demo-credentials\.json\)/);
    await until('the feeder on restart', 60_000, async () => server.output().includes('demo: live feeder running'));
    expect(server.output()).not.toContain('demo: generating');
    const again = await signIn(server, env.DATA_DIR as string);
    expect((await get<{ items: unknown[] }>(server, again, '/wfm/v1/employees?limit=100')).items).toHaveLength(60);
  });

  it('floorplan start --no-demo starts empty', { timeout: 120_000 }, async () => {
    const env = await environment({});
    const server = await start(env, [cliEntry, 'start', '--no-demo']);
    await printed(server, /Console: \S+\/console\//);
    const token = await signIn(server, env.DATA_DIR as string);
    // Give a demo, were it running, time to write its setup.
    await new Promise((r) => setTimeout(r, 5000));
    expect((await get<{ items: unknown[] }>(server, token, '/wfm/v1/employees')).items).toHaveLength(0);
    expect(server.output()).toContain('demo: off');
    expect(server.output()).not.toContain('demo: generating');
  });
});
