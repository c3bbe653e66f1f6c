import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  scheduleCoverageSchema,
  scheduleImportFailureSchema,
  scheduleImportSchema,
  scheduleImportSegmentSchema,
  toValidationIssues,
  type ScheduleCoverage,
  type ScheduleImport,
  type ScheduleIssue,
} from '@floorplan/contracts';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../config.js';
import { loadTenantSetup } from '../modules/wfm/setup/tenant-setup.js';
import { jsonScheduleRows, parseScheduleCsv, type ScheduleRow } from '../modules/wfm/schedules/schedule-rows.js';
import { createScheduleService } from '../modules/wfm/schedules/schedule-service.js';
import { createBus } from '../platform/bus/create-bus.js';
import { openDatabase } from '../platform/create-platform.js';
import { migrate } from '../platform/db/migrate.js';
import { isAppError } from '../platform/http/app-error.js';
import { operatorSecret } from '../server.js';
import { createHttpAdminClient } from './admin-client.js';
import type { CliContext } from './cli-context.js';
import { embeddedOwner } from './pick-admin-client.js';

export interface ImportSchedulesOptions {
  tenant: string;
  publish?: boolean;
  schedulingUnit?: string;
  employees?: string;
  from: string;
  to: string;
}

/** What one import did, whichever way it reached the data. */
interface ImportOutcome {
  importId: string;
  status: ScheduleImport['status'] | 'INVALID';
  errors: ScheduleIssue[];
  warnings: ScheduleIssue[];
  segments: number;
  employees: number;
  publishedVersion: number | null;
}

const STEPS = ['read', 'validate', 'publish', 'done'] as const;

/** `floorplan import schedules <file> --tenant <name> --from <date> --to <date> [...]`. */
export function registerImportCommands(program: Command, ctx: CliContext): void {
  const imports = program.command('import').description('import WFM data into a tenant');
  imports
    .command('schedules')
    .description('import (and optionally publish) schedules from CSV (employee,activityCode,start,end) or JSON ({segments: [...]})')
    .argument('<file>', 'a .csv or .json file')
    .requiredOption('--tenant <name>', 'tenant name')
    .requiredOption('--from <date>', 'first covered date, YYYY-MM-DD (SU-local)')
    .requiredOption('--to <date>', 'last covered date, YYYY-MM-DD (SU-local)')
    .option('--scheduling-unit <id>', 'cover every employee of this scheduling unit')
    .option('--employees <ids>', 'cover these employees (comma-separated ids)')
    .option('--publish', 'publish at once when the import is valid')
    .action(async (file: string, options: ImportSchedulesOptions) => {
      const code = await importSchedulesCommand(ctx, file, options);
      if (code !== 0) throw new Error('the import has row errors; nothing was published');
    });
}

/**
 * Runs one schedule import: prints row errors (`line N: message`) and warnings on stderr, a summary
 * on stdout, and resolves 1 when the file had row errors (stored as an INVALID import), else 0.
 *
 * With an embedded database held by a running server, the file goes to that server's API: the
 * operator secret creates a general key for the tenant's first active admin, which is revoked
 * right after. Otherwise the command opens the database and calls the same service as the route.
 * @example process.exitCode = await importSchedulesCommand(ctx, 'week.csv', { tenant: 'acme', from: '2026-03-02', to: '2026-03-08', schedulingUnit: su, publish: true });
 */
export async function importSchedulesCommand(ctx: CliContext, file: string, options: ImportSchedulesOptions): Promise<number> {
  const bar = new SingleBar({ format: 'schedules [{bar}] {step}', stream: process.stderr, clearOnComplete: false, hideCursor: true });
  bar.start(STEPS.length - 1, 0, { step: STEPS[0] });
  try {
    const text = await readFile(file, 'utf8');
    const format = extname(file).toLowerCase() === '.json' ? 'JSON' : 'CSV';
    const coverage = coverageOf(options);
    const config = ctx.config();
    const owner = await embeddedOwner(config);
    const step = (i: number) => bar.update(i, { step: STEPS[i] });
    step(1);
    const outcome = owner
      ? await viaServer(ctx, owner.url, config, options, format, text, coverage, step)
      : await viaDatabase(config, options, format, text, coverage, step);
    step(3);
    bar.stop();
    for (const w of outcome.warnings) ctx.note(`warning ${w.path}: ${w.message}`);
    if (outcome.errors.length > 0) {
      for (const e of outcome.errors) ctx.note(`${e.path}: ${e.message}`);
      ctx.out(`import ${outcome.importId}: INVALID, ${outcome.errors.length} row error(s)`);
      return 1;
    }
    const published = outcome.publishedVersion === null ? 'not published' : `published as version ${outcome.publishedVersion}`;
    ctx.out(`import ${outcome.importId}: ${outcome.status}, ${outcome.segments} segment(s) for ${outcome.employees} employee(s), ${published}`);
    return 0;
  } finally {
    bar.stop();
  }
}

function coverageOf(o: ImportSchedulesOptions): ScheduleCoverage {
  const parsed = scheduleCoverageSchema.safeParse({
    fromDate: o.from,
    toDate: o.to,
    ...(o.schedulingUnit === undefined ? {} : { schedulingUnitId: o.schedulingUnit }),
    ...(o.employees === undefined ? {} : { employeeIds: o.employees.split(',').map((s) => s.trim()).filter((s) => s !== '') }),
  });
  if (parsed.success) return parsed.data;
  const names: Record<string, string> = { fromDate: '--from', toDate: '--to', schedulingUnitId: '--scheduling-unit', employeeIds: '--employees' };
  throw new Error(toValidationIssues(parsed.error).map((i) => `${names[i.path.split(/[.[]/)[0] ?? ''] ?? i.path}: ${i.message}`).join('; '));
}

const jsonFileSchema = z.union([z.array(scheduleImportSegmentSchema), z.object({ segments: z.array(scheduleImportSegmentSchema) })]);

function rowsOf(format: 'JSON' | 'CSV', text: string): { rows: ScheduleRow[]; parseErrors: ScheduleIssue[] } {
  if (format === 'CSV') {
    const csv = parseScheduleCsv(text);
    return { rows: csv.rows, parseErrors: csv.errors };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`the file is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = jsonFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(toValidationIssues(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; '));
  return { rows: jsonScheduleRows(Array.isArray(parsed.data) ? parsed.data : parsed.data.segments), parseErrors: [] };
}

async function viaDatabase(config: Config, options: ImportSchedulesOptions, format: 'JSON' | 'CSV', text: string, coverage: ScheduleCoverage, step: (i: number) => void): Promise<ImportOutcome> {
  const { rows, parseErrors } = rowsOf(format, text);
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const tenant = await db.query<{ id: string }>('SELECT id FROM tenant WHERE name = $1', [options.tenant]);
    const tenantId = tenant.rows[0]?.id;
    if (tenantId === undefined) throw new Error(`tenant ${options.tenant} not found`);
    // The configured bus: with NATS, running servers hear `wfm.schedule.changed` at once.
    const bus = await createBus(config);
    try {
      const service = createScheduleService({ db, bus, loadSetup: (id) => loadTenantSetup(db, id) });
      const { import: imp } = await service.importSchedules(tenantId, { format, coverage, rows, parseErrors });
      step(2);
      const version = options.publish && imp.status === 'VALID' ? (await service.publishImport(tenantId, imp.id)).version : null;
      return { importId: imp.id, status: version === null ? imp.status : 'PUBLISHED', errors: imp.errors, warnings: imp.warnings, segments: imp.counts.segments, employees: imp.counts.employees, publishedVersion: version };
    } catch (e) {
      if (isAppError(e)) throw new Error(`${e.code}: ${e.details.map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`).join('; ') || e.message}`);
      throw e;
    } finally {
      await bus.close();
    }
  } finally {
    await db.close();
  }
}

async function viaServer(
  ctx: CliContext,
  url: string,
  config: Config,
  options: ImportSchedulesOptions,
  format: 'JSON' | 'CSV',
  text: string,
  coverage: ScheduleCoverage,
  step: (i: number) => void,
): Promise<ImportOutcome> {
  ctx.note(`floorplan: using the running server at ${url}`);
  const base = url.replace(/\/+$/, '');
  const admin = createHttpAdminClient(base, await operatorSecret(config.DATA_DIR));
  const user = (await admin.listUsers(options.tenant)).find((u) => u.role === 'admin' && u.status === 'ACTIVE' && u.schedulingUnitIds === null);
  if (user === undefined) throw new Error(`tenant ${options.tenant} has no active admin without a scheduling-unit limit to import as`);
  const key = await admin.createKey(options.tenant, { userEmail: user.email, purpose: 'general' });
  try {
    const tokenAnswer = await fetch(`${base}/authentication/v1/token/access-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }),
    });
    if (!tokenAnswer.ok) throw new Error(`the server refused the import key (${tokenAnswer.status})`);
    const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
    const query = new URLSearchParams({ fromDate: coverage.fromDate, toDate: coverage.toDate, ...(options.publish ? { publish: 'true' } : {}) });
    let body: string;
    let contentType: string;
    if (format === 'CSV') {
      if (coverage.schedulingUnitId) query.set('schedulingUnitId', coverage.schedulingUnitId);
      if (coverage.employeeIds) query.set('employeeIds', coverage.employeeIds.join(','));
      body = text;
      contentType = 'text/csv';
    } else {
      const { rows } = rowsOf('JSON', text);
      body = JSON.stringify({ coverage, segments: rows.map((r) => ({ employeeId: r.employee, activityCodeId: r.activityCode, start: r.start, end: r.end })) });
      contentType = 'application/json';
    }
    const answer = await fetch(`${base}/wfm/v1/schedules/imports?${format === 'CSV' ? query.toString() : options.publish ? 'publish=true' : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
    step(2);
    const json = (await answer.json()) as unknown;
    if (answer.status === 422) {
      const failure = scheduleImportFailureSchema.safeParse(json);
      if (failure.success) return { importId: failure.data.importId, status: 'INVALID', errors: failure.data.errors, warnings: [], segments: 0, employees: 0, publishedVersion: null };
    }
    const imp = scheduleImportSchema.safeParse(json);
    if (!answer.ok || !imp.success) {
      const errors = (json as { errors?: ScheduleIssue[] }).errors ?? [];
      throw new Error(`the server answered ${answer.status}: ${errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`);
    }
    const d = imp.data;
    return { importId: d.id, status: d.status, errors: d.errors, warnings: d.warnings, segments: d.counts.segments, employees: d.counts.employees, publishedVersion: d.publishedVersion };
  } finally {
    await admin.revokeKey(options.tenant, key.accessKeyId).catch(() => {});
  }
}
