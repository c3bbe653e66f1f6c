import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testNatsUrl, testTarget, uniqueName } from '../test-support/test-target.js';

// `floorplan generate` as a user runs it, with no server running: it starts one in its own process
// on a fresh DATA_DIR (embedded) or on a fresh PostgreSQL schema with NATS (services).

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const entry = 'packages/server/src/cli/entry.ts';
const target = testTarget();
const ownedPrefixes = ['WFM_', 'AUTH_', 'S3_', 'NATS_', 'DATABASE_', 'JWT_', 'FLOORPLAN_'];
const ownedKeys = new Set(['PORT', 'HOST', 'PUBLIC_URL', 'LOG_LEVEL', 'DATA_DIR']);

let dataDir: string;
let schema: string | undefined;
let env: Record<string, string>;

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function pgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'floorplan-generate-'));
  const inherited = Object.entries(process.env).filter(
    (e): e is [string, string] => e[1] !== undefined && !ownedKeys.has(e[0]) && !ownedPrefixes.some((p) => e[0].startsWith(p)),
  );
  env = { ...Object.fromEntries(inherited), DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (target === 'services') {
    schema = uniqueName('gen').toLowerCase();
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    const url = new URL(testDatabaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    Object.assign(env, { DATABASE_URL: url.toString(), NATS_URL: testNatsUrl, NATS_STREAM: 'FLOORPLAN_TEST' });
  }
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  if (schema) await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
});

describe(`floorplan generate (${target})`, () => {
  it('generates a tiny center in a new tenant, then refuses to generate it twice', async () => {
    const first = await cli('generate', '--tenant', 'tiny', '--agents', '3', '--weeks', '1', '--skills', '1', '--ahead-weeks', '0', '--seed', '5');
    expect(first.stderr).toContain('generate: no server running; starting one in this process');
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('generated tenant tiny (seed 5, zone Europe/Paris):');
    expect(lines[1]).toMatch(/^ {2}setup {6}5 activity codes, 1 skills, 3 employees \(logins 5001…\) {2}\d+ ms$/);
    // One week back to today: 8 days, 3 employees with 5 or 6 shifts of 4-6 segments.
    expect(lines[2]).toMatch(/^ {2}schedules {2}\d+ segments, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}, versions 1 {2}\d+ ms$/);
    expect(lines[3]).toMatch(/^ {2}history {4}\d+ agent states, (\d+) queue reports \(\1 rows\) up to \S+Z {2}\d+ ms$/);

    const again = await cli('generate', '--tenant', 'tiny', '--agents', '3', '--weeks', '1', '--skills', '1', '--seed', '5');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/error: tenant tiny already has generated data \(activity code Open, .*\); generate into a new tenant\n$/);

    const skipped = await cli('generate', '--tenant', 'tiny', '--agents', '3', '--weeks', '1', '--skills', '1', '--if-exists', 'skip');
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toMatch(/^tenant tiny already holds generated data; nothing written \(\d+ names found\)\n$/);
  }, 240_000);

  it('refuses bad options before starting anything, naming the flag', async () => {
    const speed = await cli('generate', '--tenant', 'x', '--speed', 'fast');
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain("option '--speed <speed>' argument 'fast' is invalid. must be a positive number or max");
    const zone = await cli('generate', '--tenant', 'x', '--time-zone', 'Mars/Base');
    expect([zone.code, zone.stderr]).toEqual([1, 'error: --time-zone: must be an IANA time zone\n']);
  }, 60_000);
});
