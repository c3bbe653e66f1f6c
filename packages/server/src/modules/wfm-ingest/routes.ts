import {
  agentActivityReportSchema,
  agentStateListSchema,
  heartbeatRequestSchema,
  heartbeatResponseSchema,
  queueReportSchema,
  wfmConnectionResponseSchema,
  wfmDetailsResponseSchema,
  wfmFailureResponseSchema,
} from '@floorplan/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { requireAuth } from '../../platform/http/auth-context.js';
import { validatedByHandler } from '../../platform/http/zod-validation.js';
import type { IngestReceipt, IngestService } from './service.js';

const ingest = ['wfm.acd.ingest'] as const;
const ingestOrRead = ['wfm.acd.ingest', 'wfm.acd.read'] as const;
const tags = ['wfm-acd'];
const failures = { 400: wfmFailureResponseSchema, 401: wfmFailureResponseSchema, 403: wfmFailureResponseSchema, 413: wfmFailureResponseSchema, 429: wfmFailureResponseSchema };

// Bodies are checked by the shared rules in the service (item caps before schema, tenant-dependent
// window rules after), so the route schemas only document them.
const agentStatesBody = validatedByHandler(agentStateListSchema);
const activityBody = validatedByHandler(agentActivityReportSchema);
const queueBody = validatedByHandler(queueReportSchema);
const heartbeatBody = validatedByHandler(heartbeatRequestSchema);

/** The three data POSTs answer 200 with an empty body once committed; diagnostics go in headers. */
function receipt(reply: FastifyReply, r: IngestReceipt): FastifyReply {
  return reply
    .status(200)
    .headers({
      'x-floorplan-accepted': String(r.accepted),
      'x-floorplan-duplicates': String(r.duplicates),
      'x-floorplan-flagged': String(r.flagged),
      'content-length': '0',
    })
    .send();
}

/** `/wfm/acd/v1`: the ACD-facing ingestion API (spec §3). */
export const ingestRoutes: FastifyPluginAsyncZod<{ ingest: IngestService; config: Config; tenantName: (id: string) => Promise<string> }> = async (
  app,
  { ingest: service, tenantName },
) => {
  // JSON only (any charset); Fastify's text/plain parser would otherwise accept a body.
  app.removeContentTypeParser('text/plain');

  app.get('/wfm/acd/v1/details', { config: { permissions: ingestOrRead, rateClass: 'control' }, schema: { tags, response: { 200: wfmDetailsResponseSchema } } },
    async (request) => {
      const auth = requireAuth(request.auth);
      return service.details(auth, await tenantName(auth.tenantId));
    });

  app.post('/wfm/acd/v1/agent-states', { config: { permissions: ingest, rateClass: 'data' }, schema: { tags, body: agentStatesBody, response: failures } },
    async (request, reply) => {
      // When the request reached the server: the start of the latency the RTA benchmark measures.
      const receivedAt = Date.now() - reply.elapsedTime;
      return receipt(reply, await service.agentStates(requireAuth(request.auth), request.body, receivedAt));
    });

  app.post('/wfm/acd/v1/reports/agent-activity', { config: { permissions: ingest, rateClass: 'data' }, schema: { tags, body: activityBody, response: failures } },
    async (request, reply) => receipt(reply, await service.activityReport(requireAuth(request.auth), request.body)));

  app.post('/wfm/acd/v1/reports/queue', { config: { permissions: ingest, rateClass: 'data' }, schema: { tags, body: queueBody, response: failures } },
    async (request, reply) => receipt(reply, await service.queueReport(requireAuth(request.auth), request.body)));

  app.post('/wfm/acd/v1/heartbeat', { config: { permissions: ingest, rateClass: 'control' }, schema: { tags, body: heartbeatBody, response: { 200: heartbeatResponseSchema } } },
    async (request) => service.heartbeat(requireAuth(request.auth), request.body));

  app.get('/wfm/acd/v1/connection', { config: { permissions: ingestOrRead, rateClass: 'control' }, schema: { tags, response: { 200: wfmConnectionResponseSchema } } },
    async (request) => service.connection(requireAuth(request.auth)));
};
