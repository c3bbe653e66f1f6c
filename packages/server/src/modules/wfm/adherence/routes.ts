import { randomUUID } from 'node:crypto';
import {
  adherenceActivitiesQuerySchema,
  adherenceActivitiesResponseSchema,
  adherenceExceptionsQuerySchema,
  adherenceExceptionsResponseSchema,
  adherenceRecomputeRequestSchema,
  adherenceRecomputeResponseSchema,
  adherenceReportQuerySchema,
  adherenceReportResponseSchema,
  neutralPeriodRequestSchema,
  neutralPeriodSchema,
} from '@floorplan/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantSubject } from '../../../platform/bus/bus.js';
import { AppError } from '../../../platform/http/app-error.js';
import { canSeeSchedulingUnit, requireAuth, type AuthContext } from '../../../platform/http/auth-context.js';
import type { WfmContext } from '../context.js';
import { wfmEvents, type SetupChangedEvent } from '../events.js';
import type { TenantSetup } from '../setup/tenant-setup.js';
import { loadAgentDays } from './agent-day-reads.js';
import { csvStream } from './csv-stream.js';
import type { StoredParts } from './stored-agent-days.js';
import { addDays, datesBetween, localDateOf } from './day-window.js';
import type { RecomputeJobs } from './recompute-jobs.js';
import {
  EXCEPTION_CSV_COLUMNS,
  REPORT_CSV_COLUMNS,
  activityRows,
  csvExceptionRecord,
  csvReportRecord,
  exceptionRows,
  reportRows,
  reportTotals,
} from './report-rows.js';

const read = { permissions: ['wfm.adherence.read'] } as const;
const write = { permissions: ['wfm.adherence.write'] } as const;
const tags = ['wfm-adherence'];
/** Longest date range one read or recompute request may span. */
const MAX_RANGE_DAYS = 62;
// Employees per set-wise read while streaming a CSV.
const CSV_CHUNK = 200;

/**
 * `/wfm/v1/adherence`: report, exceptions and activity views (read), neutral periods and recompute
 * requests (write), spec §3.5–3.7 and §1.7. Every read is limited to the caller's scheduling units.
 * @example await app.register(adherenceRoutes, { ctx, recompute });
 */
export const adherenceRoutes: FastifyPluginAsyncZod<{ ctx: WfmContext; recompute: RecomputeJobs }> = async (app, { ctx, recompute }) => {
  const { db, bus } = ctx.platform;

  /** The employees a read covers: the filters, cut to the caller's scope (others' employees give nothing). */
  function selectEmployees(auth: AuthContext, setup: TenantSetup, q: { schedulingUnitId?: string | undefined; employeeIds?: string[] | undefined }): string[] {
    const wanted = q.employeeIds === undefined ? null : new Set(q.employeeIds);
    return [...setup.employees.values()]
      .filter((e) => (wanted === null || wanted.has(e.id)) && (q.schedulingUnitId === undefined || e.schedulingUnitId === q.schedulingUnitId))
      .filter((e) => canSeeSchedulingUnit(auth, e.schedulingUnitId))
      .map((e) => e.id);
  }

  function checkRange(from: string, to: string): void {
    if (to < from) throw new AppError('VALIDATION_FAILED', 'to: must not be before from', [{ path: 'to', message: 'must not be before from' }]);
    if (datesBetween(from, to).length > MAX_RANGE_DAYS) {
      throw new AppError('VALIDATION_FAILED', `to: a range spans at most ${MAX_RANGE_DAYS} days`, [{ path: 'to', message: `a range spans at most ${MAX_RANGE_DAYS} days` }]);
    }
  }

  const days = (setup: TenantSetup, ids: string[], from: string, to: string, parts: StoredParts) =>
    loadAgentDays(ctx, setup, ids, from, to, parts, (missing, f, t) => recompute.enqueue(setup.tenantId, missing, f, t, setup));

  /** A CSV download streamed `CSV_CHUNK` employees at a time, so memory does not grow with the tenant. */
  const sendCsv = (reply: FastifyReply, filename: string, columns: readonly string[], ids: readonly string[], records: (chunk: string[]) => Promise<readonly unknown[]>) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(
        csvStream(columns, async function* () {
          for (let i = 0; i < ids.length; i += CSV_CHUNK) yield await records(ids.slice(i, i + CSV_CHUNK));
        }),
      );

  app.get(
    '/wfm/v1/adherence/report',
    { config: read, schema: { tags, querystring: adherenceReportQuerySchema, response: { 200: adherenceReportResponseSchema } } },
    async (request) => {
      const auth = requireAuth(request.auth);
      const q = request.query;
      checkRange(q.from, q.to);
      const setup = await ctx.setup.get(auth.tenantId);
      const result = await days(setup, selectEmployees(auth, setup, q), q.from, q.to, { intervals: q.granularity === 'interval', exceptions: true });
      const rows = reportRows(setup, result, q.granularity);
      return { ...page(rows, q.limit, q.cursor), totals: reportTotals(result) };
    },
  );

  app.get(
    '/wfm/v1/adherence/report.csv',
    { config: read, schema: { tags, querystring: adherenceReportQuerySchema.omit({ limit: true, cursor: true }) } },
    async (request, reply) => {
      const auth = requireAuth(request.auth);
      const q = request.query;
      checkRange(q.from, q.to);
      const setup = await ctx.setup.get(auth.tenantId);
      return sendCsv(reply, 'adherence-report.csv', REPORT_CSV_COLUMNS, selectEmployees(auth, setup, q), async (ids) => {
        const chunk = await days(setup, ids, q.from, q.to, { intervals: q.granularity === 'interval', exceptions: true });
        return reportRows(setup, chunk, q.granularity).map((row) => csvReportRecord(row, zoneOf(setup, row.schedulingUnitId)));
      });
    },
  );

  app.get(
    '/wfm/v1/adherence/exceptions',
    { config: read, schema: { tags, querystring: adherenceExceptionsQuerySchema, response: { 200: adherenceExceptionsResponseSchema } } },
    async (request) => {
      const auth = requireAuth(request.auth);
      const q = request.query;
      checkRange(q.from, q.to);
      const setup = await ctx.setup.get(auth.tenantId);
      const result = await days(setup, selectEmployees(auth, setup, q), q.from, q.to, { exceptions: true });
      return page(exceptionRows(setup, result), q.limit, q.cursor);
    },
  );

  app.get(
    '/wfm/v1/adherence/exceptions.csv',
    { config: read, schema: { tags, querystring: adherenceExceptionsQuerySchema.omit({ limit: true, cursor: true }) } },
    async (request, reply) => {
      const auth = requireAuth(request.auth);
      const q = request.query;
      checkRange(q.from, q.to);
      const setup = await ctx.setup.get(auth.tenantId);
      return sendCsv(reply, 'adherence-exceptions.csv', EXCEPTION_CSV_COLUMNS, selectEmployees(auth, setup, q), async (ids) => {
        const chunk = await days(setup, ids, q.from, q.to, { exceptions: true });
        return exceptionRows(setup, chunk).map((row) => csvExceptionRecord(row, zoneOf(setup, setup.employees.get(row.employeeId)?.schedulingUnitId ?? '')));
      });
    },
  );

  app.get(
    '/wfm/v1/adherence/activities',
    { config: read, schema: { tags, querystring: adherenceActivitiesQuerySchema, response: { 200: adherenceActivitiesResponseSchema } } },
    async (request) => {
      const auth = requireAuth(request.auth);
      const q = request.query;
      checkRange(q.from, q.to);
      const setup = await ctx.setup.get(auth.tenantId);
      const result = await days(setup, selectEmployees(auth, setup, q), q.from, q.to, { activities: q.paradigm });
      return { paradigm: q.paradigm, ...page(activityRows(setup, result, q.paradigm), q.limit, q.cursor) };
    },
  );

  app.post(
    '/wfm/v1/adherence/neutral-periods',
    { config: write, schema: { tags, body: neutralPeriodRequestSchema, response: { 201: neutralPeriodSchema } } },
    async (request, reply) => {
      const auth = requireAuth(request.auth);
      const body = request.body;
      const setup = await ctx.setup.get(auth.tenantId);
      let affected: string[];
      if (body.schedulingUnitId !== undefined) {
        const su = setup.schedulingUnits.get(body.schedulingUnitId);
        if (su === undefined || !canSeeSchedulingUnit(auth, su.id)) throw notFound('schedulingUnitId', body.schedulingUnitId);
        affected = [...setup.employees.values()].filter((e) => e.schedulingUnitId === su.id).map((e) => e.id);
      } else {
        affected = [...new Set(body.employeeIds ?? [])];
        for (const id of affected) {
          const e = setup.employees.get(id);
          if (e === undefined || !canSeeSchedulingUnit(auth, e.schedulingUnitId)) throw notFound('employeeIds', id);
        }
      }
      const id = randomUUID();
      await db.query(
        `INSERT INTO neutral_period (tenant_id, id, scheduling_unit_id, employee_ids, from_at, to_at, reason) VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7)`,
        [auth.tenantId, id, body.schedulingUnitId ?? null, body.schedulingUnitId === undefined ? affected : null, body.from, body.to, body.reason],
      );
      await afterNeutralChange(setup, id, affected, Date.parse(body.from), Date.parse(body.to));
      return reply.status(201).send({
        id,
        schedulingUnitId: body.schedulingUnitId ?? null,
        employeeIds: body.schedulingUnitId === undefined ? affected : null,
        from: new Date(body.from).toISOString(),
        to: new Date(body.to).toISOString(),
        reason: body.reason,
      });
    },
  );

  app.delete(
    '/wfm/v1/adherence/neutral-periods/:id',
    { config: write, schema: { tags, params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      const auth = requireAuth(request.auth);
      const setup = await ctx.setup.get(auth.tenantId);
      const found = await db.query<{ scheduling_unit_id: string | null; employee_ids: string[] | null; from_at: Date; to_at: Date }>(
        'SELECT scheduling_unit_id, employee_ids, from_at, to_at FROM neutral_period WHERE tenant_id = $1 AND id = $2',
        [auth.tenantId, request.params.id],
      );
      const row = found.rows[0];
      if (row === undefined) throw notFound('id', request.params.id);
      const affected = row.scheduling_unit_id !== null
        ? [...setup.employees.values()].filter((e) => e.schedulingUnitId === row.scheduling_unit_id).map((e) => e.id)
        : (row.employee_ids ?? []);
      const sus = row.scheduling_unit_id !== null ? [row.scheduling_unit_id] : affected.map((e) => setup.employees.get(e)?.schedulingUnitId ?? '');
      if (!sus.every((su) => canSeeSchedulingUnit(auth, su))) throw notFound('id', request.params.id);
      await db.query('DELETE FROM neutral_period WHERE tenant_id = $1 AND id = $2', [auth.tenantId, request.params.id]);
      await afterNeutralChange(setup, request.params.id, affected, new Date(row.from_at).getTime(), new Date(row.to_at).getTime());
      return reply.status(204).send();
    },
  );

  /** Queues the agent-days a neutral period touches (the day before too: extended windows) and tells RTA. */
  async function afterNeutralChange(setup: TenantSetup, id: string, employeeIds: string[], from: number, to: number): Promise<void> {
    const bySu = new Map<string, string[]>();
    for (const e of employeeIds) {
      const su = setup.employees.get(e)?.schedulingUnitId ?? '';
      bySu.set(su, [...(bySu.get(su) ?? []), e]);
    }
    for (const [su, ids] of bySu) {
      const zone = zoneOf(setup, su);
      await recompute.enqueue(setup.tenantId, ids, addDays(localDateOf(from, zone), -1), localDateOf(to, zone), setup);
    }
    const event: SetupChangedEvent = { tenantId: setup.tenantId, kind: 'neutralPeriod', ids: [id] };
    await bus.publish(tenantSubject(setup.tenantId, wfmEvents.setupChanged), event);
  }

  app.post(
    '/wfm/v1/adherence/recompute',
    { config: write, schema: { tags, body: adherenceRecomputeRequestSchema, response: { 202: adherenceRecomputeResponseSchema } } },
    async (request, reply) => {
      const auth = requireAuth(request.auth);
      const body = request.body;
      checkRange(body.from, body.to);
      const setup = await ctx.setup.get(auth.tenantId);
      for (const id of body.employeeIds ?? []) {
        const e = setup.employees.get(id);
        if (e === undefined || !canSeeSchedulingUnit(auth, e.schedulingUnitId)) throw notFound('employeeIds', id);
      }
      const ids = selectEmployees(auth, setup, body.employeeIds === undefined ? {} : { employeeIds: body.employeeIds });
      return reply.status(202).send({ jobsQueued: await recompute.enqueue(auth.tenantId, ids, body.from, body.to, setup) });
    },
  );
};

function zoneOf(setup: TenantSetup, schedulingUnitId: string): string {
  return setup.schedulingUnits.get(schedulingUnitId)?.timeZone ?? 'UTC';
}

function notFound(path: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${path}: no such ${path === 'schedulingUnitId' ? 'scheduling unit' : path === 'id' ? 'neutral period' : 'employee'} ${id}`, [{ path, message: 'not found' }]);
}

/** `{items, nextCursor}` (§1.1); the cursor is the opaque offset of the next page. */
function page<T>(rows: readonly T[], limit: number, cursor: string | undefined): { items: T[]; nextCursor: string | null } {
  let offset = 0;
  if (cursor !== undefined) {
    const parsed = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Number.isInteger(parsed) || parsed < 0) throw new AppError('VALIDATION_FAILED', 'cursor: is not a cursor of this list', [{ path: 'cursor', message: 'is not a cursor of this list' }]);
    offset = parsed;
  }
  const items = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? Buffer.from(String(offset + limit), 'utf8').toString('base64url') : null;
  return { items, nextCursor: next };
}
