import { specialDayListQuerySchema, specialDayListSchema, specialDayRequestSchema, specialDaySchema } from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/http/app-error.js';
import { requireAuth } from '../../../platform/http/auth-context.js';
import type { WfmContext } from '../context.js';
import { decodeCursor, encodeCursor, etagOf, expectedVersion } from '../setup/entity-http.js';
import { createSpecialDay, deleteSpecialDay, getSpecialDay, listSpecialDays, updateSpecialDay } from './special-days-store.js';

const read = { permissions: ['wfm.forecast.read'] } as const;
const write = { permissions: ['wfm.forecast.write'] } as const;
const tags = ['wfm-forecast'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id is as unknown as a foreign one: 404, like the setup routes. */
const idParams = z.object({ id: z.string().max(100) });
const notFound = (id: string) => new AppError('NOT_FOUND', `special day ${id} not found`, [{ path: 'id', message: 'no special day with this id' }]);

/**
 * `/wfm/v1/special-days` (engine spec §5.1): dates excluded from forecast history and/or scaling the
 * forecast, for listed skills or all. Unknown skill ids answer 404 naming the index.
 *
 * @example
 * await app.register(specialDayRoutes, { ctx });
 */
export const specialDayRoutes: FastifyPluginAsyncZod<{ ctx: WfmContext }> = async (app, { ctx }) => {
  const db = ctx.platform.db;

  const checkSkills = async (tenantId: string, skillIds: readonly string[] | undefined) => {
    const skills = (await ctx.setup.get(tenantId)).skills;
    (skillIds ?? []).forEach((id, i) => {
      if (!skills.has(id)) throw new AppError('NOT_FOUND', `skill ${id} not found`, [{ path: `skillIds[${i}]`, message: `no skill ${id} in this tenant` }]);
    });
  };

  app.post('/wfm/v1/special-days', { config: write, schema: { tags, body: specialDayRequestSchema, response: { 201: specialDaySchema } } }, async (request, reply) => {
    const { tenantId } = requireAuth(request.auth);
    await checkSkills(tenantId, request.body.skillIds);
    const day = await createSpecialDay(db, tenantId, request.body, ctx.platform.clock.now());
    return reply.code(201).header('etag', etagOf(day.version)).send(day);
  });

  app.get('/wfm/v1/special-days', { config: read, schema: { tags, querystring: specialDayListQuerySchema, response: { 200: specialDayListSchema } } }, async (request) => {
    const { tenantId } = requireAuth(request.auth);
    const q = request.query;
    const key = decodeCursor(q.cursor);
    const [date, id] = key?.split('|') ?? [];
    const after = date && id && UUID.test(id) ? { date, id } : undefined;
    if (key !== undefined && !after) throw new AppError('VALIDATION_FAILED', 'cursor: is not a cursor this list returned', [{ path: 'cursor', message: 'is not a cursor this list returned' }]);
    const rows = await listSpecialDays(db, tenantId, { ...q, limit: q.limit + 1, ...(after ? { after } : {}) });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(`${last.date}|${last.id}`) : null };
  });

  app.get('/wfm/v1/special-days/:id', { config: read, schema: { tags, params: idParams, response: { 200: specialDaySchema } } }, async (request, reply) => {
    const { tenantId } = requireAuth(request.auth);
    const day = UUID.test(request.params.id) ? await getSpecialDay(db, tenantId, request.params.id) : null;
    if (!day) throw notFound(request.params.id);
    return reply.header('etag', etagOf(day.version)).send(day);
  });

  app.put('/wfm/v1/special-days/:id', { config: write, schema: { tags, params: idParams, body: specialDayRequestSchema, response: { 200: specialDaySchema } } }, async (request, reply) => {
    const { tenantId } = requireAuth(request.auth);
    if (!UUID.test(request.params.id)) throw notFound(request.params.id);
    await checkSkills(tenantId, request.body.skillIds);
    const expected = expectedVersion(request.headers);
    const day = await updateSpecialDay(db, tenantId, request.params.id, request.body, ctx.platform.clock.now(), expected);
    if (day === null) throw notFound(request.params.id);
    if (day === 'stale') throw new AppError('PRECONDITION_FAILED', 'If-Match does not match the current version', [{ path: 'If-Match', message: 'must be the current version' }]);
    return reply.header('etag', etagOf(day.version)).send(day);
  });

  app.delete('/wfm/v1/special-days/:id', { config: write, schema: { tags, params: idParams } }, async (request, reply) => {
    const { tenantId } = requireAuth(request.auth);
    if (!UUID.test(request.params.id) || !(await deleteSpecialDay(db, tenantId, request.params.id))) throw notFound(request.params.id);
    return reply.code(204).send();
  });
};
