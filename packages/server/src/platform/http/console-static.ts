import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from './app-error.js';

/**
 * The console's build output. This file sits at `src/platform/http/` (tsx, tests) or
 * `dist/platform/http/` (built): both are three levels under `packages/server`.
 */
export const defaultWebDistDir = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

const publicRoute = { auth: 'public' } as const;
const hidden = { hide: true } as const;
// Vite puts content-hashed files under assets/: a new build gets new names, so they never change.
const immutable = 'public, max-age=31536000, immutable';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the web console (a single-page app) at `/console/`: files of `dir`, `index.html` for any
 * other path so client-side routes survive a reload, and `/` redirects there. Without a build
 * (`dir/index.html` missing at boot) `/console` answers 503 and the API runs as usual.
 */
export async function registerConsole(app: FastifyInstance, dir: string): Promise<void> {
  const root = resolve(dir);
  app.get('/', { config: publicRoute, schema: hidden }, async (_request, reply) => reply.redirect('/console/'));

  if (!existsSync(resolve(root, 'index.html'))) {
    const unbuilt = async () => {
      throw new AppError('UNAVAILABLE', `console not built: run npm run build (no index.html in ${root})`);
    };
    app.get('/console', { config: publicRoute, schema: hidden }, unbuilt);
    app.get('/console/*', { config: publicRoute, schema: hidden }, unbuilt);
    return;
  }

  // Only the reply.sendFile decorator: routing and the fallback are ours.
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });
  const index = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });

  app.get('/console', { config: publicRoute, schema: hidden }, async (_request, reply) => index(reply));
  app.get('/console/*', { config: publicRoute, schema: hidden }, async (request, reply) => {
    const rel = (request.params as { '*': string })['*'];
    let path: string;
    try {
      path = resolve(root, decodeURIComponent(rel));
    } catch {
      return index(reply);
    }
    const inside = path.startsWith(root + sep);
    if (inside && isFile(path)) {
      const asset = rel.startsWith('assets/');
      return reply.header('cache-control', asset ? immutable : 'no-cache').sendFile(path.slice(root.length + 1), root, { cacheControl: false });
    }
    // A missing hashed file is a stale page asking for an old build: HTML would not help it.
    if (rel.startsWith('assets/')) throw new AppError('NOT_FOUND', `no console asset ${rel}`);
    return index(reply);
  });
}
