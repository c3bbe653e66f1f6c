import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { connectWfm, CXoneWfmException, type WfmClient } from '@floorplan/wfm-sdk';
import { DateTime } from 'luxon';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../src/modules/wfm/generator/index.js';
import { createTestApp, type TestApp, type TestTenant } from '../src/test-support/test-app.js';

// Issue 5, acceptance check 1: the built console (packages/web/dist, served at /console) in Debian's
// headless chromium against a real server on the current target. A small generated center gives the
// intraday and forecast pages history; three employees of the test's own, scheduled Open from now
// and driven through the SDK, give the board exact states. Screenshots (1366×768) land in
// test-artifacts/screenshots/. Runs in `npm run test:services` only (vitest.config.ts).

const root = fileURLToPath(new URL('../../../', import.meta.url));
const webDist = `${root}packages/web/dist/index.html`;
const shots = `${root}test-artifacts/screenshots`;
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'correct horse battery'; // createTestApp's tenant admin

let t: TestApp;
let tenant: TestTenant;
let wfm: WfmClient;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let scheduleDate: string;
const ids: Record<string, string> = {};

async function api<T>(method: 'GET' | 'POST', path: string, payload?: object): Promise<T> {
  const res = await t.inject({ method, url: path, headers: { authorization: `Bearer ${tenant.adminToken}` }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** Sends one state per login at the current time; retries while the SDK's clock estimate calls it "in the future". */
async function send(states: { login: string; event: string; reason?: string }[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const now = new Date();
      const receipt = await wfm.agentStates.send(states.map((s) => ({ loginId: s.login, eventCode: s.event, ...(s.reason ? { reasonCode: s.reason } : {}), eventUtcTime: now })));
      expect(await receipt.delivered).toEqual({ ok: true });
      return;
    } catch (e) {
      if (attempt > 50 || !(e instanceof CXoneWfmException) || e.httpStatus !== null || !/in the future/.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const row = (name: string) => `[data-testid="rta-row"][data-employee-id="${ids[name]}"]`;

/** Waits until the open board shows `name` in `state`; a timeout says what the page and the API showed. */
async function boardShows(name: string, state: string, timeout = 15_000): Promise<void> {
  try {
    await page.locator(`${row(name)}[data-state="${state}"]`).waitFor({ timeout });
  } catch (e) {
    const shown = await page.locator(row(name)).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    const board = await api<{ agents: { employeeId: string; state: string; notCalculatedReason: string | null }[] }>('GET', '/wfm/v1/rta/agents');
    const served = board.agents.find((a) => a.employeeId === ids[name]);
    throw new Error(`board: ${name} not ${state} (page shows ${JSON.stringify(shown)}, API ${JSON.stringify(served)})`, { cause: e });
  }
}

async function open(path: string): Promise<void> {
  await page.goto(`${url}/console/${path}`);
  await page.getByTestId('page-title').first().waitFor();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
}

beforeAll(async () => {
  if (!existsSync(webDist)) throw new Error(`the console is not built (${webDist} missing): run npm run build:web`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium`);
  await mkdir(shots, { recursive: true });

  t = await createTestApp({ env: { WFM_RECOMPUTE_DELAY_S: '0', WFM_RATE_LIMIT_PER_S: '100000', WFM_RATE_LIMIT_BURST: '100000' } });
  tenant = await t.tenant();
  url = await t.app.http.listen({ port: 0, host: '127.0.0.1' });

  // History for intraday and forecast: 3 weeks, 6 agents, 2 skills (Sales, Support), Europe/Paris.
  await generateDemo(t.app, { tenant: tenant.name, weeks: 3, agents: 6, skills: 2 });
  const skills = await api<{ items: { id: string; name: string }[] }>('GET', '/wfm/v1/skills?limit=1000');
  for (const s of skills.items) ids[s.name] = s.id;
  await api('POST', '/wfm/v1/forecasts/runs', { skillIds: skills.items.map((s) => s.id), historyWeeks: 3 });

  // The test's own agents: Ann and Bob with a login each, Cy without (NOT_CALCULATED).
  const codes = await api<{ items: { id: string; name: string }[] }>('GET', '/wfm/v1/activity-codes?limit=1000');
  if (!codes.items.some((c) => c.name === 'Open')) throw new Error('generated setup has no Open code');
  const employee = async (name: string, logins: string[]) =>
    (await api<{ id: string }>('POST', '/wfm/v1/employees', { name, email: `${name.toLowerCase().replace(/ /g, '.')}@browser.test`, acdLogins: logins.map((loginId) => ({ loginId })) })).id;
  ids.Ann = await employee('Browser Ann', ['7001']);
  ids.Bob = await employee('Browser Bob', ['7002']);
  ids.Cy = await employee('Browser Cy', []);
  const su = await api<{ items: { id: string; timeZone: string }[] }>('GET', '/wfm/v1/scheduling-units?limit=1000');
  const zone = su.items.find((u) => u.id === tenant.tenantId)?.timeZone ?? 'UTC';
  // Through the import API, as a planner would: publishing tells RTA the schedule changed. Open from
  // this minute, so Bob's break below is OUT_OPEN for the 5-minute alarm threshold, not SEVERE.
  const start = DateTime.utc().startOf('minute').setZone(zone);
  const end = start.plus({ hours: 3 });
  scheduleDate = start.toISODate() ?? '';
  const local = (d: DateTime) => d.toFormat('yyyy-MM-dd HH:mm');
  const csv = ['employee,activityCode,start,end', ...['ann', 'bob', 'cy'].map((n) => `browser.${n}@browser.test,Open,${local(start)},${local(end)}`)].join('\n');
  const people = [ids.Ann, ids.Bob, ids.Cy].join(',');
  const imported = await t.inject({
    method: 'POST',
    url: `/wfm/v1/schedules/imports?publish=true&employeeIds=${people}&fromDate=${scheduleDate}&toDate=${end.toISODate()}`,
    headers: { authorization: `Bearer ${tenant.adminToken}`, 'content-type': 'text/csv' },
    payload: csv,
  });
  if (imported.statusCode >= 300 || imported.json<{ status: string }>().status !== 'PUBLISHED') throw new Error(`schedule import: ${imported.statusCode} ${imported.body}`);

  wfm = await connectWfm({ serviceUrl: url, ...tenant.key, connectorName: 'browser-test-acd', heartbeatSeconds: 5, logger: null, batch: { maxStates: 1000, flushMs: 0 } });
  await send([
    { login: '7001', event: 'Available' },
    { login: '7002', event: 'Unavailable', reason: 'Break' },
  ]);

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'] });
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await wfm?.close();
  await t?.close();
});

describe('console in headless chromium', { timeout: 60_000 }, () => {
  it('signs in through the form', async () => {
    await page.goto(`${url}/console/`);
    await page.getByLabel(/tenant/i).waitFor();
    await page.getByLabel(/tenant/i).fill(tenant.name);
    await page.getByLabel(/email/i).fill(`admin@${tenant.name}.test`);
    await page.getByLabel(/password/i).fill(PASSWORD);
    await shot('sign-in');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(page.url()).not.toMatch(/sign-in/);
  });

  it('shows the SDK-driven agents and states on the RTA board', async () => {
    await open('rta');
    await boardShows('Ann', 'IN');
    await boardShows('Bob', 'OUT_OPEN');
    await boardShows('Cy', 'NOT_CALCULATED');
    await expect.poll(() => page.locator(row('Ann')).innerText()).toContain('Browser Ann');
    expect(await page.locator(row('Bob')).innerText()).toContain('Break');
    expect(await page.locator('[data-testid="rta-row"]').count()).toBeGreaterThanOrEqual(3);
    await shot('rta');
  });

  it('shows a state change on the open board without a reload', async () => {
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const sent = Date.now();
    await send([{ login: '7002', event: 'Available' }]);
    await boardShows('Bob', 'IN', 10_000);
    const visibleMs = Date.now() - sent;
    console.log(JSON.stringify({ bench: 'console-rta-send-to-visible', value: visibleMs, unit: 'ms' }));
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  it('shows the adherence report, downloads its CSV and drills down to a timeline', async () => {
    await t.app.wfm.adherence.recomputeNow(tenant.tenantId, [ids.Ann!, ids.Bob!, ids.Cy!], scheduleDate, scheduleDate);
    await open(`adherence?from=${scheduleDate}&to=${scheduleDate}`);
    const ann = page.getByTestId('adherence-row').filter({ hasText: 'Browser Ann' }).first();
    await ann.waitFor();
    await shot('adherence');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-download').first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe(
      'employeeId,employeeName,schedulingUnit,date,intervalStart,scheduledSeconds,inSeconds,outSeconds,neutralSeconds,unmappedSeconds,unscheduledWorkedSeconds,adherencePct,scheduledProductiveSeconds,workedProductiveSeconds,conformancePct,exceptionCount,notCalculatedReason',
    );
    expect(csv).toContain(ids.Ann);

    await ann.click();
    await page.getByTestId('adherence-timeline').first().waitFor();
    await shot('adherence-timeline');
  });

  it('shows the intraday charts of a generated skill', async () => {
    await open('intraday');
    await page.locator('[data-testid^="intraday-chart"] canvas').first().waitFor();
    expect(await page.locator('[data-testid^="intraday-chart"]').count()).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.getByTestId('intraday-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('intraday');
  });

  it('shows the forecast with its chosen method', async () => {
    await open('forecast');
    await page.getByTestId('forecast-chart').first().waitFor();
    const runs = page.getByTestId('forecast-runs-table');
    await expect.poll(() => runs.innerText()).toMatch(/WHI|PROFILE|HOLT_WINTERS/);
    await shot('forecast');
  });

  it('lists the employees with their ACD logins', async () => {
    await open('setup/employees');
    const table = page.getByTestId('employees-table');
    await expect.poll(() => table.innerText()).toContain('Browser Ann');
    expect(await table.innerText()).toContain('7001');
    await shot('setup-employees');
  });

  it('lists event mappings and the unmapped events', async () => {
    await send([{ login: '7001', event: 'CustomAux' }]);
    await open('setup/event-mappings');
    await expect.poll(() => page.getByTestId('event-mappings-table').innerText()).toContain('Available');
    await expect.poll(() => page.getByTestId('unmapped-events-table').innerText(), { timeout: 15_000 }).toContain('CustomAux');
    await shot('setup-event-mappings');
  });

  it('lists the data hygiene issues, each linking to where it is fixed', async () => {
    await open('setup/issues');
    const table = page.getByTestId('setup-issues-table');
    await expect.poll(() => table.innerText()).toContain('Browser Cy');
    const unmappedEvents = page.getByTestId('setup-issues-table').locator('tr', { hasText: 'Map the events' });
    await expect.poll(() => unmappedEvents.count(), { timeout: 15_000 }).toBe(1);
    await shot('setup-issues');
    await unmappedEvents.getByTestId('setup-issue-fix').click();
    await expect.poll(() => page.url()).toMatch(/\/console\/setup\/event-mappings$/);
    await expect.poll(() => page.getByTestId('unmapped-events-table').innerText()).toContain('CustomAux');
  });

  it('shows the published schedules', async () => {
    await open(`schedules?date=${scheduleDate}`);
    const ann = page.locator(`[data-testid="schedules-row"][data-id="${ids.Ann}"]`);
    await expect.poll(() => ann.innerText()).toContain('Browser Ann');
    expect(await ann.getByTestId('schedule-timeline').count()).toBe(1);
    await shot('schedules');
  });

  it('edits one employee-day: a row error is shown on its row and publishes nothing, then the fix publishes', async () => {
    await open(`schedules?date=${scheduleDate}`);
    const header = page.getByTestId('page-title').locator('..');
    await expect.poll(() => header.innerText()).toMatch(/Published version \d+/);
    const before = Number(/Published version (\d+)/.exec(await header.innerText())?.[1]);
    await page.locator(`[data-testid="schedules-row"][data-id="${ids.Cy}"]`).getByTestId('schedules-edit-day').click();
    const editor = page.getByTestId('day-editor');
    const rows = editor.getByTestId('day-editor-row');
    await expect.poll(() => rows.count()).toBe(1);
    const start = await rows.first().getByLabel('Start of segment 1').inputValue();
    const end = await rows.first().getByLabel('End of segment 1').inputValue();
    // A second Open over the same hours: an overlap the server refuses on segments[1].
    await editor.getByRole('button', { name: 'Add segment' }).click();
    await rows.nth(1).getByLabel('Activity of segment 2').selectOption({ label: 'Open' });
    await rows.nth(1).getByLabel('Start of segment 2').fill(start);
    await rows.nth(1).getByLabel('End of segment 2').fill(end);
    await editor.getByTestId('day-editor-save').click();
    await expect.poll(() => rows.nth(1).innerText()).toMatch(/overlap/i);
    expect(await rows.first().locator('.field-error').count()).toBe(0);
    expect(Number(/Published version (\d+)/.exec(await header.innerText())?.[1])).toBe(before);
    await shot('schedules-day-editor');
    await rows.nth(1).getByRole('button', { name: 'Remove' }).click();
    await editor.getByTestId('day-editor-save').click();
    await expect.poll(() => header.innerText()).toContain(`Published version ${before + 1}`);
    expect(await editor.count()).toBe(0);
  });

  it('shows the ACD connections with their heartbeat', async () => {
    await open('connections');
    const table = page.getByTestId('connections-table');
    await expect.poll(() => table.innerText()).toContain('browser-test-acd');
    await shot('connections');
  });

  it('keeps the board live and within the viewport with 500 more agents', async () => {
    const logins = Array.from({ length: 500 }, (_, i) => String(8001 + i));
    for (let i = 0; i < logins.length; i += 25) {
      await Promise.all(logins.slice(i, i + 25).map((login) => api('POST', '/wfm/v1/employees', { name: `Load ${login}`, email: `load.${login}@browser.test`, acdLogins: [{ loginId: login }] })));
    }
    await send(logins.map((login) => ({ login, event: 'Available' })));

    const opened = Date.now();
    await open('rta');
    await expect.poll(() => page.locator('[data-testid="rta-row"]').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(509);
    console.log(JSON.stringify({ bench: 'console-rta-509-agents-load-to-rows', value: Date.now() - opened, unit: 'ms' }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    const last = `[data-testid="rta-row"]:has-text("Load 8500")`;
    // Unscheduled, these agents stay NOT_CALCULATED: the delta shows in the actual activity.
    expect(await page.locator(last).getByTestId('rta-actual').innerText()).toContain('Open');
    const sent = Date.now();
    await send([{ login: '8500', event: 'Unavailable', reason: 'Break' }]);
    await expect.poll(() => page.locator(last).getByTestId('rta-actual').innerText(), { timeout: 10_000 }).toContain('Break');
    console.log(JSON.stringify({ bench: 'console-rta-509-agents-send-to-visible', value: Date.now() - sent, unit: 'ms' }));
    await shot('rta-500-agents');
  });
});
