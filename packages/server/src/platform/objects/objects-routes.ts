import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Clock, systemClock } from '../clock.js';
import { attachmentDisposition, parseRangeHeader } from './http-range.js';
import { checkObjectKey } from './object-key.js';
import { type ObjectInfo, ObjectNotFoundError, type ObjectStore } from './object-store.js';
import { verifyObjectSignature } from './signed-url.js';

export interface ObjectsRoutesOptions {
  /** The local store whose `signedUrl` produced the URLs (same secret). */
  store: ObjectStore;
  secret: string;
  clock?: Clock;
}

/**
 * Serves the local store's signed URLs: `GET`/`HEAD /objects/v1/<key>?expires=&signature=[&download=]`,
 * with single byte ranges (206, 416) and `Content-Disposition: attachment` when `download` is signed
 * in. The file is streamed, never read whole. Errors are `{ message }` JSON: 403 for an expired or
 * forged URL, 404 for a missing object.
 *
 * @example
 * await app.register(objectsRoutes, { store, secret, clock });
 */
export async function objectsRoutes(app: FastifyInstance, options: ObjectsRoutesOptions): Promise<void> {
  const clock = options.clock ?? systemClock;
  app.route({
    method: ['GET', 'HEAD'],
    url: '/objects/v1/*',
    exposeHeadRoute: false,
    // The signature in the URL is the credential; no bearer token is involved.
    config: { auth: 'public' },
    schema: { hide: true },
    handler: (request, reply) => serveObject(request, reply, options.store, options.secret, clock),
  });
}

async function serveObject(
  request: FastifyRequest,
  reply: FastifyReply,
  store: ObjectStore,
  secret: string,
  clock: Clock,
): Promise<FastifyReply> {
  const key = objectKeyOf(request);
  const query = request.query as Record<string, unknown>;
  const download = typeof query.download === 'string' ? query.download : undefined;
  const check =
    key === null || typeof query.expires !== 'string' || typeof query.signature !== 'string'
      ? 'bad-signature'
      : verifyObjectSignature({ key, expires: query.expires, signature: query.signature, download, secret, now: clock.now() });
  if (check === 'expired') return reply.code(403).send({ message: 'signed URL expired' });
  if (check !== 'ok' || key === null) return reply.code(403).send({ message: 'signature does not match' });

  const found = await openObject(store, key, request.headers.range, request.method === 'HEAD');
  if (found.kind === 'missing') return reply.code(404).send({ message: 'object not found' });
  const { info } = found;
  reply.header('accept-ranges', 'bytes').header('cache-control', 'private');
  if (download !== undefined) reply.header('content-disposition', attachmentDisposition(download));
  if (found.kind === 'unsatisfiable') {
    return reply.code(416).header('content-range', `bytes */${info.size}`).send({ message: 'range not satisfiable' });
  }
  const { range } = found;
  reply.header('content-type', info.contentType);
  if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${info.size}`);
  reply.header('content-length', range ? range.end - range.start + 1 : info.size);
  return reply.send(found.body);
}

type Found =
  | { kind: 'missing' }
  | { kind: 'unsatisfiable'; info: ObjectInfo }
  | { kind: 'ok'; info: ObjectInfo; range?: { start: number; end: number }; body?: Readable };

/**
 * Looks the object up, reads the Range header against its size and opens the bytes (unless `headOnly`).
 * A put can replace the object between the look-up and the open; the sizes then differ and we look again.
 */
async function openObject(store: ObjectStore, key: string, rangeHeader: string | undefined, headOnly: boolean): Promise<Found> {
  for (let attempt = 1; ; attempt++) {
    const info = await store.head(key);
    if (!info) return { kind: 'missing' };
    const answer = parseRangeHeader(rangeHeader, info.size);
    if (answer.kind === 'unsatisfiable') return { kind: 'unsatisfiable', info };
    const range = answer.kind === 'partial' ? { start: answer.start, end: answer.end } : undefined;
    if (headOnly) return { kind: 'ok', info, ...(range ? { range } : {}) };
    try {
      const { info: opened, body } = await store.get(key, range);
      if (opened.size === info.size || attempt === 3) return { kind: 'ok', info, body, ...(range ? { range } : {}) };
      body.destroy();
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError || error instanceof RangeError) || attempt === 3) throw error;
    }
  }
}

/** The key from the raw path, each segment percent-decoded, exactly as `signedUrl` encoded it. */
function objectKeyOf(request: FastifyRequest): string | null {
  const path = (request.raw.url ?? '').split('?')[0] ?? '';
  const prefix = '/objects/v1/';
  const at = path.indexOf(prefix);
  if (at < 0) return null;
  try {
    const key = path
      .slice(at + prefix.length)
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
    checkObjectKey(key);
    return key;
  } catch {
    return null; // malformed percent-encoding, or a key no store accepts (`..`, NUL, ...)
  }
}
