import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/create-platform.js';
import { migrate } from '../platform/db/migrate.js';
import { startServer, type RunningServer } from '../server.js';
import { testDatabaseUrl, testNatsUrl, testTarget, uniqueName } from '../test-support/test-target.js';
import { seedWfm, type Seeded } from '../test-support/wfm-fixtures.js';
import { createCliContext, type CliContext } from './cli-context.js';
import { run } from './main.js';

// `floorplan import schedules` on the database (no server running), called in-process through the
// same `run` the binary uses: embedded data dir, or a fresh PostgreSQL schema plus NATS (services).

const target = testTarget();
let dataDir: string;
let schema: string | undefined;
let env: Record<string, string>;
let seeded: Seeded;
let tenantId: string;
const tenant = 'sched-cli';

async function pgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function cli(...args: string[]): Promise<{ code: number; out: string[]; notes: string[] }> {
  const out: string[] = [];
  const notes: string[] = [];
  const base = createCliContext(env);
  const ctx: CliContext = { ...base, out: (l) => void out.push(l), note: (l) => void notes.push(l) };
  const code = await run(['node', 'floorplan', ...args], ctx);
  process.exitCode = 0;
  return { code, out, notes };
}

/** The CLI as a child process (its own pid, so it sees this process's server as the data dir's owner). */
function spawnCli(...args: string[]): Promise<{ code: number | null; out: string[]; notes: string[] }> {
  const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli/entry.ts', ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: stdout.split('\n').filter((l) => l !== ''), notes: stderr.split('\n').filter((l) => l !== '') }));
  });
}

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig(env));
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'floorplan-sched-cli-'));
  env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (target === 'services') {
    schema = uniqueName('schedcli').toLowerCase();
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    const url = new URL(testDatabaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    Object.assign(env, { DATABASE_URL: url.toString(), NATS_URL: testNatsUrl, NATS_STREAM: 'FLOORPLAN_TEST' });
  }
  const created = await cli('tenants', 'create', tenant);
  expect(created.code).toBe(0);
  seeded = await withDb(async (db) => {
    tenantId = (await db.query<{ id: string }>('SELECT id FROM tenant WHERE name = $1', [tenant])).rows[0]?.id as string;
    return seedWfm(db, tenantId, {
      timeZone: 'Europe/Paris',
      codes: [
        { name: 'Open', displayAs: 'OPEN', open: true, priority: 5 },
        { name: 'Break', displayAs: 'BREAK', open: false, priority: 2 },
      ],
      employees: [{ name: 'Ann', email: 'ann@example.test' }, { name: 'Bob', email: 'bob@example.test' }],
    });
  });
}, 120_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  if (schema) await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

describe(`floorplan import schedules (${target})`, () => {
  it('imports and publishes a CSV for a scheduling unit', async () => {
    const file = join(dataDir, 'week.csv');
    await writeFile(
      file,
      [
        'employee,activityCode,start,end',
        'ann@example.test,Open,2026-03-02 09:00,2026-03-02 17:00',
        'ann@example.test,Break,2026-03-02 12:00,2026-03-02 12:30',
        'bob@example.test,Open,2026-03-02T08:00:00Z,2026-03-02T12:00:00Z',
        '',
      ].join('\n'),
    );
    const res = await cli('import', 'schedules', file, '--tenant', tenant, '--scheduling-unit', seeded.schedulingUnitId, '--from', '2026-03-02', '--to', '2026-03-03', '--publish');
    expect(res.notes).toEqual([]);
    expect(res.code).toBe(0);
    expect(res.out).toHaveLength(1);
    expect(res.out[0]).toMatch(/^import [0-9a-f-]{36}: PUBLISHED, 3 segment\(s\) for 2 employee\(s\), published as version 1$/);

    const rows = await withDb((db) =>
      db.query<{ email: string; date: string; start_at: Date; end_at: Date }>(
        `SELECT e.email, to_char(s.date, 'YYYY-MM-DD') AS date, s.start_at, s.end_at FROM schedule_segment s
           JOIN employee e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id
          WHERE s.tenant_id = $1 AND s.valid_to_version IS NULL ORDER BY e.email, s.start_at`,
        [tenantId],
      ),
    );
    expect(rows.rows.map((r) => [r.email, r.date, new Date(r.start_at).toISOString(), new Date(r.end_at).toISOString()])).toEqual([
      ['ann@example.test', '2026-03-02', '2026-03-02T08:00:00.000Z', '2026-03-02T16:00:00.000Z'],
      ['ann@example.test', '2026-03-02', '2026-03-02T11:00:00.000Z', '2026-03-02T11:30:00.000Z'],
      ['bob@example.test', '2026-03-02', '2026-03-02T08:00:00.000Z', '2026-03-02T12:00:00.000Z'],
    ]);
    const days = await withDb((db) => db.query<{ n: number }>('SELECT count(*)::int AS n FROM schedule_day WHERE tenant_id = $1 AND valid_to_version IS NULL', [tenantId]));
    expect(days.rows[0]?.n).toBe(4);
  });

  it('prints each row error with its line number, exits 1 and publishes nothing', async () => {
    const file = join(dataDir, 'bad.csv');
    await writeFile(
      file,
      [
        'employee,activityCode,start,end',
        'ann@example.test,Open,2026-03-09 09:00,2026-03-09 17:00',
        'ann@example.test,Open,2026-03-09 16:00,2026-03-09 18:00',
        'ann@example.test,Login,2026-03-09 08:00,2026-03-09 09:00',
      ].join('\n'),
    );
    const res = await cli('import', 'schedules', file, '--tenant', tenant, '--employees', seeded.employees.Ann as string, '--from', '2026-03-09', '--to', '2026-03-09', '--publish');
    expect(res.code).toBe(1);
    expect(res.notes).toEqual([
      'line 3: overlaps line 2 with the same priority (5)',
      'line 4: activity code "Login" is built in and cannot be scheduled',
      'error: the import has row errors; nothing was published',
    ]);
    expect(res.out[0]).toMatch(/^import [0-9a-f-]{36}: INVALID, 2 row error\(s\)$/);
    const versions = await withDb((db) => db.query<{ n: number }>('SELECT count(*)::int AS n FROM schedule_version WHERE tenant_id = $1', [tenantId]));
    expect(versions.rows[0]?.n).toBe(1);
  });

  it('refuses an unknown tenant and a bad coverage with exit code 1', async () => {
    const file = join(dataDir, 'empty.json');
    await writeFile(file, JSON.stringify({ segments: [] }));
    const unknown = await cli('import', 'schedules', file, '--tenant', 'nope', '--scheduling-unit', seeded.schedulingUnitId, '--from', '2026-03-02', '--to', '2026-03-02');
    expect(unknown.code).toBe(1);
    expect(unknown.notes).toEqual(['error: tenant nope not found']);
    const both = await cli('import', 'schedules', file, '--tenant', tenant, '--from', '2026-03-02', '--to', '2026-03-01');
    expect(both.code).toBe(1);
    expect(both.notes).toEqual(['error: --scheduling-unit: give exactly one of schedulingUnitId and employeeIds; --to: must not be before fromDate']);
  });

  // PGlite is single-process: with a server holding the data dir the command goes through its API.
  describe.runIf(target === 'embedded')('while a server runs on the same data dir', () => {
    let server: RunningServer;

    beforeAll(async () => {
      const admin = await cli('users', 'create', '--tenant', tenant, '--email', 'boss@example.test', '--role', 'admin', '--password', 'correct horse battery');
      expect(admin.code).toBe(0);
      server = await startServer(loadConfig({ ...env, PORT: String(await freePort()), HOST: '127.0.0.1' }), { logger: false });
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
    });

    it('imports through the server as the tenant admin and revokes the key it used', async () => {
      const file = join(dataDir, 'day.json');
      await writeFile(file, JSON.stringify({ segments: [{ employeeId: 'bob@example.test', activityCodeId: 'Open', start: '2026-03-03 09:00', end: '2026-03-03 13:00' }] }));
      const res = await spawnCli('import', 'schedules', file, '--tenant', tenant, '--employees', seeded.employees.Bob as string, '--from', '2026-03-03', '--to', '2026-03-03', '--publish');
      expect(res.code).toBe(0);
      expect(res.notes.some((n) => n.startsWith('floorplan: using the running server at http://127.0.0.1:'))).toBe(true);
      expect(res.out[0]).toMatch(/^import [0-9a-f-]{36}: PUBLISHED, 1 segment\(s\) for 1 employee\(s\), published as version 2$/);

      const bad = join(dataDir, 'bad-day.csv');
      await writeFile(bad, 'employee,activityCode,start,end\nbob@example.test,Open,2026-03-03 09:00,2026-03-03 09:00\n');
      const invalid = await spawnCli('import', 'schedules', bad, '--tenant', tenant, '--employees', seeded.employees.Bob as string, '--from', '2026-03-03', '--to', '2026-03-03');
      expect(invalid.code).toBe(1);
      expect(invalid.notes.filter((n) => n.startsWith('line'))).toEqual(['line 2: start must be before end']);

      const keys = await spawnCli('keys', 'list', '--tenant', tenant, '--json');
      expect(keys.code).toBe(0);
      const listed = JSON.parse(keys.out.join('')) as { userEmail: string; purpose: string; revokedAt: string | null }[];
      expect(listed.map((k) => [k.userEmail, k.purpose, k.revokedAt !== null])).toEqual([
        ['boss@example.test', 'general', true],
        ['boss@example.test', 'general', true],
      ]);
    }, 120_000);
  });
});
