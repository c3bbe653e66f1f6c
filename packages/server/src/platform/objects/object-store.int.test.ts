import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3rver, type LocalS3 } from '../../test-support/s3rver.js';
import { testTarget, uniqueName } from '../../test-support/test-target.js';
import { createManualClock } from '../clock.js';
import { createFsObjectStore } from './fs-object-store.js';
import { attachmentDisposition } from './http-range.js';
import { ObjectNotFoundError, type ObjectStore } from './object-store.js';
import { objectsRoutes } from './objects-routes.js';
import { signObjectPath } from './signed-url.js';

const target = testTarget();
const secret = randomBytes(32).toString('hex');
const clock = createManualClock('2024-04-17T10:00:00Z');
const key = (name: string) => `${run}/${name}`;
const run = uniqueName('obj').toLowerCase().replace(/_/g, '-');

let store: ObjectStore;
let dir = '';
let app: FastifyInstance | undefined;
let s3: LocalS3 | undefined;
let baseUrl = '';

beforeAll(async () => {
  if (target === 'embedded') {
    dir = await mkdtemp(join(tmpdir(), 'floorplan-objects-'));
    // The server's store only serves (head/get); the test's store signs URLs against the bound address.
    app = Fastify();
    await app.register(objectsRoutes, {
      store: createFsObjectStore({ dir, baseUrl: 'http://unused', secret, clock }),
      secret,
      clock,
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    store = createFsObjectStore({ dir, baseUrl, secret, clock });
  } else {
    s3 = await startS3rver();
    // Imported here so the embedded run never loads the AWS SDK.
    const { createS3ObjectStore } = await import('./s3-object-store.js');
    store = await createS3ObjectStore({
      endpoint: s3.endpoint,
      bucket: run.slice(0, 63),
      region: 'us-east-1',
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      forcePathStyle: true,
      partSizeBytes: 5 * 1024 * 1024,
    });
  }
});

afterAll(async () => {
  await app?.close();
  await s3?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bytes = Buffer.from('0123456789abcdefghij'); // 20 bytes, each tells its offset

describe(`object store (${target})`, () => {
  it('is the adapter of the target', () => {
    expect(store.kind).toBe(target === 'embedded' ? 'fs' : 's3');
  });

  it('puts, heads, gets and deletes an object', async () => {
    const k = key('t1/extractions/agents 2024.csv');
    expect(await store.put(k, bytes, { contentType: 'text/csv' })).toEqual({ key: k, size: 20, contentType: 'text/csv' });
    expect(await store.head(k)).toEqual({ key: k, size: 20, contentType: 'text/csv' });
    const { info, body } = await store.get(k);
    expect(info).toEqual({ key: k, size: 20, contentType: 'text/csv' });
    expect((await readAll(body)).toString()).toBe('0123456789abcdefghij');
    await store.delete(k);
    expect(await store.head(k)).toBeNull();
    await expect(store.get(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await store.delete(k); // deleting a missing object is fine
  });

  it('defaults the content type, replaces on a second put, and heads a missing key as null', async () => {
    const k = key('replace.bin');
    expect(await store.put(k, Buffer.from('first version'))).toEqual({ key: k, size: 13, contentType: 'application/octet-stream' });
    await store.put(k, Buffer.from('second'), { contentType: 'text/plain' });
    expect(await store.head(k)).toEqual({ key: k, size: 6, contentType: 'text/plain' });
    expect((await readAll((await store.get(k)).body)).toString()).toBe('second');
    expect(await store.head(key('never-put'))).toBeNull();
  });

  it('reads byte ranges, clamping an end past the object and refusing a start past it', async () => {
    const k = key('ranges.txt');
    await store.put(k, bytes, { contentType: 'text/plain' });
    const read = async (start: number, end?: number) => {
      const { info, body } = await store.get(k, end === undefined ? { start } : { start, end });
      expect(info.size).toBe(20);
      return (await readAll(body)).toString();
    };
    expect(await read(2, 5)).toBe('2345');
    expect(await read(7, 7)).toBe('7');
    // s3rver 3 reads an end of 0 as "no end" (real S3 and the fs store answer one byte).
    if (target === 'embedded') expect(await read(0, 0)).toBe('0');
    expect(await read(15)).toBe('fghij');
    expect(await read(18, 1000)).toBe('ij');
    await expect(store.get(k, { start: 20 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.get(k, { start: 5, end: 4 })).rejects.toBeInstanceOf(RangeError);
  });

  it('serves a signed URL before expiry, whole and as a range', async () => {
    const k = key('signed/ü file.csv');
    await store.put(k, bytes, { contentType: 'text/csv' });
    const url = await store.signedUrl(k, { expiresInSeconds: 60 });
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('text/csv');
    expect(whole.headers.get('content-length')).toBe('20');
    expect(Buffer.from(await whole.arrayBuffer()).toString()).toBe('0123456789abcdefghij');
    const part = await fetch(url, { headers: { range: 'bytes=3-7' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 3-7/20');
    expect(part.headers.get('content-length')).toBe('5');
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('34567');
    const tail = await fetch(url, { headers: { range: 'bytes=16-' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe('bytes 16-19/20');
    expect(Buffer.from(await tail.arrayBuffer()).toString()).toBe('ghij');
    // s3rver 3 serves a suffix range (`bytes=-n`) as `bytes=0-n`; real S3 and the fs routes do not.
    if (target === 'embedded') {
      const suffix = await fetch(url, { headers: { range: 'bytes=-4' } });
      expect(suffix.status).toBe(206);
      expect(suffix.headers.get('content-range')).toBe('bytes 16-19/20');
      expect(Buffer.from(await suffix.arrayBuffer()).toString()).toBe('ghij');
    }
  });

  it('names the download in Content-Disposition when asked', async () => {
    const k = key('download.csv');
    await store.put(k, bytes, { contentType: 'text/csv' });
    const url = await store.signedUrl(k, { expiresInSeconds: 60, downloadName: 'Agents 2024 – Ü.csv' });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(attachmentDisposition('Agents 2024 – Ü.csv'));
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('0123456789abcdefghij');
  });

  it('refuses a signed URL after it expires', async () => {
    const k = key('expiring.txt');
    await store.put(k, bytes);
    if (target === 'embedded') {
      const url = await store.signedUrl(k, { expiresInSeconds: 60 });
      expect((await fetch(url)).status).toBe(200);
      clock.advance(61_000);
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ message: 'signed URL expired' });
    } else {
      const url = await store.signedUrl(k, { expiresInSeconds: 1 });
      expect((await fetch(url)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Request has expired');
    }
  });

  it('streams a 5 MiB object put from a stream back byte-identical', async () => {
    const k = key('media/large.bin');
    const size = 5 * 1024 * 1024 + 123; // one byte over a part, so S3 gets a multipart upload
    const original = randomBytes(size);
    const chunks = function* () {
      for (let at = 0; at < size; at += 64 * 1024) yield original.subarray(at, Math.min(at + 64 * 1024, size));
    };
    expect(await store.put(k, Readable.from(chunks()), { contentType: 'audio/wav' })).toEqual({
      key: k,
      size,
      contentType: 'audio/wav',
    });
    const back = await readAll((await store.get(k)).body);
    expect(back.length).toBe(size);
    expect(sha256(back)).toBe(sha256(original));
    const res = await fetch(await store.signedUrl(k, { expiresInSeconds: 60 }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(size));
    const fetched = Buffer.from(await res.arrayBuffer());
    expect(sha256(fetched)).toBe(sha256(original));
    const tail = await fetch(await store.signedUrl(k, { expiresInSeconds: 60 }), { headers: { range: `bytes=${size - 1000}-` } });
    expect(tail.status).toBe(206);
    expect(sha256(Buffer.from(await tail.arrayBuffer()))).toBe(sha256(original.subarray(size - 1000)));
  });

  it('rejects keys that could escape the store, before touching it', async () => {
    for (const bad of ['../escape.txt', 'a/../../escape.txt', '/etc/passwd', 'a\\b', 'a//b', 'a\0b']) {
      await expect(store.put(bad, bytes)).rejects.toThrow(`invalid object key ${JSON.stringify(bad)}`);
      await expect(store.get(bad)).rejects.toThrow('invalid object key');
      await expect(store.head(bad)).rejects.toThrow('invalid object key');
      await expect(store.delete(bad)).rejects.toThrow('invalid object key');
      await expect(store.signedUrl(bad, { expiresInSeconds: 60 })).rejects.toThrow('invalid object key');
    }
    if (dir) expect((await readdir(dir)).sort()).toEqual(['data', 'meta', 'tmp']);
  });
});

// The HTTP routes only exist for the fs store (S3 serves its own pre-signed URLs).
if (target === 'embedded') describe('objects routes (fs)', () => {
  const k = () => key('routes/report.csv');
  beforeAll(async () => {
    await store.put(k(), bytes, { contentType: 'text/csv' });
  });

  /** A request with the path sent exactly as written (fetch would normalise `%2e%2e`). */
  function rawGet(path: string): Promise<{ status: number; body: string }> {
    const { hostname, port } = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject).end();
    });
  }

  it('refuses a tampered signature, key, expiry or download name', async () => {
    const url = new URL(await store.signedUrl(k(), { expiresInSeconds: 60, downloadName: 'report.csv' }));
    const signature = url.searchParams.get('signature') ?? '';
    const tamper = async (change: (u: URL) => void) => {
      const u = new URL(url);
      change(u);
      const res = await fetch(u);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const refused = { status: 403, body: { message: 'signature does not match' } };
    expect((await fetch(url)).status).toBe(200);
    expect(await tamper((u) => u.searchParams.set('signature', (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1)))).toEqual(refused);
    expect(await tamper((u) => u.searchParams.delete('signature'))).toEqual(refused);
    expect(await tamper((u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600)))).toEqual(refused);
    expect(await tamper((u) => u.searchParams.set('download', 'evil.exe'))).toEqual(refused);
    expect(await tamper((u) => u.searchParams.delete('download'))).toEqual(refused);
    expect(await tamper((u) => (u.pathname = u.pathname.replace('report.csv', 'other.csv')))).toEqual(refused);
  });

  it('refuses a traversal path even when its signature is genuine', async () => {
    const expires = Math.ceil(clock.now().getTime() / 1000) + 60;
    const signature = signObjectPath('../../etc/passwd', expires, secret);
    const res = await rawGet(`/objects/v1/%2e%2e/%2E%2E/etc/passwd?expires=${expires}&signature=${signature}`);
    expect(res).toEqual({ status: 403, body: JSON.stringify({ message: 'signature does not match' }) });
  });

  it('answers 404 for a signed URL whose object is gone', async () => {
    const gone = key('routes/gone.csv');
    await store.put(gone, bytes);
    const url = await store.signedUrl(gone, { expiresInSeconds: 60 });
    await store.delete(gone);
    const res = await fetch(url);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'object not found' });
  });

  it('answers 416 with the size for a range past the end, and ignores a multi-range', async () => {
    const url = await store.signedUrl(k(), { expiresInSeconds: 60 });
    const res = await fetch(url, { headers: { range: 'bytes=20-' } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */20');
    const multi = await fetch(url, { headers: { range: 'bytes=0-1,4-5' } });
    expect(multi.status).toBe(200);
    expect(Buffer.from(await multi.arrayBuffer()).toString()).toBe('0123456789abcdefghij');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const url = await store.signedUrl(k(), { expiresInSeconds: 60 });
    const res = await fetch(url, { method: 'HEAD', headers: { range: 'bytes=10-' } });
    expect(res.status).toBe(206);
    expect(Object.fromEntries(['content-type', 'content-length', 'content-range', 'accept-ranges'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'text/csv',
      'content-length': '10',
      'content-range': 'bytes 10-19/20',
      'accept-ranges': 'bytes',
    });
    expect(await res.text()).toBe('');
  });
});
