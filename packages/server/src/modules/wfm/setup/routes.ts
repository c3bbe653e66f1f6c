import {
  eventMappingSchema,
  eventMappingSetSchema,
  pageSchema,
  setupIssueSchema,
  setupListQuerySchema,
  unmappedEventSchema,
  unmappedLoginSchema,
  unmappedQueueSchema,
} from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../../platform/http/auth-context.js';
import type { WfmContext } from '../context.js';
import { activityCodeSpec } from './activity-code-repo.js';
import { adherenceRuleSpec } from './adherence-rule-repo.js';
import { employeeSpec } from './employee-repo.js';
import { commitSetupWrite, pageInMemory, registerEntityRoutes, setupRead, setupTags, setupWrite } from './entity-http.js';
import { eventMappingSpec, loadEventMappings, replaceEventMappings } from './event-mapping-repo.js';
import { buildIssues, readIssueInputs } from './issues.js';
import { schedulingUnitSpec } from './scheduling-unit-repo.js';
import { skillSpec } from './skill-repo.js';
import { readUnmappedKeys, readUnmappedQueues } from './unmapped-reads.js';

/**
 * `/wfm/v1` setup (engine spec §1.1–1.7, §1.9): CRUD of employees, scheduling units, skills,
 * activity codes (archived, never deleted), event mappings and adherence rules (deleted), the
 * bulk event-mapping replacement, and the reads of unmapped values and setup issues.
 * @example await app.register(setupRoutes, { ctx });
 */
export const setupRoutes: FastifyPluginAsyncZod<{ ctx: WfmContext }> = async (app, { ctx }) => {
  const db = ctx.platform.db;
  registerEntityRoutes(app, ctx, employeeSpec);
  registerEntityRoutes(app, ctx, schedulingUnitSpec);
  registerEntityRoutes(app, ctx, skillSpec);
  registerEntityRoutes(app, ctx, activityCodeSpec);
  registerEntityRoutes(app, ctx, eventMappingSpec);
  registerEntityRoutes(app, ctx, adherenceRuleSpec);

  app.put('/wfm/v1/event-mappings', { config: setupWrite, schema: { tags: setupTags, body: eventMappingSetSchema, response: { 200: z.object({ items: z.array(eventMappingSchema) }) } } },
    async (request) => {
      await commitSetupWrite(ctx, request, 'eventMapping', (tx, tenantId) => replaceEventMappings(tx, tenantId, request.body.mappings), { ids: (ids) => ids, mappings: true });
      return { items: await loadEventMappings(db, requireAuth(request.auth).tenantId, { limit: 1_000_000, includeArchived: true }) };
    });

  app.get('/wfm/v1/setup/unmapped-logins', { config: setupRead, schema: { tags: setupTags, querystring: setupListQuerySchema, response: { 200: pageSchema(unmappedLoginSchema) } } },
    async (request) => {
      const { logins } = await readUnmappedKeys(ctx.ingest, requireAuth(request.auth).tenantId);
      return pageInMemory(logins, request.query, (l) => `${l.seenIn}\u0000${l.loginId}\u0000${l.source ?? ''}`);
    });

  app.get('/wfm/v1/setup/unmapped-events', { config: setupRead, schema: { tags: setupTags, querystring: setupListQuerySchema, response: { 200: pageSchema(unmappedEventSchema) } } },
    async (request) => {
      const { events } = await readUnmappedKeys(ctx.ingest, requireAuth(request.auth).tenantId);
      return pageInMemory(events, request.query, (e) => `${e.eventCode}\u0000${e.reasonCode}\u0000${e.source ?? ''}`);
    });

  app.get('/wfm/v1/setup/unmapped-queues', { config: setupRead, schema: { tags: setupTags, querystring: setupListQuerySchema, response: { 200: pageSchema(unmappedQueueSchema) } } },
    async (request) => pageInMemory(await readUnmappedQueues(db, requireAuth(request.auth).tenantId), request.query, (q) => q.queueValue));

  app.get('/wfm/v1/setup/issues', { config: setupRead, schema: { tags: setupTags, response: { 200: z.object({ items: z.array(setupIssueSchema) }) } } },
    async (request) => {
      const { tenantId } = requireAuth(request.auth);
      const [{ logins, events }, queues] = await Promise.all([readUnmappedKeys(ctx.ingest, tenantId), readUnmappedQueues(db, tenantId)]);
      const inputs = await readIssueInputs(db, tenantId, { logins: logins.length, events: events.length, queues: queues.length });
      return { items: buildIssues(inputs) };
    });
};
