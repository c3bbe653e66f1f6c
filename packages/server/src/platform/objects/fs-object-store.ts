import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, rmdir, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Clock, systemClock } from '../clock.js';
import { checkObjectKey, encodeObjectKey } from './object-key.js';
import { type ObjectInfo, ObjectNotFoundError, type ObjectStore, rangeEnd } from './object-store.js';
import { signObjectPath } from './signed-url.js';

export interface FsObjectStoreOptions {
  /** Directory that holds the objects (`data/`), their content types (`meta/`) and uploads in flight (`tmp/`). */
  dir: string;
  /** Public base URL of the server that mounts `objectsRoutes`, e.g. `https://floorplan.example.com`. */
  baseUrl: string;
  /** Key of the URL signatures; `objectsRoutes` must verify with the same one. */
  secret: string;
  clock?: Clock;
}

const defaultContentType = 'application/octet-stream';

/**
 * Objects as files in a local directory, served by `objectsRoutes` through HMAC-signed expiring URLs.
 * A put writes a temporary file and renames it into place, so a reader sees the old object or the
 * new one, never half of one. A key and a key below it (`a` and `a/b`) cannot both exist here.
 *
 * @example
 * const store = createFsObjectStore({ dir: `${config.DATA_DIR}/objects`, baseUrl, secret });
 * await store.put('t1/extractions/agents.csv', csv, { contentType: 'text/csv' });
 * const url = await store.signedUrl('t1/extractions/agents.csv', { expiresInSeconds: 3600 });
 */
export function createFsObjectStore(options: FsObjectStoreOptions): ObjectStore {
  const clock = options.clock ?? systemClock;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const dataRoot = join(options.dir, 'data');
  const metaRoot = join(options.dir, 'meta');
  const tmpRoot = join(options.dir, 'tmp');
  const dataPath = (key: string) => join(dataRoot, ...key.split('/'));
  const metaPath = (key: string) => `${join(metaRoot, ...key.split('/'))}.json`;

  const contentTypeOf = async (key: string): Promise<string> => {
    try {
      const meta = JSON.parse(await readFile(metaPath(key), 'utf8')) as { contentType?: unknown };
      return typeof meta.contentType === 'string' ? meta.contentType : defaultContentType;
    } catch {
      return defaultContentType;
    }
  };

  return {
    kind: 'fs',

    async put(key, body, putOptions = {}): Promise<ObjectInfo> {
      checkObjectKey(key);
      const contentType = putOptions.contentType ?? defaultContentType;
      if ((await stat(dataPath(key)).catch(() => null))?.isDirectory()) throw collision(key);
      await mkdir(tmpRoot, { recursive: true });
      const tmp = join(tmpRoot, randomUUID());
      try {
        // flush: the bytes reach the disk before the rename makes them visible.
        if (Buffer.isBuffer(body)) await writeFile(tmp, body, { flag: 'wx', flush: true });
        else await pipeline(body, createWriteStream(tmp, { flags: 'wx', flush: true }));
        const { size } = await stat(tmp);
        await writeFile(`${tmp}.meta`, JSON.stringify({ contentType }), { flag: 'wx', flush: true });
        await Promise.all([mkdir(dirname(dataPath(key)), { recursive: true }), mkdir(dirname(metaPath(key)), { recursive: true })]);
        await rename(`${tmp}.meta`, metaPath(key));
        await rename(tmp, dataPath(key));
        return { key, size, contentType };
      } catch (error) {
        await Promise.all([rm(tmp, { force: true }), rm(`${tmp}.meta`, { force: true })]);
        throw isFsCode(error, 'ENOTDIR', 'EEXIST', 'EISDIR') ? collision(key, error) : error;
      }
    },

    async get(key, range) {
      checkObjectKey(key);
      let handle: FileHandle;
      try {
        handle = await open(dataPath(key), 'r');
      } catch (error) {
        if (isFsCode(error, 'ENOENT', 'ENOTDIR')) throw new ObjectNotFoundError(key);
        throw error;
      }
      try {
        const stats = await handle.stat();
        // `a` is a directory when only `a/b` exists.
        if (!stats.isFile()) throw new ObjectNotFoundError(key);
        const start = range?.start ?? 0;
        const end = range ? rangeEnd(range, stats.size) : stats.size - 1;
        const info = { key, size: stats.size, contentType: await contentTypeOf(key) };
        // The open handle pins this version of the file even if a put renames a new one over it.
        const body = stats.size === 0 ? Readable.from([]) : handle.createReadStream({ start, end, autoClose: true });
        if (stats.size === 0) await handle.close();
        return { info, body };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async head(key) {
      checkObjectKey(key);
      try {
        const stats = await stat(dataPath(key));
        if (!stats.isFile()) return null;
        return { key, size: stats.size, contentType: await contentTypeOf(key) };
      } catch (error) {
        if (isFsCode(error, 'ENOENT', 'ENOTDIR')) return null;
        throw error;
      }
    },

    async delete(key) {
      checkObjectKey(key);
      const stats = await stat(dataPath(key)).catch(() => null);
      if (stats && !stats.isFile()) return;
      await rm(dataPath(key), { force: true });
      await rm(metaPath(key), { force: true });
      // Empty parent directories would stop a later put of a key equal to one of them.
      await Promise.all([pruneEmptyParents(dataRoot, dataPath(key)), pruneEmptyParents(metaRoot, metaPath(key))]);
    },

    async signedUrl(key, { expiresInSeconds, downloadName }) {
      checkObjectKey(key);
      if (!(expiresInSeconds > 0)) throw new RangeError(`expiresInSeconds must be positive, got ${expiresInSeconds}`);
      const expires = Math.ceil(clock.now().getTime() / 1000 + expiresInSeconds);
      const signature = signObjectPath(key, expires, options.secret, { download: downloadName });
      const download = downloadName === undefined ? '' : `&download=${encodeURIComponent(downloadName)}`;
      return `${baseUrl}/objects/v1/${encodeObjectKey(key)}?expires=${expires}&signature=${signature}${download}`;
    },
  };
}

async function pruneEmptyParents(root: string, path: string): Promise<void> {
  for (let dir = dirname(path); dir.startsWith(`${root}/`); dir = dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (or already gone): its parents are not empty either
    }
  }
}

function collision(key: string, cause?: unknown): Error {
  return new Error(`object key ${JSON.stringify(key)} collides on disk with a key that is its prefix or extends it`, { cause });
}

function isFsCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as { code?: unknown }).code as string);
}
