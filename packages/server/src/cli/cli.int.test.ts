import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server.js';
import { createTestBus } from '../test-support/test-app.js';
import { testDatabaseUrl, testNatsUrl, testTarget, uniqueName } from '../test-support/test-target.js';

// The CLI runs as a real child process from its TypeScript sources, with the environment a user would
// give it: a fresh DATA_DIR (embedded) or DATABASE_URL on a fresh PostgreSQL schema plus NATS (services).

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const entry = 'packages/server/src/cli/entry.ts';
const target = testTarget();
const ownedPrefixes = ['WFM_', 'AUTH_', 'S3_', 'NATS_', 'DATABASE_', 'JWT_', 'FLOORPLAN_'];
const ownedKeys = new Set(['PORT', 'HOST', 'PUBLIC_URL', 'LOG_LEVEL', 'DATA_DIR']);

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir: string;
let schema: string | undefined;
let env: Record<string, string>;

function cli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry, ...args], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
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

async function login(baseUrl: string, key: { accessKeyId: string; accessKeySecret: string }) {
  const res = await fetch(`${baseUrl}/authentication/v1/token/access-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const tenant = 'acme';
const serverNotice = 'using the running server at';
let key: { accessKeyId: string; accessKeySecret: string };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'floorplan-cli-'));
  const inherited = Object.entries(process.env).filter(
    (e): e is [string, string] => e[1] !== undefined && !ownedKeys.has(e[0]) && !ownedPrefixes.some((p) => e[0].startsWith(p)),
  );
  env = { ...Object.fromEntries(inherited), DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (target === 'services') {
    schema = uniqueName('cli').toLowerCase();
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    const url = new URL(testDatabaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    // The stream test-app.ts shares between test files on NATS.
    Object.assign(env, { DATABASE_URL: url.toString(), NATS_URL: testNatsUrl, NATS_STREAM: 'FLOORPLAN_TEST' });
  }
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  if (schema) await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
});

describe(`floorplan CLI (${target})`, () => {
  it('creates a tenant and prints a new key as one line of JSON, on the database while no server runs', async () => {
    const created = await cli('tenants', 'create', tenant);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created tenant acme \(id [0-9a-f-]{36}\)\n$/);

    const json = await cli('keys', 'create', '--tenant', tenant, '--json');
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(json.stdout.endsWith('\n')).toBe(true);
    expect(json.stdout.trimEnd().split('\n')).toHaveLength(1);
    key = JSON.parse(json.stdout) as typeof key;
    expect(Object.keys(key)).toEqual(['accessKeyId', 'accessKeySecret']);
    // 20 random bytes in base32 (32 characters); 32 random bytes in base32 with `=` padding (56).
    expect(key.accessKeyId).toMatch(/^[A-Z2-7]{32}$/);
    expect(key.accessKeySecret).toMatch(/^[A-Z2-7]{52}====$/);
  });

  it('refuses a duplicate tenant name with exit code 1 and the reason on stderr', async () => {
    const again = await cli('tenants', 'create', tenant);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('error: CONFLICT: name: already exists\n');
  });

  it('exits with 2 on usage errors, before touching the database', async () => {
    const [noTenant, badPurpose, badRole] = await Promise.all([
      cli('keys', 'create', '--json'),
      cli('keys', 'create', '--tenant', tenant, '--purpose', 'root'),
      cli('users', 'create', '--tenant', tenant, '--email', 'x@acme.test', '--password', 'long enough', '--role', 'god'),
    ]);
    expect(noTenant).toMatchObject({ code: 2, stdout: '' });
    expect(noTenant.stderr).toContain("error: required option '--tenant <name>' not specified");
    expect(badPurpose.code).toBe(2);
    expect(badPurpose.stderr).toContain("argument 'root' is invalid");
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("argument 'god' is invalid");
  });

  describe('while a server runs on the same data', () => {
    let server: RunningServer;
    let accessToken: string;

    beforeAll(async () => {
      const config = loadConfig({
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        FLOORPLAN_BOOTSTRAP: 'false',
        ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
      });
      server = await startServer(config, {
        logger: false,
        ...(schema ? { bus: await createTestBus(), jobsSchema: `${schema}_jobs` } : {}),
      });
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('accepts the key the CLI printed', async () => {
      const res = await login(server.url, key);
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('Bearer');
      accessToken = res.body.access_token as string;
      const details = await fetch(`${server.url}/wfm/acd/v1/details`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(details.status).toBe(200);
    });

    it(
      target === 'embedded'
        ? 'goes through the server admin API, because the server owns the PGlite data dir'
        : 'still opens PostgreSQL directly, which serves many processes',
      async () => {
        const created = await cli('tenants', 'create', 'beta');
        expect(created.code).toBe(0);
        expect(created.stdout).toMatch(/^created tenant beta /);
        if (target === 'embedded') {
          expect(created.stderr).toBe(`floorplan: ${serverNotice} ${server.localUrl} (pid ${process.pid} owns ${dataDir})\n`);
        } else {
          expect(created.stderr).toBe('');
        }
        // Either way the running server sees the tenant at once.
        expect((await server.app.identity.tenantByName('beta'))?.name).toBe('beta');

        const json = await cli('keys', 'create', '--tenant', 'beta', '--json');
        expect(json.code).toBe(0);
        const betaKey = JSON.parse(json.stdout) as typeof key;
        expect(Object.keys(betaKey)).toEqual(['accessKeyId', 'accessKeySecret']);
        expect((await login(server.url, betaKey)).status).toBe(200);
      },
    );

    it('creates a user and lists it', async () => {
      const created = await cli('users', 'create', '--tenant', tenant, '--email', 'ann@acme.test', '--password', 'correct horse',
        '--role', 'supervisor', '--name', 'Ann Lee');
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^created user ann@acme\.test \(role supervisor, id [0-9a-f-]{36}\) in tenant acme\n$/);

      const listed = await cli('users', 'list', '--tenant', tenant, '--json');
      expect(listed.code).toBe(0);
      const users = JSON.parse(listed.stdout) as { email: string; name: string; role: string; status: string }[];
      expect(users.find((u) => u.email === 'ann@acme.test')).toMatchObject({ name: 'Ann Lee', role: 'supervisor', status: 'ACTIVE' });

      const short = await cli('users', 'create', '--tenant', tenant, '--email', 'bob@acme.test', '--password', 'short', '--role', 'agent');
      expect(short.code).toBe(1);
      expect(short.stderr).toContain('error: VALIDATION_FAILED: password: must be at least 8 characters\n');
    });

    it('imports an existing key pair that then logs in', async () => {
      const imported = await cli('keys', 'import', '--tenant', tenant, '--id', 'LEGACY-KEY-ID-1', '--secret', 'legacy-secret-value');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toBe('imported access key LEGACY-KEY-ID-1 into tenant acme (purpose acd-connector)\n');
      expect(imported.stdout + imported.stderr).not.toContain('legacy-secret-value');
      expect((await login(server.url, { accessKeyId: 'LEGACY-KEY-ID-1', accessKeySecret: 'legacy-secret-value' })).status).toBe(200);
    });

    it('lists keys without their secrets', async () => {
      const listed = await cli('keys', 'list', '--tenant', tenant, '--json');
      expect(listed.code).toBe(0);
      expect(listed.stdout).not.toContain(key.accessKeySecret);
      const keys = JSON.parse(listed.stdout) as { accessKeyId: string; purpose: string; userEmail: string; revokedAt: string | null }[];
      expect(keys.map((k) => k.accessKeyId).sort()).toEqual([key.accessKeyId, 'LEGACY-KEY-ID-1'].sort());
      expect(keys.find((k) => k.accessKeyId === key.accessKeyId)).toMatchObject({
        purpose: 'acd-connector',
        userEmail: 'acd-connector@acme.invalid',
        revokedAt: null,
      });
    });

    it('revokes a key: its login fails with 401 and its tokens stop working', async () => {
      const revoked = await cli('keys', 'revoke', '--tenant', tenant, key.accessKeyId);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toBe(`revoked access key ${key.accessKeyId} of tenant acme\n`);

      const res = await login(server.url, key);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ status: 'FAILURE', statusReason: 'INVALID_CREDENTIALS' });

      // Directly on PostgreSQL the server learns of it over the bus or its 1 s poll.
      let status = 0;
      for (const deadline = Date.now() + 3000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        status = (await fetch(`${server.url}/wfm/acd/v1/details`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
        if (status === 401) break;
      }
      expect(status).toBe(401);

      const unknown = await cli('keys', 'revoke', '--tenant', tenant, key.accessKeyId);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('error: NOT_FOUND: accessKeyId: no active key with this id in the tenant\n');
    });

    it(target === 'embedded' ? 'refuses migrate while the server owns the data dir' : 'migrates PostgreSQL directly', async () => {
      const result = await cli('migrate');
      if (target === 'embedded') {
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          `error: the running server (pid ${process.pid}, ${server.localUrl}) owns ${dataDir} and migrated it when it started; stop it to run migrate\n`,
        );
      } else {
        expect(result).toEqual({ code: 0, stdout: 'database is up to date\n', stderr: '' });
      }
    });
  });
});
