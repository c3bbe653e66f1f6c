#!/usr/bin/env node
// Tries the console as a new user would and keeps the proof: starts `floorplan start` on a fresh
// DATA_DIR (the living demo), reads the sign-in it printed, signs in through the form in Debian's
// headless chromium at 1366×768, waits until the RTA board moves, and saves screenshots of the
// main pages. Used for docs/getting-started.md; needs `npm run build` first.
//
//   node scripts/console-screenshots.mjs [outDir = docs/images] [port = 8093]
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = process.argv[2] ?? join(root, 'docs/images');
const port = Number(process.argv[3] ?? 8093);
const dataDir = mkdtempSync(join(tmpdir(), 'floorplan-shots-'));
mkdirSync(outDir, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stderr.write(`console-screenshots: ${line}\n`);

const started = Date.now();
const server = spawn(process.execPath, [join(root, 'packages/server/bin/floorplan.js'), 'start'], {
  env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
server.stdout.on('data', (d) => (output += String(d)));
server.stderr.on('data', (d) => (output += String(d)));

/** Polls `check` every 500 ms until it returns a truthy value or `ms` pass. */
async function until(what, ms, check) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output}`);
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s\n${output.slice(-4000)}`);
    await sleep(500);
  }
}

let browser;
try {
  const consoleUrl = await until('the console URL in the start log', 120_000, async () => output.match(/https?:\/\/\S+\/console\/?/)?.[0]);
  log(`start log printed ${consoleUrl}`);
  const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));
  const base = new URL(consoleUrl).origin;

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const shot = async (name) => {
    await page.screenshot({ path: join(outDir, `${name}.png`) });
    log(`saved ${join(outDir, `${name}.png`)}`);
  };

  await page.goto(consoleUrl);
  await page.getByLabel(/tenant/i).fill(creds.tenant);
  await page.getByLabel(/email/i).fill(creds.adminEmail);
  await page.getByLabel(/password/i).fill(creds.adminPassword);
  await shot('console-sign-in');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();

  // The demo generates its history in the background, then the live feeder starts: wait for that
  // line of the start log, then for the open board to change (a state, or the actual activity).
  await page.goto(`${base}/console/rta`);
  await until('agents on the board', 300_000, async () => (await page.locator('[data-testid="rta-row"]').count()) > 0);
  await shot('console-rta-board-generating');
  await until('"demo: live feeder running" in the start log', 600_000, async () => output.includes('demo: live feeder running'));
  log(`live feeder running ${Math.round((Date.now() - started) / 1000)} s after start`);
  await page.goto(`${base}/console/rta`);
  await until('agents on the board', 60_000, async () => (await page.locator('[data-testid="rta-row"]').count()) > 0);
  const board = () =>
    page.locator('[data-testid="rta-row"]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-state')}:${r.querySelector('[data-testid="rta-actual"]')?.textContent}`).join(','));
  const before = await board();
  await until('a change on the open board', 180_000, async () => (await board()) !== before);
  log(`board moved ${Math.round((Date.now() - started) / 1000)} s after start`);
  await sleep(1500);
  await shot('console-rta-board');

  const visit = async (path) => {
    await page.goto(`${base}/console/${path}`);
    await page.getByTestId('page-title').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await sleep(1500);
  };
  await visit('intraday');
  await shot('console-intraday');
  // After generating, the server recomputes the history's adherence in the background: wait until
  // the totals of the six days before today (today moves with the live feed) stop changing.
  const token = await fetch(`${base}/auth/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: creds.tenant, email: creds.adminEmail, password: creds.adminPassword }) })
    .then((r) => r.json())
    .then((b) => b.access_token);
  const weekTotals = async () => {
    const day = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${base}/wfm/v1/adherence/report?from=${day(7)}&to=${day(2)}&granularity=day&limit=1`, { headers: { authorization: `Bearer ${token}` } });
    return JSON.stringify((await res.json()).totals);
  };
  let previous = '';
  await until('stable adherence totals', 600_000, async () => {
    const now = await weekTotals();
    const stable = now === previous;
    previous = now;
    if (!stable) await sleep(15_000);
    return stable;
  });
  log(`adherence recomputed ${Math.round((Date.now() - started) / 1000)} s after start: ${previous}`);
  await visit('adherence');
  await shot('console-adherence');
  await page.getByTestId('adherence-row').first().click();
  await page.getByTestId('adherence-timeline').first().scrollIntoViewIfNeeded();
  await sleep(500);
  await shot('console-adherence-timeline');
  // The demo generates history, not forecasts: run one from the page, as a new user would.
  await visit('forecast');
  await page.getByTestId('forecast-run').click();
  await page.getByTestId('forecast-run-row').first().waitFor({ timeout: 120_000 });
  await sleep(1500);
  await shot('console-forecast');
  await visit('connections');
  await shot('console-connections');
  process.stdout.write(`${output.split('\n').filter((l) => !l.startsWith('{')).join('\n')}\n`);
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  rmSync(dataDir, { recursive: true, force: true });
}
