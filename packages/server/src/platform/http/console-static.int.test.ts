import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

describe('the console at /console', () => {
  let base = '';
  let t: TestApp;
  const html = '<!doctype html><title>Floorplan</title><script type="module" src="/console/assets/index-abc123.js"></script>';

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'floorplan-web-'));
    const dist = join(base, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), html);
    await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log("console")');
    await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(base, 'secret.txt'), 'outside the dist');
    t = await createTestApp({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await t?.close();
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('serves index.html at /console, /console/ and any client route, never cached', async () => {
    for (const url of ['/console', '/console/', '/console/rta/board', '/console/setup/employees?x=1']) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(html);
    }
  });

  it('serves hashed assets as immutable and other files as no-cache', async () => {
    const js = await t.inject({ method: 'GET', url: '/console/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await t.inject({ method: 'GET', url: '/console/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    // A stale page asking for an old build's asset gets a 404, not HTML.
    expect((await t.inject({ method: 'GET', url: '/console/assets/index-old.js' })).statusCode).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    for (const url of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/..%2fsecret.txt', '/console/assets/..%2f..%2fsecret.txt']) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('outside the dist');
    }
  });

  it('redirects / to the console and needs no token', async () => {
    const res = await t.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/console/');
  });

  it('answers 503 with a clear message when the console is not built, and the API still runs', async () => {
    const unbuilt = await createTestApp({ env: { WEB_DIST_DIR: join(base, 'missing') } });
    try {
      for (const url of ['/console', '/console/', '/console/rta']) {
        const res = await unbuilt.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(503);
        expect(res.body).toContain('console not built: run npm run build');
      }
      expect((await unbuilt.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await unbuilt.close();
    }
  });
});
