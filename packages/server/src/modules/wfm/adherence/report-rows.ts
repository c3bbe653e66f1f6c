import type { AdherenceActivityRow, AdherenceExceptionRow, AdherenceReportRow, AdherenceTotals } from '@floorplan/contracts';
import { DateTime } from 'luxon';
import type { TenantSetup } from '../setup/tenant-setup.js';
import type { ActivityParadigm } from './activity-views.js';
import { roundPercent, type AdherenceMetrics } from './adherence.js';
import type { AgentDayResult } from './agent-day.js';
import { UNMAPPED } from './model.js';

/** §3.7 CSV columns, in this order. */
export const REPORT_CSV_COLUMNS = [
  'employeeId',
  'employeeName',
  'schedulingUnit',
  'date',
  'intervalStart',
  'scheduledSeconds',
  'inSeconds',
  'outSeconds',
  'neutralSeconds',
  'unmappedSeconds',
  'unscheduledWorkedSeconds',
  'adherencePct',
  'scheduledProductiveSeconds',
  'workedProductiveSeconds',
  'conformancePct',
  'exceptionCount',
  'notCalculatedReason',
] as const;

/** §3.3 exception CSV columns, in this order. */
export const EXCEPTION_CSV_COLUMNS = [
  'employeeId',
  'employeeName',
  'date',
  'start',
  'end',
  'durationSeconds',
  'scheduledActivity',
  'actualActivity',
  'eventCode',
  'reasonCode',
] as const;

/** Milliseconds to wire seconds (at most 3 decimals: inputs are whole milliseconds). */
const seconds = (ms: number): number => ms / 1000;

type MetricFields = Omit<AdherenceTotals, 'exceptionCount'>;

function metricFields(m: AdherenceMetrics): MetricFields {
  return {
    scheduledSeconds: seconds(m.scheduledMs),
    inSeconds: seconds(m.inMs),
    outSeconds: seconds(m.outMs),
    neutralSeconds: seconds(m.neutralMs),
    unmappedSeconds: seconds(m.unmappedMs),
    unscheduledWorkedSeconds: seconds(m.unscheduledWorkedMs),
    adherencePct: roundPercent(m.adherencePct),
    scheduledProductiveSeconds: seconds(m.scheduledProductiveMs),
    workedProductiveSeconds: seconds(m.workedProductiveMs),
    conformancePct: roundPercent(m.conformancePct),
  };
}

const NULL_METRICS = {
  scheduledSeconds: null,
  inSeconds: null,
  outSeconds: null,
  neutralSeconds: null,
  unmappedSeconds: null,
  unscheduledWorkedSeconds: null,
  adherencePct: null,
  scheduledProductiveSeconds: null,
  workedProductiveSeconds: null,
  conformancePct: null,
} as const;

/**
 * Report rows (§3.7) of agent-days: one per agent-day, or one per agent-interval (intervals with
 * scheduled or productive time; a not-calculated day has no interval rows). Interval rows count the
 * exceptions starting in them. `intervalStart` is UTC on the wire; the CSV writes it SU-local.
 * @example const rows = reportRows(setup, days, 'day');
 */
export function reportRows(setup: TenantSetup, days: readonly AgentDayResult[], granularity: 'day' | 'interval'): AdherenceReportRow[] {
  const rows: AdherenceReportRow[] = [];
  for (const d of days) {
    const employee = setup.employees.get(d.employeeId);
    const base = {
      employeeId: d.employeeId,
      employeeName: employee?.name ?? '',
      schedulingUnitId: d.schedulingUnitId,
      schedulingUnit: setup.schedulingUnits.get(d.schedulingUnitId)?.name ?? '',
      date: d.date,
    };
    if (granularity === 'day') {
      rows.push(
        d.day === null
          ? { ...base, intervalStart: null, ...NULL_METRICS, exceptionCount: null, notCalculatedReason: d.notCalculatedReason }
          : { ...base, intervalStart: null, ...metricFields(d.day), exceptionCount: d.exceptions.length, notCalculatedReason: null },
      );
      continue;
    }
    for (const i of d.intervals) {
      const exceptionCount = d.exceptions.filter((e) => e.start >= i.intervalStart && e.start < i.intervalStart + setup.intervalMs).length;
      rows.push({ ...base, intervalStart: new Date(i.intervalStart).toISOString(), ...metricFields(i), exceptionCount, notCalculatedReason: null });
    }
  }
  return rows;
}

/**
 * Totals over agent-days (§0: ratios of sums, never means of ratios); not-calculated days add nothing.
 * @example reportTotals(days).adherencePct
 */
export function reportTotals(days: readonly AgentDayResult[]): AdherenceTotals {
  const sum = { scheduledMs: 0, inMs: 0, outMs: 0, neutralMs: 0, unmappedMs: 0, unscheduledWorkedMs: 0, scheduledProductiveMs: 0, workedProductiveMs: 0 };
  let exceptionCount = 0;
  for (const d of days) {
    if (d.day === null) continue;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += d.day[k];
    exceptionCount += d.exceptions.length;
  }
  const denominator = sum.scheduledMs - sum.neutralMs;
  return {
    ...metricFields({
      ...sum,
      adherencePct: denominator === 0 ? null : (100 * sum.inMs) / denominator,
      conformancePct: sum.scheduledProductiveMs === 0 ? null : (100 * sum.workedProductiveMs) / sum.scheduledProductiveMs,
    }),
    exceptionCount,
  };
}

const codeName = (setup: TenantSetup, id: string): string => (id === UNMAPPED ? UNMAPPED : (setup.codes.get(id)?.name ?? id));

/**
 * Exception rows (§3.3) with code names, in day order then start.
 * @example const rows = exceptionRows(setup, days);
 */
export function exceptionRows(setup: TenantSetup, days: readonly AgentDayResult[]): AdherenceExceptionRow[] {
  return days.flatMap((d) =>
    d.exceptions.map((e) => ({
      employeeId: d.employeeId,
      employeeName: setup.employees.get(d.employeeId)?.name ?? '',
      date: d.date,
      start: new Date(e.start).toISOString(),
      end: new Date(e.end).toISOString(),
      durationSeconds: e.durationSeconds,
      scheduledActivityId: e.scheduledActivity,
      scheduledActivity: codeName(setup, e.scheduledActivity),
      actualActivityId: e.actualActivity,
      actualActivity: codeName(setup, e.actualActivity),
      eventCode: e.eventCode,
      reasonCode: e.reasonCode,
    })),
  );
}

/**
 * Activity rows (§3.5) of one paradigm: seconds per agent, interval and code.
 * @example const rows = activityRows(setup, days, 'TTI');
 */
export function activityRows(setup: TenantSetup, days: readonly AgentDayResult[], paradigm: ActivityParadigm): AdherenceActivityRow[] {
  return days.flatMap((d) =>
    d.activities
      .filter((a) => a.paradigm === paradigm)
      .map((a) => ({
        employeeId: d.employeeId,
        date: d.date,
        intervalStart: new Date(a.intervalStart).toISOString(),
        activityCodeId: a.activityCodeId,
        activity: codeName(setup, a.activityCodeId),
        seconds: seconds(a.ms),
      })),
  );
}

/**
 * An instant as SU-local ISO-8601 with offset, for the CSV files.
 * @example localIso(Date.parse('2026-03-02T09:00:00Z'), 'Europe/Paris') === '2026-03-02T10:00:00+01:00'
 */
export function localIso(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toISO({ suppressMilliseconds: true }) as string;
}

/**
 * The §3.7 CSV record of a report row: `null` becomes an empty cell, `intervalStart` SU-local.
 * @example csvReportRecord(row, 'UTC')[4] === '' // a day row
 */
export function csvReportRecord(row: AdherenceReportRow, zone: string): (string | number)[] {
  return REPORT_CSV_COLUMNS.map((c) => {
    if (c === 'intervalStart') return row.intervalStart === null ? '' : localIso(row.intervalStart, zone);
    const v = row[c];
    return v === null ? '' : v;
  });
}

/**
 * The CSV record of an exception row (instants SU-local with offset).
 * @example csvExceptionRecord(row, 'UTC')
 */
export function csvExceptionRecord(row: AdherenceExceptionRow, zone: string): (string | number)[] {
  return EXCEPTION_CSV_COLUMNS.map((c) => {
    if (c === 'start' || c === 'end') return localIso(row[c], zone);
    const v = row[c];
    return v === null ? '' : v;
  });
}
