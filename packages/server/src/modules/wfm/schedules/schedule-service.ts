import { randomUUID } from 'node:crypto';
import type { ScheduleCoverage, ScheduleImport, ScheduleIssue, SchedulePublication, SchedulesResponse } from '@floorplan/contracts';
import { tenantSubject, type Bus } from '../../../platform/bus/bus.js';
import type { Db, Queryable } from '../../../platform/db/db.js';
import { AppError } from '../../../platform/http/app-error.js';
import { wfmEvents, type ScheduleChangedEvent } from '../events.js';
import type { TenantSetup } from '../setup/tenant-setup.js';
import { flattenSegments } from './flatten.js';
import { datesBetween } from './local-time.js';
import { operatingHoursSchema, type OperatingHours } from './operating-hours.js';
import type { ScheduleRow } from './schedule-rows.js';
import { currentVersion, loadScheduleAsOf, lockPublications, notFound, writePublication, type Publication } from './schedule-store.js';
import { validateSchedule, type ResolvedCoverage, type ResolvedSegment } from './validate-schedule.js';

export interface ScheduleServiceDeps {
  readonly db: Db;
  readonly bus: Bus;
  /** The tenant's setup (the engine's cache, or a fresh load in the CLI). */
  loadSetup(tenantId: string): Promise<TenantSetup>;
}

/** Which scheduling units the caller may see; all when absent (CLI, operator). */
export type SuFilter = (schedulingUnitId: string) => boolean;
const everyUnit: SuFilter = () => true;

export interface ImportInput {
  readonly format: 'JSON' | 'CSV';
  readonly coverage: ScheduleCoverage;
  readonly rows: readonly ScheduleRow[];
  /** Errors found before validation (malformed CSV lines); they block the import too. */
  readonly parseErrors?: readonly ScheduleIssue[];
  readonly publish?: boolean;
  readonly canSee?: SuFilter;
}

interface StoredCoverage extends ScheduleCoverage {
  /** The employees the coverage named when the import was validated. */
  resolvedEmployeeIds: string[];
  /** Segment rows the import had. */
  rowCount: number;
}

interface ImportRow {
  id: string;
  status: ScheduleImport['status'];
  format: ScheduleImport['format'];
  coverage: StoredCoverage;
  segments: ResolvedSegment[];
  errors: ScheduleIssue[];
  warnings: ScheduleIssue[];
  published_version: number | null;
  created_at: Date;
}

/**
 * Schedule imports, publications, day edits and reads (§1.8). The HTTP routes and the CLI both go
 * through here. Every publication is one transaction under the tenant's publication lock and
 * announces `wfm.schedule.changed` after commit.
 * @example const schedules = createScheduleService({ db, bus, loadSetup: (t) => ctx.setup.get(t) });
 */
export function createScheduleService(deps: ScheduleServiceDeps) {
  const { db, bus } = deps;

  async function announce(tenantId: string, p: SchedulePublication): Promise<void> {
    const event: ScheduleChangedEvent = { tenantId, version: p.version, employeeIds: p.employeeIds, from: p.from, to: p.to };
    try {
      await bus.publish(tenantSubject(tenantId, wfmEvents.scheduleChanged), event);
    } catch {
      // The publication is committed; the bus is at-most-once and RTA/recompute also reload on their own.
    }
  }

  async function operatingHoursOf(tenantId: string): Promise<Map<string, OperatingHours>> {
    const r = await db.query<{ id: string; operating_hours: unknown }>('SELECT id, operating_hours FROM scheduling_unit WHERE tenant_id = $1', [tenantId]);
    const out = new Map<string, OperatingHours>();
    for (const row of r.rows) {
      const raw = typeof row.operating_hours === 'string' ? (JSON.parse(row.operating_hours) as unknown) : row.operating_hours;
      const parsed = operatingHoursSchema.safeParse(raw);
      if (parsed.success) out.set(row.id, parsed.data);
    }
    return out;
  }

  function resolveCoverage(setup: TenantSetup, c: ScheduleCoverage, canSee: SuFilter): ResolvedCoverage {
    if (c.schedulingUnitId !== undefined) {
      const su = setup.schedulingUnits.get(c.schedulingUnitId);
      if (su === undefined || !canSee(su.id)) notFound(`scheduling unit ${c.schedulingUnitId}`, 'coverage.schedulingUnitId');
      const employeeIds = [...setup.employees.values()].filter((e) => e.schedulingUnitId === su.id && !e.archived).map((e) => e.id);
      return { employeeIds, fromDate: c.fromDate, toDate: c.toDate };
    }
    const ids = [...new Set(c.employeeIds ?? [])];
    const unknown = ids.filter((id) => {
      const e = setup.employees.get(id);
      return e === undefined || !canSee(e.schedulingUnitId);
    });
    if (unknown.length > 0) {
      throw new AppError('NOT_FOUND', `employee ${unknown.join(', ')} not found`, unknown.map((id) => ({ path: 'coverage.employeeIds', message: `employee ${id} not found` })));
    }
    const archived = ids.filter((id) => setup.employees.get(id)?.archived === true);
    if (archived.length > 0) {
      throw new AppError('UNPROCESSABLE', `employee ${archived.join(', ')} is archived`, archived.map((id) => ({ path: 'coverage.employeeIds', message: `employee ${id} is archived` })));
    }
    return { employeeIds: ids, fromDate: c.fromDate, toDate: c.toDate };
  }

  function toImport(r: ImportRow): ScheduleImport {
    const { resolvedEmployeeIds, rowCount, ...coverage } = r.coverage;
    return {
      id: r.id,
      status: r.status,
      format: r.format,
      coverage,
      counts: {
        rows: rowCount,
        segments: r.segments.length,
        employees: resolvedEmployeeIds.length,
        errors: r.errors.length,
        warnings: r.warnings.length,
      },
      errors: r.errors,
      warnings: r.warnings,
      publishedVersion: r.published_version,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  /** One publication: `build` reads what to write under the lock, `after` finishes in the same transaction. */
  async function publish(
    tenantId: string,
    build: (tx: Queryable) => Promise<Omit<Publication, 'tenantId'>>,
    after?: (tx: Queryable, version: number) => Promise<void>,
  ): Promise<SchedulePublication> {
    const publication = await db.transaction(async (tx) => {
      await lockPublications(tx, tenantId);
      const p = await build(tx);
      const version = await writePublication(tx, { tenantId, ...p });
      if (after) await after(tx, version);
      return { version, employeeIds: [...p.coverage.employeeIds], from: p.coverage.fromDate, to: p.coverage.toDate };
    });
    await announce(tenantId, publication);
    return publication;
  }

  const service = {
    /**
     * Validates and stores an import (kept with its errors when invalid); publishes it at once when
     * asked and valid. Answers the stored import and, when published, the publication.
     */
    async importSchedules(tenantId: string, input: ImportInput): Promise<{ import: ScheduleImport; publication: SchedulePublication | null }> {
      const setup = await deps.loadSetup(tenantId);
      const coverage = resolveCoverage(setup, input.coverage, input.canSee ?? everyUnit);
      const checked = validateSchedule(setup, input.rows, coverage, await operatingHoursOf(tenantId));
      const errors = [...(input.parseErrors ?? []), ...checked.errors].sort((a, b) => lineOf(a.path) - lineOf(b.path));
      const id = randomUUID();
      const stored: StoredCoverage = { ...input.coverage, resolvedEmployeeIds: [...coverage.employeeIds], rowCount: input.rows.length + (input.parseErrors?.length ?? 0) };
      const inserted = await db.query<ImportRow>(
        `INSERT INTO schedule_import (tenant_id, id, status, format, coverage, segments, errors, warnings)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb)
         RETURNING id, status, format, coverage, segments, errors, warnings, published_version, created_at`,
        [tenantId, id, errors.length > 0 ? 'INVALID' : 'VALID', input.format, JSON.stringify(stored), JSON.stringify(checked.segments), JSON.stringify(errors), JSON.stringify(checked.warnings)],
      );
      const row = inserted.rows[0] as ImportRow;
      if (errors.length > 0 || input.publish !== true) return { import: toImport(row), publication: null };
      const publication = await service.publishImport(tenantId, id);
      return { import: await service.getImport(tenantId, id), publication };
    },

    /** The stored import; 404 when the tenant has none with this id. */
    async getImport(tenantId: string, id: string): Promise<ScheduleImport> {
      const r = await db.query<ImportRow>(
        `SELECT id, status, format, coverage, segments, errors, warnings, published_version, created_at
           FROM schedule_import WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      const row = r.rows[0];
      if (row === undefined) notFound(`import ${id}`);
      return toImport(row);
    },

    /** Publishes a valid import once: 409 when already published, 422 when it has row errors. */
    async publishImport(tenantId: string, id: string): Promise<SchedulePublication> {
      return publish(
        tenantId,
        async (tx) => {
          const r = await tx.query<Pick<ImportRow, 'status' | 'coverage' | 'segments' | 'published_version'>>(
            'SELECT status, coverage, segments, published_version FROM schedule_import WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
            [tenantId, id],
          );
          const row = r.rows[0];
          if (row === undefined) notFound(`import ${id}`);
          if (row.status === 'PUBLISHED') throw new AppError('CONFLICT', `import ${id} is already published (version ${row.published_version})`, [{ path: 'id', message: 'already published' }]);
          if (row.status === 'INVALID') throw new AppError('UNPROCESSABLE', `import ${id} has row errors and cannot be published`, [{ path: 'id', message: 'has row errors' }]);
          return {
            kind: 'IMPORT' as const,
            importId: id,
            coverage: { employeeIds: row.coverage.resolvedEmployeeIds, fromDate: row.coverage.fromDate, toDate: row.coverage.toDate },
            segments: row.segments,
          };
        },
        async (tx, version) => {
          await tx.query(`UPDATE schedule_import SET status = 'PUBLISHED', published_version = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, version]);
        },
      );
    },

    /** Publishes one employee-date (`segments` empty = day off); row errors answer 422. */
    async editDay(tenantId: string, employeeId: string, date: string, segments: readonly { activityCodeId: string; start: string; end: string }[], canSee: SuFilter = everyUnit): Promise<SchedulePublication> {
      const setup = await deps.loadSetup(tenantId);
      const employee = setup.employees.get(employeeId);
      if (employee === undefined || !canSee(employee.schedulingUnitId)) notFound(`employee ${employeeId}`, 'id');
      const coverage = resolveCoverage(setup, { employeeIds: [employeeId], fromDate: date, toDate: date }, canSee);
      const rows = segments.map((s, i) => ({ path: `segments[${i}]`, employee: employeeId, activityCode: s.activityCodeId, start: s.start, end: s.end }));
      const checked = validateSchedule(setup, rows, coverage, new Map());
      if (checked.errors.length > 0) throw new AppError('UNPROCESSABLE', `${checked.errors[0]?.path}: ${checked.errors[0]?.message}`, checked.errors);
      return publish(tenantId, async () => ({ kind: 'DAY_EDIT' as const, importId: null, coverage, segments: checked.segments }));
    },

    /** Published schedules per employee over SU-local dates, latest or as of a version (§1.8). */
    async readSchedules(
      tenantId: string,
      q: { from: string; to: string; employeeIds?: string[]; schedulingUnitId?: string; asOfVersion?: number; flatten: boolean; limit: number; cursor?: string },
      canSee: SuFilter = everyUnit,
    ): Promise<SchedulesResponse> {
      const setup = await deps.loadSetup(tenantId);
      const latest = await currentVersion(db, tenantId);
      if (q.asOfVersion !== undefined && (latest === null || q.asOfVersion > latest)) notFound(`version ${q.asOfVersion}`, 'asOfVersion');
      if (q.schedulingUnitId !== undefined && (!setup.schedulingUnits.has(q.schedulingUnitId) || !canSee(q.schedulingUnitId))) {
        notFound(`scheduling unit ${q.schedulingUnitId}`, 'schedulingUnitId');
      }
      for (const id of q.employeeIds ?? []) {
        const e = setup.employees.get(id);
        if (e === undefined || !canSee(e.schedulingUnitId)) notFound(`employee ${id}`, 'employeeIds');
      }
      const wanted = q.employeeIds === undefined ? null : new Set(q.employeeIds);
      const employees = [...setup.employees.values()]
        .filter((e) => canSee(e.schedulingUnitId))
        .filter((e) => (wanted === null ? !e.archived : wanted.has(e.id)))
        .filter((e) => q.schedulingUnitId === undefined || e.schedulingUnitId === q.schedulingUnitId)
        .filter((e) => q.cursor === undefined || e.id > q.cursor)
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const page = employees.slice(0, q.limit);
      const nextCursor = employees.length > q.limit ? (page.at(-1)?.id ?? null) : null;
      const version = q.asOfVersion ?? latest;
      if (version === null) {
        return { version: null, nextCursor, items: page.map((e) => ({ employeeId: e.id, schedulingUnitId: e.schedulingUnitId, coveredDates: e.canBeScheduled ? [] : datesBetween(q.from, q.to), segments: [] })) };
      }
      const rows = await loadScheduleAsOf(db, tenantId, { employeeIds: page.map((e) => e.id), fromDate: q.from, toDate: q.to, version });
      const segmentsOf = groupBy(rows.segments, (s) => s.employeeId);
      const daysOf = groupBy(rows.days, (d) => d.employeeId);
      const items = page.map((e) => {
        const segs = segmentsOf.get(e.id) ?? [];
        const priorityOf = (codeId: string) => setup.codeSetups.get(codeId)?.priority ?? 10;
        const segments = q.flatten
          ? flattenSegments(segs.map((s) => ({ ...s, priority: priorityOf(s.activityCodeId) }))).map((s) => ({ activityCodeId: s.activityCodeId, start: iso(s.start), end: iso(s.end) }))
          : segs.map((s) => ({ activityCodeId: s.activityCodeId, start: iso(s.start), end: iso(s.end), priority: priorityOf(s.activityCodeId), date: s.date }));
        const coveredDates = e.canBeScheduled ? (daysOf.get(e.id) ?? []).map((d) => d.date) : datesBetween(q.from, q.to);
        return { employeeId: e.id, schedulingUnitId: e.schedulingUnitId, coveredDates, segments };
      });
      return { version, items, nextCursor };
    },
  };
  return service;
}

export type ScheduleService = ReturnType<typeof createScheduleService>;

const iso = (ms: number) => new Date(ms).toISOString();

function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const group = out.get(key(item));
    if (group === undefined) out.set(key(item), [item]);
    else group.push(item);
  }
  return out;
}

/** Sort key of an issue path: its line or index, so CSV and JSON errors come in file order. */
function lineOf(path: string): number {
  const m = /\d+/.exec(path);
  return m ? Number(m[0]) : -1;
}
