import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createAdminOperations } from '../modules/identity/admin-operations.js';
import type { Bus } from '../platform/bus/bus.js';
import { createMemoryBus } from '../platform/bus/memory-bus.js';
import { createNatsBus } from '../platform/bus/nats-bus.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { createPlatform, type Platform } from '../platform/create-platform.js';
import { createTestDb, type TestDb } from './test-db.js';
import { testNatsUrl, testTarget, uniqueName } from './test-target.js';

export interface TestTenant {
  tenantId: string;
  name: string;
  /** Connector key (purpose acd-connector) and a token from it: `wfm.acd.ingest` only. */
  key: { accessKeyId: string; accessKeySecret: string };
  token: string;
  /** Token of an admin's general key: read and setup permissions. */
  adminToken: string;
}

export interface TestApp {
  app: App;
  platform: Platform;
  config: Config;
  db: TestDb;
  /** `app.http.inject` bound. */
  inject: App['http']['inject'];
  /** Creates a tenant with a connector key, an admin and tokens for both. */
  tenant(name?: string): Promise<TestTenant>;
  /** A token of a new user of `role` in the tenant, limited to `schedulingUnitIds` when given. */
  userToken(tenant: TestTenant, role: 'admin' | 'supervisor' | 'analyst' | 'agent', schedulingUnitIds?: string[]): Promise<string>;
  close(): Promise<void>;
}

/** The bus of the current target; on NATS all test files share one stream, tenants keep them apart. */
export async function createTestBus(): Promise<Bus> {
  return testTarget() === 'embedded' ? createMemoryBus() : createNatsBus({ url: testNatsUrl, stream: 'FLOORPLAN_TEST' });
}

/** A whole app on the current test target (own database or schema, own data dir), served through inject. */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string>; publicUrl?: string; logStream?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'floorplan-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const db = await createTestDb();
  const bus = await createTestBus();
  const publicUrl = options.publicUrl ?? 'http://floorplan.test';
  const platform = await createPlatform(config, publicUrl, {
    db: db.db,
    bus,
    clock: options.clock ?? systemClock,
    jobsSchema: uniqueName('pgboss').toLowerCase(),
  });
  const app = await buildApp({
    config,
    platform,
    publicUrl,
    operatorSecret: 'test-operator-secret',
    ...(options.logStream ? { logStream: options.logStream } : { logger: false }),
  });
  await app.http.ready();
  const ops = createAdminOperations(app.identity);

  async function token(accessKeyId: string, accessKeySecret: string): Promise<string> {
    const res = await app.http.inject({ method: 'POST', url: '/authentication/v1/token/access-key', payload: { accessKeyId, accessKeySecret } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { access_token: string }).access_token;
  }

  return {
    app,
    platform,
    config,
    db,
    inject: app.http.inject.bind(app.http),
    async tenant(name = uniqueName('tenant').replace(/_/g, '-')) {
      const t = await ops.createTenant(name);
      const key = await ops.createKey(name, { purpose: 'acd-connector' });
      await ops.createUser(name, { email: `admin@${name}.test`, role: 'admin', password: 'correct horse battery' });
      const adminKey = await ops.createKey(name, { userEmail: `admin@${name}.test`, purpose: 'general' });
      return {
        tenantId: t.id,
        name,
        key: { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret },
        token: await token(key.accessKeyId, key.accessKeySecret),
        adminToken: await token(adminKey.accessKeyId, adminKey.accessKeySecret),
      };
    },
    async userToken(tenant, role, schedulingUnitIds) {
      const email = `${uniqueName(role).toLowerCase()}@${tenant.name}.test`;
      await ops.createUser(tenant.name, { email, role, ...(schedulingUnitIds ? { schedulingUnitIds } : {}) });
      const k = await ops.createKey(tenant.name, { userEmail: email, purpose: 'general' });
      return token(k.accessKeyId, k.accessKeySecret);
    },
    async close() {
      await timed('app.close', () => app.close());
      await timed('platform.close', () => platform.close());
      await timed('db.close', () => db.close());
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A teardown step that runs long under a loaded CI is named on stderr, so a hook timeout says where it hung. */
async function timed(step: string, run: () => Promise<void>): Promise<void> {
  const began = Date.now();
  const warn = setInterval(() => process.stderr.write(`test app: ${step} still running after ${Math.round((Date.now() - began) / 1000)} s\n`), 10_000);
  try {
    await run();
  } finally {
    clearInterval(warn);
  }
}
