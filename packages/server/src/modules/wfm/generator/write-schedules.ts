// Publishes the planned schedules through `POST /wfm/v1/schedules/imports?publish=true`, cut into
// imports the API takes (at most 92 days and 100 000 segments each), covering only the generated
// employees so the tenant's other people keep their schedules.
import { MAX_SCHEDULE_IMPORT_SEGMENTS, MAX_SCHEDULE_RANGE_DAYS } from '@floorplan/contracts';
import type { PlannedDay } from './plan-schedules.js';
import { expectOk, type WfmHttp } from './wfm-http.js';
import type { WrittenSetup } from './write-setup.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Date ranges of the imports: consecutive dates, each range within both API limits.
 *
 * @example
 * importRanges(['2026-03-01', '2026-03-02'], new Map([['2026-03-01', 10], ['2026-03-02', 10]]), 92, 15);
 * // → [['2026-03-01'], ['2026-03-02']]
 */
export function importRanges(dates: readonly string[], segmentsPerDate: ReadonlyMap<string, number>, maxDays: number, maxSegments: number): string[][] {
  const ranges: string[][] = [];
  let current: string[] = [];
  let count = 0;
  for (const date of dates) {
    const n = segmentsPerDate.get(date) ?? 0;
    if (current.length > 0 && (current.length >= maxDays || count + n > maxSegments)) {
      ranges.push(current);
      current = [];
      count = 0;
    }
    current.push(date);
    count += n;
  }
  if (current.length > 0) ranges.push(current);
  return ranges;
}

/**
 * Publishes `days` (every generated employee × every date) and returns the published versions.
 *
 * @example
 * await writeSchedules(http, ids, planSchedules(seed, setup.employees, dates, zone), dates);
 */
export async function writeSchedules(http: WfmHttp, ids: WrittenSetup, days: readonly PlannedDay[], dates: readonly string[]): Promise<number[]> {
  const perDate = new Map<string, number>();
  const byDate = new Map<string, PlannedDay[]>();
  for (const day of days) {
    perDate.set(day.date, (perDate.get(day.date) ?? 0) + day.segments.length);
    byDate.set(day.date, [...(byDate.get(day.date) ?? []), day]);
  }
  const versions: number[] = [];
  for (const range of importRanges(dates, perDate, MAX_SCHEDULE_RANGE_DAYS, MAX_SCHEDULE_IMPORT_SEGMENTS)) {
    const segments = range.flatMap((date) =>
      (byDate.get(date) ?? []).flatMap((day) =>
        day.segments.map((s) => ({
          employeeId: ids.employeeIds[day.employeeIndex] as string,
          activityCodeId: ids.codes[s.code] as string,
          start: iso(s.start),
          end: iso(s.end),
        })),
      ),
    );
    const coverage = { employeeIds: ids.employeeIds, fromDate: range[0] as string, toDate: range[range.length - 1] as string };
    const answer = (await expectOk(http, 'POST', '/wfm/v1/schedules/imports?publish=true', { coverage, segments })) as { publishedVersion?: number | null; version?: number };
    versions.push(answer.publishedVersion ?? answer.version ?? 0);
  }
  return versions;
}
