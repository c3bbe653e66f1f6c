import {
  MAX_SCHEDULE_IMPORT_SEGMENTS,
  localDateSchema,
  scheduleCoverageSchema,
  scheduleDayEditSchema,
  scheduleImportFailureSchema,
  scheduleImportQuerySchema,
  scheduleImportRequestSchema,
  scheduleImportSchema,
  schedulePublicationSchema,
  schedulesQuerySchema,
  schedulesResponseSchema,
  toValidationIssues,
} from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/http/app-error.js';
import { canSeeSchedulingUnit, requireAuth, type AuthContext } from '../../../platform/http/auth-context.js';
import { validatedByHandler } from '../../../platform/http/zod-validation.js';
import { jsonScheduleRows, parseScheduleCsv } from './schedule-rows.js';
import type { ImportInput, ScheduleService } from './schedule-service.js';

const write = { permissions: ['wfm.schedules.write'] } as const;
const read = { permissions: ['wfm.schedules.read'] } as const;
const tags = ['wfm-schedules'];
const MAX_ERRORS_SHOWN = 100;

const scopeOf = (auth: AuthContext) => (schedulingUnitId: string) => canSeeSchedulingUnit(auth, schedulingUnitId);

function checked<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = toValidationIssues(parsed.error).map((i) => ({ path: prefix === '' ? i.path : i.path === '' ? prefix : `${prefix}.${i.path}`, message: i.message }));
  const first = issues[0];
  throw new AppError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'invalid', issues);
}

/**
 * `/wfm/v1/schedules` (engine spec §1.8, §1.9): imports in JSON or CSV, publication, day edits and
 * reads. The `text/csv` body parser is registered inside this plugin only.
 * @example await app.register(scheduleRoutes, { schedules });
 */
export const scheduleRoutes: FastifyPluginAsyncZod<{ schedules: ScheduleService }> = async (app, { schedules }) => {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post(
    '/wfm/v1/schedules/imports',
    {
      config: write,
      schema: {
        tags,
        description: 'JSON `{coverage, segments}` or `text/csv` (`employee,activityCode,start,end`, coverage in the query). Row errors answer 422 with the stored import id.',
        querystring: scheduleImportQuerySchema,
        body: validatedByHandler(scheduleImportRequestSchema),
        response: { 201: scheduleImportSchema, 422: scheduleImportFailureSchema },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request.auth);
      const q = request.query;
      let input: ImportInput;
      if ((request.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv')) {
        const coverage = checked(scheduleCoverageSchema, { schedulingUnitId: q.schedulingUnitId, employeeIds: q.employeeIds, fromDate: q.fromDate, toDate: q.toDate }, '');
        const csv = parseScheduleCsv(typeof request.body === 'string' ? request.body : '');
        if (csv.rows.length > MAX_SCHEDULE_IMPORT_SEGMENTS) {
          throw new AppError('TOO_MANY_ITEMS', `at most ${MAX_SCHEDULE_IMPORT_SEGMENTS} rows per import`, [{ path: '', message: `at most ${MAX_SCHEDULE_IMPORT_SEGMENTS} rows per import` }]);
        }
        input = { format: 'CSV', coverage, rows: csv.rows, parseErrors: csv.errors };
      } else {
        const body = checked(scheduleImportRequestSchema, request.body, '');
        input = { format: 'JSON', coverage: body.coverage, rows: jsonScheduleRows(body.segments) };
      }
      const result = await schedules.importSchedules(auth.tenantId, { ...input, publish: q.publish === true, canSee: scopeOf(auth) });
      if (result.import.status === 'INVALID') {
        return reply.code(422).send({
          status: 'FAILURE' as const,
          statusReason: 'UNPROCESSABLE' as const,
          errors: result.import.errors.slice(0, MAX_ERRORS_SHOWN),
          importId: result.import.id,
        });
      }
      return reply.code(201).send(result.import);
    },
  );

  app.get(
    '/wfm/v1/schedules/imports/:id',
    { config: write, schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: scheduleImportSchema } } },
    async (request) => schedules.getImport(requireAuth(request.auth).tenantId, request.params.id),
  );

  app.post(
    '/wfm/v1/schedules/imports/:id/publish',
    { config: write, schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: schedulePublicationSchema } } },
    async (request) => schedules.publishImport(requireAuth(request.auth).tenantId, request.params.id),
  );

  app.put(
    '/wfm/v1/schedules/employees/:id/days/:date',
    {
      config: write,
      schema: { tags, params: z.object({ id: z.uuid(), date: localDateSchema }), body: scheduleDayEditSchema, response: { 200: schedulePublicationSchema } },
    },
    async (request) => {
      const auth = requireAuth(request.auth);
      return schedules.editDay(auth.tenantId, request.params.id, request.params.date, request.body.segments, scopeOf(auth));
    },
  );

  app.get(
    '/wfm/v1/schedules',
    { config: read, schema: { tags, querystring: schedulesQuerySchema, response: { 200: schedulesResponseSchema } } },
    async (request) => {
      const auth = requireAuth(request.auth);
      const { cursor, employeeIds, schedulingUnitId, asOfVersion, ...rest } = request.query;
      return schedules.readSchedules(
        auth.tenantId,
        { ...rest, ...(cursor ? { cursor } : {}), ...(employeeIds ? { employeeIds } : {}), ...(schedulingUnitId ? { schedulingUnitId } : {}), ...(asOfVersion ? { asOfVersion } : {}) },
        scopeOf(auth),
      );
    },
  );
};
