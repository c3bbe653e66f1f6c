import { randomUUID } from 'node:crypto';
import { pageSchema, setupListQuerySchema, type SetupListQuery } from '@floorplan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantSubject } from '../../../platform/bus/bus.js';
import type { Queryable } from '../../../platform/db/db.js';
import { AppError } from '../../../platform/http/app-error.js';
import { requireAuth } from '../../../platform/http/auth-context.js';
import type { WfmContext } from '../context.js';
import { wfmEvents, type SetupChangedEvent } from '../events.js';

// The HTTP shell every setup entity shares (spec §1.1): ETag/If-Match versions, keyset lists,
// 404 for unknown or foreign ids, one transaction per write and the post-commit notifications.
// Entities describe their SQL in an `EntitySpec`; `registerEntityRoutes` turns it into routes.

export type ZodApp = Parameters<FastifyPluginAsyncZod>[0];
export type SetupKind = SetupChangedEvent['kind'];

export const setupRead = { permissions: ['wfm.setup.read'] } as const;
export const setupWrite = { permissions: ['wfm.setup.write'] } as const;
export const setupTags = ['wfm-setup'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Path ids are checked by the handler: a malformed id is as unknown as a foreign one (404). */
export const idParamsSchema = z.object({ id: z.string().max(100) });

/** @example throw notFound('employee', id) */
export const notFound = (noun: string, id: string) => new AppError('NOT_FOUND', `${noun} ${id} not found`, [{ path: 'id', message: `no ${noun} with this id` }]);
/** @example throw conflict('name', 'is already used by skill Sales') */
export const conflict = (path: string, message: string) => new AppError('CONFLICT', `${path}: ${message}`, [{ path, message }]);
/** @example throw unprocessable('schedulable', 'the built-in Login code cannot be scheduled') */
export const unprocessable = (path: string, message: string) => new AppError('UNPROCESSABLE', `${path}: ${message}`, [{ path, message }]);
/** A check needing the tenant's data that failed like a schema check would (400). */
export const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);

/** The strong ETag of a version. @example etagOf(3) === '"3"' */
export const etagOf = (version: number) => `"${version}"`;

/**
 * The version an `If-Match` header asks for: `"3"`, `W/"3"` and `3` all mean 3; absent or `*` mean
 * any. A header naming no version can never match, so it fails like a stale one.
 * @example expectedVersion({ 'if-match': '"3"' }) === 3
 */
export function expectedVersion(headers: FastifyRequest['headers']): number | undefined {
  const raw = headers['if-match'];
  if (raw === undefined || raw.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  return m ? Number(m[1]) : -1;
}

/** @example assertVersion(4, 3) // throws 412 */
export function assertVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new AppError('PRECONDITION_FAILED', `If-Match does not match the current version ${current}`, [
      { path: 'If-Match', message: `must be "${current}", the current version` },
    ]);
  }
}

/** Cursor of a keyset page: the last id, opaque to clients. @example decodeCursor(encodeCursor(id)) === id */
export const encodeCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key.length === 0 || encodeCursor(key) !== cursor) throw invalid('cursor', 'is not a cursor this list returned');
  return key;
}

/**
 * Cuts one page from rows fetched with `limit + 1` in key order.
 * @example page([a, b, c], 2, (r) => r.id) // { items: [a, b], nextCursor: encodeCursor(b.id) }
 */
export function page<T>(rows: readonly T[], limit: number, keyOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** Same, for lists computed in memory: sorts by key and starts after the cursor's key. */
export function pageInMemory<T>(rows: readonly T[], query: SetupListQuery, keyOf: (row: T) => string) {
  const after = decodeCursor(query.cursor);
  const sorted = [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const from = after === undefined ? sorted : sorted.filter((r) => keyOf(r) > after);
  return page(from.slice(0, query.limit + 1), query.limit, keyOf);
}

export interface SelectOptions {
  id?: string;
  after?: string;
  limit: number;
  includeArchived: boolean;
}

/**
 * One entity table's rows in id order: by id, or a page after a key. Table names come from code.
 * @example await selectRows(tx, 'skill', tenantId, { id, limit: 1, includeArchived: true }, true)
 */
export async function selectRows<R>(q: Queryable, table: string, tenantId: string, o: SelectOptions, archivable: boolean): Promise<R[]> {
  const archived = archivable && !o.includeArchived ? 'AND archived_at IS NULL' : '';
  const r = await q.query<R>(
    `SELECT * FROM ${table} WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id = $2) AND ($3::uuid IS NULL OR id > $3) ${archived}
      ORDER BY id LIMIT $4`,
    [tenantId, o.id ?? null, o.after ?? null, o.limit],
  );
  return r.rows;
}

/** The columns every entity row has. */
export interface StampRow {
  id: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  archived_at?: Date | string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** @example stampsOf(row) // { id, version, createdAt, updatedAt } */
export const stampsOf = (r: StampRow) => ({ id: r.id, version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) });
/** @example archivedOf(row) // { archived: false, archivedAt: null } */
export const archivedOf = (r: StampRow) => ({ archived: r.archived_at != null, archivedAt: r.archived_at == null ? null : iso(r.archived_at) });

/**
 * Rejects a name another entity of the table already has, compared case-insensitively (§1.1).
 * @example await assertNameFree(tx, 'skill', tenantId, id, body.name, 'skill')
 */
export async function assertNameFree(q: Queryable, table: string, tenantId: string, id: string, name: string, noun: string): Promise<void> {
  const r = await q.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE tenant_id = $1 AND lower(name) = lower($2) AND id <> $3`, [tenantId, name, id]);
  const holder = r.rows[0];
  if (holder) throw conflict('name', `is already used by ${noun} '${holder.name}' (${holder.id}), names are unique ignoring case`);
}

/** The body field each unique index of the setup tables guards (migration 0004). */
const uniqueFields: Record<string, string> = {
  scheduling_unit_name: 'name',
  activity_code_name: 'name',
  skill_name: 'name',
  employee_email: 'email',
  employee_acd_login_pkey: 'acdLogins',
  skill_queue_pkey: 'acdQueues',
  event_mapping_key: 'eventCode',
  adherence_rule_key: 'scheduled',
};

/** A unique index broken by a concurrent writer between our check and our write: still a 409. */
function uniqueViolation(error: unknown): AppError | null {
  const e = error as { code?: string; constraint?: string };
  if (e.code !== '23505') return null;
  return conflict(uniqueFields[e.constraint ?? ''] ?? '', 'was taken by a concurrent write; read again and retry');
}

/**
 * Runs one setup write in a transaction, then tells the rest of the engine (§1.1, §2.4, §3.6):
 * drops the setup cache, refreshes ingest's unmapped verdicts when logins or event mappings may
 * have changed, and publishes `wfm.setup.changed`. A lost event only delays others until their
 * cache TTL, so a publish failure is logged, not answered as a failed (already committed) write.
 * @example await commitSetupWrite(ctx, request, 'skill', (tx) => writeSkill(tx, ...), { ids: [id] })
 */
export async function commitSetupWrite<T>(
  ctx: WfmContext,
  request: FastifyRequest,
  kind: SetupKind,
  write: (tx: Queryable, tenantId: string) => Promise<T>,
  o: { ids: (result: T) => string[]; mappings?: boolean },
): Promise<T> {
  const { tenantId } = requireAuth(request.auth);
  let result: T;
  try {
    result = await ctx.platform.db.transaction((tx) => write(tx, tenantId));
  } catch (error) {
    throw uniqueViolation(error) ?? error;
  }
  ctx.setup.invalidate(tenantId);
  if (o.mappings) ctx.ingest.mappingChanged(tenantId);
  const event: SetupChangedEvent = { tenantId, kind, ids: o.ids(result) };
  try {
    await ctx.platform.bus.publish(tenantSubject(tenantId, wfmEvents.setupChanged), event);
  } catch (error) {
    request.log.error({ err: error, kind }, 'wfm.setup.changed not published');
  }
  return result;
}

/** How an entity leaves: archived (history refers to it) or deleted. */
export type Retire<Out> =
  | { kind: 'archive'; check?: (tx: Queryable, tenantId: string, current: Out) => Promise<void> }
  | { kind: 'delete' };

/** What `registerEntityRoutes` needs to know about one entity. */
export interface EntitySpec<In, Out extends { id: string; version: number }> {
  /** e.g. `/wfm/v1/skills` */
  path: string;
  table: string;
  noun: string;
  kind: SetupKind;
  input: z.ZodType<In, unknown>;
  output: z.ZodType<Out>;
  /** Whether a write may change what ingest reports as unmapped (logins, event mappings). */
  mappings?: boolean;
  /** Names unique per tenant, ignoring case. */
  uniqueName?: (input: In) => string;
  /** Entities in id order; `o.id` selects one. */
  load(q: Queryable, tenantId: string, o: SelectOptions): Promise<Out[]>;
  /** Writes the entity's fields (insert when `current` is null); versions and stamps are handled here. */
  write(tx: Queryable, tenantId: string, id: string, input: In, current: Out | null): Promise<void>;
  retire: Retire<Out>;
}

async function loadOne<Out>(q: Queryable, tenantId: string, id: string, load: (q: Queryable, t: string, o: SelectOptions) => Promise<Out[]>): Promise<Out | undefined> {
  if (!UUID.test(id)) return undefined;
  return (await load(q, tenantId, { id: id.toLowerCase(), limit: 1, includeArchived: true }))[0];
}

/** Answers an entity with its version as ETag. */
function send(reply: FastifyReply, status: number, entity: { version: number }): FastifyReply {
  return reply.status(status).header('etag', etagOf(entity.version)).send(entity);
}

/**
 * Registers list, get, create, replace (`PUT`) and archive (`POST …/{id}/archive`) or `DELETE`
 * for one entity.
 * @example registerEntityRoutes(app, ctx, skillSpec)
 */
export function registerEntityRoutes<In, Out extends { id: string; version: number }>(app: ZodApp, ctx: WfmContext, spec: EntitySpec<In, Out>): void {
  const db = ctx.platform.db;
  // Typed loosely for Fastify: the spec's own types check the handlers' data.
  const output: z.ZodType = spec.output;
  const input: z.ZodType = spec.input;

  /** Locks the row, checks If-Match, runs `change` and bumps the version, all in the caller's transaction. */
  async function change(tx: Queryable, tenantId: string, id: string, request: FastifyRequest, run: (current: Out) => Promise<void>): Promise<void> {
    if (!UUID.test(id)) throw notFound(spec.noun, id);
    await tx.query(`SELECT 1 FROM ${spec.table} WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
    const current = await loadOne(tx, tenantId, id, spec.load);
    if (!current) throw notFound(spec.noun, id);
    assertVersion(current.version, expectedVersion(request.headers));
    await run(current);
  }
  const bump = (tx: Queryable, tenantId: string, id: string, extra = '') =>
    tx.query(`UPDATE ${spec.table} SET version = version + 1, updated_at = now()${extra} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  const reread = async (tenantId: string, id: string) => {
    const entity = await loadOne(db, tenantId, id, spec.load);
    if (!entity) throw notFound(spec.noun, id);
    return entity;
  };
  const notify = { ids: (id: string) => [id], ...(spec.mappings ? { mappings: true } : {}) };

  app.get(spec.path, { config: setupRead, schema: { tags: setupTags, querystring: setupListQuerySchema, response: { 200: pageSchema(output) } } }, async (request) => {
    const q = request.query;
    const after = decodeCursor(q.cursor);
    const rows = await spec.load(db, requireAuth(request.auth).tenantId, { ...(after === undefined ? {} : { after }), limit: q.limit + 1, includeArchived: q.includeArchived });
    return page(rows, q.limit, (r) => r.id);
  });

  app.get(`${spec.path}/:id`, { config: setupRead, schema: { tags: setupTags, params: idParamsSchema, response: { 200: output } } }, async (request, reply) => {
    const entity = await loadOne(db, requireAuth(request.auth).tenantId, request.params.id, spec.load);
    if (!entity) throw notFound(spec.noun, request.params.id);
    return send(reply, 200, entity);
  });

  app.post(spec.path, { config: setupWrite, schema: { tags: setupTags, body: input, response: { 201: output } } }, async (request, reply) => {
    const body = request.body as In;
    const id = await commitSetupWrite(ctx, request, spec.kind, async (tx, tenantId) => {
      const newId = randomUUID();
      if (spec.uniqueName) await assertNameFree(tx, spec.table, tenantId, newId, spec.uniqueName(body), spec.noun);
      await spec.write(tx, tenantId, newId, body, null);
      return newId;
    }, { ...notify, ids: (newId) => [newId] });
    const entity = await reread(requireAuth(request.auth).tenantId, id);
    return send(reply.header('location', `${spec.path}/${id}`), 201, entity);
  });

  app.put(`${spec.path}/:id`, { config: setupWrite, schema: { tags: setupTags, params: idParamsSchema, body: input, response: { 200: output } } }, async (request, reply) => {
    const body = request.body as In;
    const id = request.params.id.toLowerCase();
    await commitSetupWrite(ctx, request, spec.kind, (tx, tenantId) =>
      change(tx, tenantId, id, request, async (current) => {
        if (spec.uniqueName) await assertNameFree(tx, spec.table, tenantId, id, spec.uniqueName(body), spec.noun);
        await spec.write(tx, tenantId, id, body, current);
        await bump(tx, tenantId, id);
      }), { ...notify, ids: () => [id] });
    return send(reply, 200, await reread(requireAuth(request.auth).tenantId, id));
  });

  const retire = spec.retire;
  if (retire.kind === 'archive') {
    app.post(`${spec.path}/:id/archive`, { config: setupWrite, schema: { tags: setupTags, params: idParamsSchema, response: { 200: output } } }, async (request, reply) => {
      const id = request.params.id.toLowerCase();
      await commitSetupWrite(ctx, request, spec.kind, (tx, tenantId) =>
        change(tx, tenantId, id, request, async (current) => {
          if ((current as { archived?: boolean }).archived) return;
          await retire.check?.(tx, tenantId, current);
          await bump(tx, tenantId, id, ', archived_at = now()');
        }), { ...notify, ids: () => [id] });
      return send(reply, 200, await reread(requireAuth(request.auth).tenantId, id));
    });
  } else {
    app.delete(`${spec.path}/:id`, { config: setupWrite, schema: { tags: setupTags, params: idParamsSchema } }, async (request, reply) => {
      const id = request.params.id.toLowerCase();
      await commitSetupWrite(ctx, request, spec.kind, (tx, tenantId) =>
        change(tx, tenantId, id, request, async () => {
          await tx.query(`DELETE FROM ${spec.table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
        }), { ...notify, ids: () => [id] });
      return reply.status(204).send();
    });
  }
}
