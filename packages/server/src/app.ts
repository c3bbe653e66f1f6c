import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { identityRoutes } from './modules/identity/routes.js';
import { adminRoutes } from './modules/identity/admin-routes.js';
import { consoleAuthRoutes } from './modules/identity/console-routes.js';
import { createIdentityService, type IdentityService } from './modules/identity/service.js';
import { createIngestService, type IngestService } from './modules/wfm-ingest/service.js';
import { ingestRoutes } from './modules/wfm-ingest/routes.js';
import { readRoutes } from './modules/wfm-ingest/read-routes.js';
import { createWfmEngine, type WfmEngine } from './modules/wfm/engine.js';
import type { Platform } from './platform/create-platform.js';
import { AppError } from './platform/http/app-error.js';
import { registerAuthHook } from './platform/http/auth-hook.js';
import { defaultWebDistDir, registerConsole } from './platform/http/console-static.js';
import { errorHandler } from './platform/http/error-handler.js';
import { registerGzipBodies } from './platform/http/gzip-body.js';
import { loggerOptions } from './platform/http/logging.js';
import { createMetricsRegistry, registerHttpMetrics } from './platform/http/metrics.js';
import { createTokenBuckets } from './platform/http/token-bucket.js';
import { validatorCompiler } from './platform/http/zod-validation.js';
import { objectsRoutes } from './platform/objects/objects-routes.js';

export interface AppOptions {
  config: Config;
  platform: Platform;
  /** The base URL clients use: token issuer, discovery documents, signed URLs. */
  publicUrl: string;
  /** Secret the local CLI presents to the admin API (see docs/cli.md); absent disables operator access. */
  operatorSecret?: string;
  logger?: boolean;
  /** Where structured logs go (default stdout); tests capture them to check nothing secret is written. */
  logStream?: { write(line: string): void };
}

export interface App {
  http: FastifyInstance;
  identity: IdentityService;
  ingest: IngestService;
  wfm: WfmEngine;
  close(): Promise<void>;
}

/**
 * Composition root: builds the services over the platform and registers every module's routes.
 * @example
 * const app = await buildApp({ config, platform, publicUrl: 'http://localhost:8080' });
 * await app.http.listen({ port: 8080 });
 */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, platform } = options;
  const http = Fastify({
    logger: options.logger === false ? false : { ...loggerOptions(config.LOG_LEVEL), ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: config.WFM_MAX_BODY_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  http.setErrorHandler(errorHandler);
  http.setNotFoundHandler((request) => {
    throw new AppError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
  http.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await http.register(swagger, {
    openapi: {
      info: { title: 'Floorplan API', version: '0.1.0', description: 'WFM ingestion (CXone-compatible), identity and read APIs.' },
      servers: [{ url: options.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });
  await http.register(swaggerUi, { routePrefix: '/docs' });

  const metrics = createMetricsRegistry();
  registerHttpMetrics(http, metrics);
  registerGzipBodies(http);

  const identity = await createIdentityService({
    db: platform.db,
    bus: platform.bus,
    clock: platform.clock,
    issuer: options.publicUrl,
    accessTokenTtlS: config.AUTH_ACCESS_TOKEN_TTL_S,
    refreshTokenTtlS: config.AUTH_REFRESH_TOKEN_TTL_S,
    familyMaxS: config.AUTH_FAMILY_MAX_S,
    ...(config.JWT_PRIVATE_KEY ? { jwtPrivateKeyPem: config.JWT_PRIVATE_KEY } : {}),
  });
  registerAuthHook(http, {
    verifier: identity.verifier,
    rateLimits: {
      data: createTokenBuckets(config.WFM_RATE_LIMIT_PER_S, config.WFM_RATE_LIMIT_BURST),
      control: createTokenBuckets(config.WFM_CONNECTOR_RATE_LIMIT_PER_S, config.WFM_CONNECTOR_RATE_LIMIT_PER_S * 2),
    },
    now: () => platform.clock.now().getTime(),
    ...(options.operatorSecret ? { operatorSecret: options.operatorSecret } : {}),
  });

  const ingest = await createIngestService({ platform, config, metrics });

  http.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await platform.db.query('SELECT 1');
      return { status: 'ok', database: platform.db.kind, bus: platform.bus.kind, objects: platform.objects.kind };
    } catch {
      return reply.status(503).header('retry-after', '5').send({ status: 'unavailable' });
    }
  });

  await http.register(identityRoutes, { identity, publicUrl: options.publicUrl });
  await http.register(adminRoutes, { identity });
  await http.register(consoleAuthRoutes, { identity });
  const tenantName = async (id: string) => (await identity.tenantById(id))?.name ?? '';
  await http.register(ingestRoutes, { ingest, config, tenantName });
  await http.register(readRoutes, { ingest });
  const wfm = await createWfmEngine({ http, platform, config, ingest, metrics });
  await registerConsole(http, config.WEB_DIST_DIR ?? defaultWebDistDir);
  if (platform.objects.kind === 'fs') {
    await http.register(objectsRoutes, { store: platform.objects, secret: platform.objectUrlSecret, clock: platform.clock });
  }

  return {
    http,
    identity,
    ingest,
    wfm,
    async close() {
      await http.close();
      // Job handlers use the services below: let the running ones finish before those close.
      await platform.jobs.stop();
      await wfm.close();
      await ingest.close();
      await identity.close();
    },
  };
}
