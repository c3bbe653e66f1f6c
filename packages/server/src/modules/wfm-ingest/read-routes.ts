import {
  agentStatesQuerySchema,
  connectionSummarySchema,
  intervalQuerySchema,
  storedAgentActivitySchema,
  storedAgentQueueIntervalSchema,
  storedAgentStateSchema,
  storedAgentSystemIntervalSchema,
  storedQueueIntervalSchema,
  unmappedKeySchema,
} from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../platform/http/auth-context.js';
import type { IngestService } from './service.js';

const read = { permissions: ['wfm.acd.read'] } as const;
const tags = ['wfm-read'];

/** `/wfm/v1`: what the ingestion stored, for people, the console and tests. Always the caller's tenant. */
export const readRoutes: FastifyPluginAsyncZod<{ ingest: IngestService }> = async (app, { ingest }) => {
  const reads = ingest.reads;

  app.get('/wfm/v1/agent-states', { config: read, schema: { tags, querystring: agentStatesQuerySchema, response: { 200: z.object({ agentStates: z.array(storedAgentStateSchema) }) } } },
    async (request) => ({ agentStates: await reads.agentStates(requireAuth(request.auth).tenantId, request.query) }));

  app.get('/wfm/v1/agents/current-states', { config: read, schema: { tags, response: { 200: z.object({ agentStates: z.array(storedAgentStateSchema) }) } } },
    async (request) => ({ agentStates: await reads.currentStates(requireAuth(request.auth).tenantId) }));

  app.get('/wfm/v1/queue-intervals', { config: read, schema: { tags, querystring: intervalQuerySchema, response: { 200: z.object({ queueIntervals: z.array(storedQueueIntervalSchema) }) } } },
    async (request) => ({ queueIntervals: (await reads.queueIntervals(requireAuth(request.auth).tenantId, request.query)) as z.infer<typeof storedQueueIntervalSchema>[] }));

  app.get('/wfm/v1/agent-queue-intervals', { config: read, schema: { tags, querystring: intervalQuerySchema, response: { 200: z.object({ agentQueueIntervals: z.array(storedAgentQueueIntervalSchema) }) } } },
    async (request) => ({ agentQueueIntervals: (await reads.agentQueueIntervals(requireAuth(request.auth).tenantId, request.query)) as z.infer<typeof storedAgentQueueIntervalSchema>[] }));

  app.get('/wfm/v1/agent-system-intervals', { config: read, schema: { tags, querystring: intervalQuerySchema, response: { 200: z.object({ agentSystemIntervals: z.array(storedAgentSystemIntervalSchema) }) } } },
    async (request) => ({ agentSystemIntervals: (await reads.agentSystemIntervals(requireAuth(request.auth).tenantId, request.query)) as z.infer<typeof storedAgentSystemIntervalSchema>[] }));

  app.get('/wfm/v1/agent-activities', { config: read, schema: { tags, querystring: intervalQuerySchema, response: { 200: z.object({ agentActivities: z.array(storedAgentActivitySchema) }) } } },
    async (request) => ({ agentActivities: await reads.activities(requireAuth(request.auth).tenantId, request.query) }));

  app.get('/wfm/v1/connections', { config: read, schema: { tags, response: { 200: z.object({ connections: z.array(connectionSummarySchema) }) } } },
    async (request) => ({ connections: await reads.connections(requireAuth(request.auth).tenantId) }));

  app.get('/wfm/v1/unmapped', { config: read, schema: { tags, response: { 200: z.object({ unmapped: z.array(unmappedKeySchema) }) } } },
    async (request) => ({ unmapped: await reads.unmapped(requireAuth(request.auth).tenantId) }));
};
