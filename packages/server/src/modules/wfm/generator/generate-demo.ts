// Entry points for callers holding an app (the living demo of issue 5, tests): create what the
// generator needs in the tenant (the tenant itself, an admin user, keys), then generate.
import type { QueueReportRowInput } from '@floorplan/contracts';
import type { App } from '../../../app.js';
import { createAdminOperations } from '../../identity/admin-operations.js';
import { writeQueueHistory, type QueueHistoryRow } from '../../wfm-ingest/queue-history-import.js';
import { generateCenter, type GenerationSummary } from './generate-center.js';
import type { FeedPlan } from './live-feed.js';
import { generateOptionsSchema, planGeneration, type GenerateOptionsInput, type GenerationPlan } from './plan.js';
import { accessToken, expectOk, fetchHttp, injectHttp } from './wfm-http.js';
import type { QueueHistorySink } from './write-history.js';

/** The part of the admin API (CLI admin client or in-process operations) the generator uses. */
export interface KeyAdmin {
  listTenants(): Promise<{ id: string; name: string }[]>;
  createTenant(name: string): Promise<{ id: string; name: string }>;
  listUsers(tenant: string): Promise<{ email: string }[]>;
  createUser(tenant: string, input: { email: string; role: 'admin'; name?: string }): Promise<unknown>;
  createKey(tenant: string, input: { userEmail?: string; purpose: 'general' | 'acd-connector' }): Promise<{ accessKeyId: string; accessKeySecret: string }>;
}

export interface GeneratorKeys {
  tenantId: string;
  /** General key of the generator's admin user: setup, schedules and history writes. */
  adminKey: { accessKeyId: string; accessKeySecret: string };
  /** acd-connector key: what the live feeder logs in with. */
  connectorKey: { accessKeyId: string; accessKeySecret: string };
}

/** The admin user the generator writes as, one per tenant. */
export const GENERATOR_USER = 'generator@generated.floorplan.test';

/**
 * Creates the tenant if missing, the generator's admin user if missing, and a fresh pair of keys
 * (secrets are never stored, so each run makes new ones).
 *
 * @example
 * const keys = await generatorKeys(createAdminOperations(app.identity), 'demo');
 */
export async function generatorKeys(admin: KeyAdmin, tenant: string): Promise<GeneratorKeys> {
  const found = (await admin.listTenants()).find((t) => t.name === tenant);
  const tenantId = found ? found.id : (await admin.createTenant(tenant)).id;
  const users = await admin.listUsers(tenant);
  if (!users.some((u) => u.email === GENERATOR_USER)) await admin.createUser(tenant, { email: GENERATOR_USER, role: 'admin', name: 'Data generator' });
  const adminKey = await admin.createKey(tenant, { userEmail: GENERATOR_USER, purpose: 'general' });
  const connectorKey = await admin.createKey(tenant, { purpose: 'acd-connector' });
  return {
    tenantId,
    adminKey: { accessKeyId: adminKey.accessKeyId, accessKeySecret: adminKey.accessKeySecret },
    connectorKey: { accessKeyId: connectorKey.accessKeyId, accessKeySecret: connectorKey.accessKeySecret },
  };
}

export interface GenerateRunOptions {
  /** An earlier run found: `fail` (GeneratorError) or `skip` (nothing written). */
  ifExists?: 'fail' | 'skip';
  /** History stops this long before the server's now (the live feeder can replay the gap). */
  lagMs?: number;
  progress?: (line: string) => void;
}

export interface DemoResult {
  plan: GenerationPlan;
  keys: GeneratorKeys;
  summary: GenerationSummary;
}

/**
 * Generates a center into `options.tenant` of an app running in this process, at the app's clock.
 * A tenant generated before is skipped (`summary.skipped`), so a demo can call it on every start.
 *
 * @example
 * const { plan, keys } = await generateDemo(app, { tenant: 'demo', agents: 50, weeks: 8 });
 * const feeder = await startLiveFeeder(url, keys.connectorKey, { plan: feedPlanOf(plan), from: plan.now });
 */
export async function generateDemo(
  app: Pick<App, 'http' | 'identity' | 'wfm'>,
  options: GenerateOptionsInput,
  o: GenerateRunOptions = {},
): Promise<DemoResult> {
  const { db, clock } = app.wfm.ctx.platform;
  const plan = planGeneration(options, clock.now().getTime() - (o.lagMs ?? 0));
  const keys = await generatorKeys(createAdminOperations(app.identity), plan.options.tenant);
  const token = await accessToken(injectHttp(app, ''), keys.adminKey);
  // Weeks of queue windows in one transaction through ingest's bulk history path: the API takes one
  // window per request under the tenant's data rate limit (50/s by default), minutes for 8 weeks.
  const queueSink: QueueHistorySink = async (windows) => {
    const rows = windows.flatMap(([start, queueRows]) => queueRows.map((r) => toHistoryRow(start, r)));
    await writeQueueHistory(db, keys.tenantId, rows, { intervalMinutes: 15, now: clock.now() });
  };
  const summary = await generateCenter(injectHttp(app, token), plan, { ifExists: o.ifExists ?? 'skip', queueSink, ...(o.progress ? { progress: o.progress } : {}) });
  return { plan, keys, summary };
}

/**
 * The same as {@link generateDemo} against a server at `url` (plain HTTP): keys through `admin`
 * (the CLI's admin client), the plan at the server's clock (`/wfm/acd/v1/details`).
 *
 * @example
 * const result = await generateOverHttp('http://localhost:8080', adminClient, { tenant: 'demo' });
 */
export async function generateOverHttp(
  url: string,
  admin: KeyAdmin,
  options: GenerateOptionsInput,
  o: GenerateRunOptions = {},
): Promise<DemoResult> {
  const tenant = generateOptionsSchema.parse(options).tenant;
  const keys = await generatorKeys(admin, tenant);
  const token = await accessToken(fetchHttp(url, ''), keys.adminKey);
  const http = fetchHttp(url, token);
  const details = (await expectOk(http, 'GET', '/wfm/acd/v1/details')) as { serverTime: string };
  const plan = planGeneration(options, Date.parse(details.serverTime) - (o.lagMs ?? 0));
  const summary = await generateCenter(http, plan, { ifExists: o.ifExists ?? 'fail', ...(o.progress ? { progress: o.progress } : {}) });
  return { plan, keys, summary };
}

function toHistoryRow(start: number, r: QueueReportRowInput): QueueHistoryRow {
  return {
    intervalStart: start,
    queue: r.queueValue,
    contactsReceived: r.contactsReceived ?? 0,
    abandonedShort: r.abandonedShort ?? 0,
    abandonedLong: r.abandonedLong ?? 0,
    handledShort: r.handledShort ?? 0,
    handledLong: r.handledLong ?? 0,
    handleTime: r.handleTime ?? 0,
    workTime: r.workTime ?? 0,
    queueDelayTime: r.queueDelayTime ?? 0,
    paradigm: 'WCE',
    isOutbound: false,
  };
}

/** What the live feeder needs of a plan. @example startLiveFeeder(url, keys.connectorKey, { plan: feedPlanOf(plan) }) */
export function feedPlanOf(plan: GenerationPlan): FeedPlan {
  return { seed: plan.options.seed, setup: plan.setup, specialDays: plan.specialDays };
}
