import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.js';

/**
 * Accepts `Content-Encoding: gzip` request bodies. The body limit then applies to the inflated
 * bytes, so a small compressed bomb cannot exceed it.
 */
export function registerGzipBodies(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding']?.toLowerCase().trim();
    if (!encoding || encoding === 'identity') return payload;
    if (encoding !== 'gzip') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Encoding must be gzip or identity', [
        { path: 'Content-Encoding', message: 'must be gzip or identity' },
      ]);
    }
    // The declared length is of the compressed bytes; Fastify would compare it with the inflated ones.
    delete request.headers['content-length'];
    const gunzip = createGunzip();
    payload.on('error', (e) => gunzip.destroy(e));
    return payload.pipe(gunzip);
  });
}
