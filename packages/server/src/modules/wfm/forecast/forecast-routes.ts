import {
  forecastAccuracyQuerySchema,
  forecastAccuracyResponseSchema,
  forecastImportQuerySchema,
  forecastImportRequestSchema,
  forecastIntervalsResponseSchema,
  forecastListQuerySchema,
  forecastRangeQuerySchema,
  forecastRunListSchema,
  forecastRunRequestSchema,
  forecastRunSchema,
  forecastRunsResponseSchema,
} from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../../platform/http/auth-context.js';
import { AppError } from '../../../platform/http/app-error.js';
import type { WfmContext } from '../context.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { scoreRun } from './forecast-accuracy.js';
import { parseForecastCsv, planImport, type ImportRow } from './forecast-import.js';
import { runForecast } from './forecast-runs.js';
import { findRun, listRuns, readRunIntervals, storeRun } from './forecast-store.js';
import { addDays } from './series.js';

const read = { permissions: ['wfm.forecast.read'] } as const;
const write = { permissions: ['wfm.forecast.write'] } as const;
const tags = ['wfm-forecast'];
const skillParams = z.object({ skillId: z.uuid() });

/** A skill new forecasts may be made for: archived skills keep their history but get no new runs (422). */
function writable(skill: SkillSetup, path: string): SkillSetup {
  if (skill.archived) throw new AppError('UNPROCESSABLE', `skill ${skill.name} is archived`, [{ path, message: 'is archived: no new forecasts' }]);
  return skill;
}

/** The tenant's skill or 404 naming the field. */
export async function skillOr404(ctx: WfmContext, tenantId: string, skillId: string, path = 'skillId'): Promise<SkillSetup> {
  const skill = (await ctx.setup.get(tenantId)).skills.get(skillId);
  if (!skill) throw new AppError('NOT_FOUND', `skill ${skillId} not found`, [{ path, message: `no skill ${skillId} in this tenant` }]);
  return skill;
}

/**
 * `/wfm/v1/forecasts`: on-demand runs, run history with back-test metrics, stored intervals, accuracy
 * of a stored run and import (engine spec §5.6).
 *
 * @example
 * await app.register(forecastRoutes, { ctx });
 */
export const forecastRoutes: FastifyPluginAsyncZod<{ ctx: WfmContext }> = async (app, { ctx }) => {
  const db = ctx.platform.db;
  const now = () => ctx.platform.clock.now();
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post(
    '/wfm/v1/forecasts/runs',
    { config: write, schema: { tags, body: forecastRunRequestSchema, response: { 201: forecastRunsResponseSchema } } },
    async (request, reply) => {
      const { tenantId } = requireAuth(request.auth);
      const body = request.body;
      const setup = await ctx.setup.get(tenantId);
      // Every id is checked before anything runs, so a bad one leaves no partial batch.
      const skills = new Map<string, SkillSetup>();
      for (const [i, id] of body.skillIds.entries()) {
        if (!skills.has(id)) skills.set(id, writable(await skillOr404(ctx, tenantId, id, `skillIds[${i}]`), `skillIds[${i}]`));
      }
      const runs = [];
      // One skill at a time: each is ~4 ms of CPU plus a few queries, and PGlite has one connection anyway.
      for (const skill of skills.values()) {
        runs.push(
          await runForecast(db, tenantId, skill, setup.intervalMs, {
            method: body.method,
            historyWeeks: body.historyWeeks,
            horizonDays: body.horizonDays,
            ...(body.from ? { horizonFrom: body.from } : {}),
          }, now()),
        );
      }
      return reply.code(201).send({ runs });
    },
  );

  app.get('/wfm/v1/forecasts', { config: read, schema: { tags, querystring: forecastListQuerySchema, response: { 200: forecastRunListSchema } } }, async (request) => {
    const { tenantId } = requireAuth(request.auth);
    const q = request.query;
    await skillOr404(ctx, tenantId, q.skillId);
    const before = q.cursor === undefined ? undefined : Number(q.cursor);
    if (before !== undefined && !(Number.isInteger(before) && before > 0)) throw new AppError('VALIDATION_FAILED', 'invalid cursor', [{ path: 'cursor', message: 'must be a cursor from a previous page' }]);
    const items = await listRuns(db, tenantId, q.skillId, { limit: q.limit + 1, ...(before ? { beforeVersion: before } : {}) });
    const page = items.slice(0, q.limit);
    return { items: page, nextCursor: items.length > q.limit ? String(page.at(-1)?.version) : null };
  });

  const runOr404 = async (tenantId: string, skillId: string, version: number | undefined) => {
    const run = await findRun(db, tenantId, skillId, version);
    if (!run) {
      throw new AppError('NOT_FOUND', version === undefined ? 'the skill has no active forecast' : `forecast version ${version} not found`, [
        { path: version === undefined ? 'skillId' : 'version', message: version === undefined ? 'no ACTIVE forecast run for this skill' : `no run of version ${version} for this skill` },
      ]);
    }
    return run;
  };

  app.get(
    '/wfm/v1/forecasts/:skillId/intervals',
    { config: read, schema: { tags, params: skillParams, querystring: forecastRangeQuerySchema, response: { 200: forecastIntervalsResponseSchema } } },
    async (request) => {
      const { tenantId } = requireAuth(request.auth);
      const skill = await skillOr404(ctx, tenantId, request.params.skillId);
      const run = await runOr404(tenantId, skill.id, request.query.version);
      const { from, to } = request.query;
      if (from && to && Date.parse(to) <= Date.parse(from)) throw new AppError('VALIDATION_FAILED', 'to must be after from', [{ path: 'to', message: 'must be after from' }]);
      const rows = await readRunIntervals(db, tenantId, run.id, {
        ...(from ? { fromMs: Date.parse(from) } : {}),
        ...(to ? { toMs: Date.parse(to) } : {}),
      });
      return { run, items: rows.map((r) => ({ intervalStart: new Date(r.start).toISOString(), contacts: r.contacts, ahtSeconds: r.ahtSeconds })) };
    },
  );

  app.get(
    '/wfm/v1/forecasts/:skillId/accuracy',
    { config: read, schema: { tags, params: skillParams, querystring: forecastAccuracyQuerySchema, response: { 200: forecastAccuracyResponseSchema } } },
    async (request) => {
      const { tenantId } = requireAuth(request.auth);
      const skill = await skillOr404(ctx, tenantId, request.params.skillId);
      const { from, to, version } = request.query;
      if (to < from) throw new AppError('VALIDATION_FAILED', 'to must not be before from', [{ path: 'to', message: 'must not be before from' }]);
      if (addDays(from, 366) <= to) throw new AppError('VALIDATION_FAILED', 'range too long', [{ path: 'to', message: 'must be within 366 days of from' }]);
      const run = await runOr404(tenantId, skill.id, version);
      if (run.status === 'FAILED' || run.status === 'INSUFFICIENT_HISTORY') throw new AppError('UNPROCESSABLE', 'the run has no forecast to score', [{ path: 'version', message: `run ${run.version} is ${run.status}` }]);
      const setup = await ctx.setup.get(tenantId);
      const report = await scoreRun(db, tenantId, skill, setup.intervalMs, run, from, to);
      if (!report) {
        throw new AppError('UNPROCESSABLE', 'the dates do not overlap the run', [
          { path: 'from', message: `must overlap the run's horizon ${run.horizonFrom} … ${addDays(run.horizonFrom, run.horizonDays - 1)}` },
        ]);
      }
      return report;
    },
  );

  app.post(
    '/wfm/v1/forecasts/import',
    { config: write, schema: { tags, querystring: forecastImportQuerySchema, response: { 201: forecastRunSchema } } },
    async (request, reply) => {
      const { tenantId } = requireAuth(request.auth);
      let skillId: string;
      let paradigm: 'WCE' | 'TTI';
      let rows: ImportRow[];
      let label: ((i: number) => string) | undefined;
      if (typeof request.body === 'string') {
        if (!request.query.skillId) throw new AppError('VALIDATION_FAILED', 'skillId is required', [{ path: 'skillId', message: 'query parameter required with a CSV body' }]);
        const parsed = parseForecastCsv(request.body);
        if (parsed.errors.length > 0) throw new AppError('VALIDATION_FAILED', 'the CSV has errors', parsed.errors);
        skillId = request.query.skillId;
        paradigm = request.query.paradigm ?? 'WCE';
        rows = parsed.rows;
        label = (i) => `line ${i + 2}`;
      } else {
        const parsed = forecastImportRequestSchema.safeParse(request.body);
        if (!parsed.success) {
          throw new AppError('VALIDATION_FAILED', 'invalid body', parsed.error.issues.slice(0, 100).map((i) => ({ path: i.path.join('.') || 'body', message: i.message })));
        }
        ({ skillId, paradigm, rows } = parsed.data);
      }
      const skill = writable(await skillOr404(ctx, tenantId, skillId), 'skillId');
      const setup = await ctx.setup.get(tenantId);
      const plan = planImport(skill, setup.intervalMs, rows, paradigm, label);
      if (!plan.run) throw new AppError('VALIDATION_FAILED', 'the rows have errors', plan.errors.slice(0, 100));
      return reply.code(201).send(await storeRun(db, tenantId, plan.run, now()));
    },
  );
};

