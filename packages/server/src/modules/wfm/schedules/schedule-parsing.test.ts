import { describe, expect, it } from 'vitest';
import { createActivityCatalog } from '../adherence/model.js';
import type { ActivityCodeSetup, EmployeeSetup, TenantSetup } from '../setup/tenant-setup.js';
import { datesBetween, localDateOf, parseScheduleTime } from './local-time.js';
import { isOutsideOperatingHours } from './operating-hours.js';
import { jsonScheduleRows, parseScheduleCsv } from './schedule-rows.js';
import { validateSchedule } from './validate-schedule.js';

const ms = (iso: string) => Date.parse(iso);

describe('parseScheduleTime', () => {
  it('takes ISO-8601 with any offset', () => {
    expect(parseScheduleTime('2026-03-02T09:00:00+01:00', 'UTC')).toEqual({ ok: true, ms: ms('2026-03-02T08:00:00Z') });
    expect(parseScheduleTime('2026-03-02T09:00Z', 'Europe/Paris')).toEqual({ ok: true, ms: ms('2026-03-02T09:00:00Z') });
  });

  it('reads YYYY-MM-DD HH:mm in the zone, summer and winter', () => {
    expect(parseScheduleTime('2026-03-02 09:00', 'Europe/Paris')).toEqual({ ok: true, ms: ms('2026-03-02T08:00:00Z') });
    expect(parseScheduleTime('2026-07-02 09:00', 'Europe/Paris')).toEqual({ ok: true, ms: ms('2026-07-02T07:00:00Z') });
    expect(parseScheduleTime('2026-07-02 09:00', 'America/New_York')).toEqual({ ok: true, ms: ms('2026-07-02T13:00:00Z') });
  });

  it('gives a repeated local time the earlier instant and refuses a skipped one', () => {
    expect(parseScheduleTime('2026-10-25 02:30', 'Europe/Paris')).toEqual({ ok: true, ms: ms('2026-10-25T00:30:00Z') });
    expect(parseScheduleTime('2026-11-01 01:30', 'America/New_York')).toEqual({ ok: true, ms: ms('2026-11-01T05:30:00Z') });
    expect(parseScheduleTime('2026-03-29 02:30', 'Europe/Paris')).toEqual({ ok: false, message: '"2026-03-29 02:30" does not exist in Europe/Paris (clocks skip it)' });
    expect(parseScheduleTime('2026-03-29 03:00', 'Europe/Paris')).toEqual({ ok: true, ms: ms('2026-03-29T01:00:00Z') });
  });

  it('refuses malformed and impossible values and times without an offset in ISO form with seconds', () => {
    expect(parseScheduleTime('2026-02-30 09:00', 'UTC').ok).toBe(false);
    expect(parseScheduleTime('2026-03-02 24:00', 'UTC').ok).toBe(false);
    expect(parseScheduleTime('2026-03-02T09:00:00', 'UTC')).toEqual({ ok: false, message: '"2026-03-02T09:00:00" must be ISO-8601 with an offset or YYYY-MM-DD HH:mm' });
    expect(parseScheduleTime('tomorrow', 'UTC').ok).toBe(false);
  });

  it('dates instants locally and lists dates inclusively', () => {
    expect(localDateOf(ms('2026-03-02T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-03');
    expect(datesBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});

describe('parseScheduleCsv', () => {
  it('numbers rows by physical line, header = line 1, blank lines counted', () => {
    const { rows, errors } = parseScheduleCsv('\uFEFFemployee,activityCode,start,end\r\na,Open,s1,e1\r\n\r\n"b, c",Break,s2,e2\r\nd,Open,s3\r\n');
    expect(rows).toEqual([
      { path: 'line 2', employee: 'a', activityCode: 'Open', start: 's1', end: 'e1' },
      { path: 'line 4', employee: 'b, c', activityCode: 'Break', start: 's2', end: 'e2' },
    ]);
    expect(errors).toEqual([{ path: 'line 5', message: 'has 3 fields, expected 4 (employee,activityCode,start,end)' }]);
  });

  it('refuses a wrong or missing header', () => {
    expect(parseScheduleCsv('agent,code,start,end\n').errors).toEqual([{ path: 'line 1', message: 'the header must be employee,activityCode,start,end' }]);
    expect(parseScheduleCsv('').errors).toEqual([{ path: 'line 1', message: 'the header employee,activityCode,start,end is missing' }]);
  });

  it('paths JSON rows by index', () => {
    expect(jsonScheduleRows([{ employeeId: 'e', activityCodeId: 'c', start: 's', end: 'x' }])).toEqual([{ path: 'segments[0]', employee: 'e', activityCode: 'c', start: 's', end: 'x' }]);
  });
});

describe('isOutsideOperatingHours', () => {
  // 2026-03-02 is a Monday.
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '18:00' }));
  it('accepts inside, warns outside, never for all-day', () => {
    expect(isOutsideOperatingHours(ms('2026-03-02T07:00:00Z'), ms('2026-03-02T17:00:00Z'), weekdays, 'Europe/Paris')).toBe(false);
    expect(isOutsideOperatingHours(ms('2026-03-02T16:00:00Z'), ms('2026-03-02T17:30:00Z'), weekdays, 'Europe/Paris')).toBe(true);
    expect(isOutsideOperatingHours(ms('2026-03-07T09:00:00Z'), ms('2026-03-07T10:00:00Z'), weekdays, 'Europe/Paris')).toBe(true);
    expect(isOutsideOperatingHours(ms('2026-03-07T09:00:00Z'), ms('2026-03-07T10:00:00Z'), { allDay: true }, 'Europe/Paris')).toBe(false);
  });

  it('handles windows past midnight and 24:00', () => {
    const night = [{ weekday: 1, open: '22:00', close: '06:00' }];
    expect(isOutsideOperatingHours(ms('2026-03-02T22:00:00Z'), ms('2026-03-03T06:00:00Z'), night, 'UTC')).toBe(false);
    expect(isOutsideOperatingHours(ms('2026-03-03T05:00:00Z'), ms('2026-03-03T07:00:00Z'), night, 'UTC')).toBe(true);
    const joined = [
      { weekday: 1, open: '12:00', close: '24:00' },
      { weekday: 2, open: '00:00', close: '02:00' },
    ];
    expect(isOutsideOperatingHours(ms('2026-03-02T23:00:00Z'), ms('2026-03-03T01:00:00Z'), joined, 'UTC')).toBe(false);
  });
});

function code(id: string, priority: number, extra: Partial<ActivityCodeSetup> = {}): ActivityCodeSetup {
  return { id, name: id[0]?.toUpperCase() + id.slice(1), open: true, displayAs: 'OPEN', priority, paid: true, payrollCode: '', color: '#808080', schedulable: true, builtin: null, archived: false, ...extra };
}
function employee(id: string, extra: Partial<EmployeeSetup> = {}): EmployeeSetup {
  return { id, name: id, email: `${id}@x.test`, schedulingUnitId: 'su', canBeScheduled: true, active: true, archived: false, logins: [], skillIds: [], ...extra };
}
const codes = [code('open', 5), code('admin', 5), code('break', 2), code('login', 10, { builtin: 'LOGIN', name: 'Login' }), code('old', 5, { archived: true }), code('nope', 5, { schedulable: false })];
const setup: TenantSetup = {
  tenantId: 't',
  intervalMs: 900_000,
  adherenceSource: 'REPORTS_THEN_STATES',
  reforecastPhi: 0.95,
  codes: createActivityCatalog(codes),
  codeSetups: new Map(codes.map((c) => [c.id, c])),
  mappings: [],
  rules: [],
  schedulingUnits: new Map([['su', { id: 'su', name: 'Paris', timeZone: 'Europe/Paris', firstDayOfWeek: 1, thresholds: { alarmThresholdSeconds: 300, exceptionThresholdSeconds: 0 }, isDefault: true, archived: false }]]),
  employees: new Map([employee('ann'), employee('bob'), employee('gone', { archived: true }), employee('cy', { canBeScheduled: false })].map((e) => [e.id, e])),
  skills: new Map(),
};
const coverage = { employeeIds: ['ann', 'bob', 'cy'], fromDate: '2026-03-02', toDate: '2026-03-03' };
const row = (path: string, employee: string, activityCode: string, start: string, end: string) => ({ path, employee, activityCode, start, end });

describe('validateSchedule', () => {
  it('resolves emails and names, and dates a night shift with its break by the shift start', () => {
    const r = validateSchedule(
      setup,
      [row('line 2', 'ANN@x.test', 'OPEN', '2026-03-02 22:00', '2026-03-03 06:00'), row('line 3', 'ann', 'break', '2026-03-03 01:00', '2026-03-03 01:30')],
      coverage,
      new Map(),
    );
    expect(r.errors).toEqual([]);
    expect(r.segments).toEqual([
      { employeeId: 'ann', activityCodeId: 'open', start: ms('2026-03-02T21:00:00Z'), end: ms('2026-03-03T05:00:00Z'), date: '2026-03-02' },
      { employeeId: 'ann', activityCodeId: 'break', start: ms('2026-03-03T00:00:00Z'), end: ms('2026-03-03T00:30:00Z'), date: '2026-03-02' },
    ]);
  });

  it('rejects equal-priority overlaps naming both rows, allows touching ones and lower priority overlays', () => {
    const r = validateSchedule(
      setup,
      [
        row('line 2', 'ann', 'open', '2026-03-02 09:00', '2026-03-02 12:00'),
        row('line 3', 'ann', 'admin', '2026-03-02 12:00', '2026-03-02 13:00'),
        row('line 4', 'ann', 'admin', '2026-03-02 11:59', '2026-03-02 12:30'),
        row('line 5', 'ann', 'break', '2026-03-02 10:00', '2026-03-02 10:15'),
        row('line 6', 'bob', 'open', '2026-03-02 11:00', '2026-03-02 12:00'),
      ],
      coverage,
      new Map(),
    );
    expect(r.errors).toEqual([
      { path: 'line 3', message: 'overlaps line 4 with the same priority (5)' },
      { path: 'line 4', message: 'overlaps line 2 with the same priority (5)' },
    ]);
    expect(r.segments).toEqual([]);
  });

  it('refuses archived, unschedulable and built-in entities and employees outside the coverage', () => {
    const r = validateSchedule(
      setup,
      [
        row('segments[0]', 'gone', 'open', '2026-03-02 09:00', '2026-03-02 10:00'),
        row('segments[1]', 'ann', 'old', '2026-03-02 09:00', '2026-03-02 10:00'),
        row('segments[2]', 'ann', 'nope', '2026-03-02 10:00', '2026-03-02 11:00'),
        row('segments[3]', 'ann', 'Login', '2026-03-02 11:00', '2026-03-02 12:00'),
        row('segments[4]', 'bob', 'open', '2026-03-01 09:00', '2026-03-01 10:00'),
      ],
      { ...coverage, employeeIds: ['ann'] },
      new Map(),
    );
    expect(r.errors).toEqual([
      { path: 'segments[0]', message: 'employee "gone" is archived' },
      { path: 'segments[1]', message: 'activity code "Old" is archived' },
      { path: 'segments[2]', message: 'activity code "Nope" is not schedulable' },
      { path: 'segments[3]', message: 'activity code "Login" is built in and cannot be scheduled' },
      { path: 'segments[4]', message: 'employee "bob" is not in the coverage' },
    ]);
  });

  it('warns outside operating hours without blocking', () => {
    const r = validateSchedule(setup, [row('line 2', 'ann', 'open', '2026-03-02 07:00', '2026-03-02 09:00')], coverage, new Map([['su', [{ weekday: 1, open: '08:00', close: '18:00' }]]]));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([{ path: 'line 2', message: 'outside the operating hours of the scheduling unit' }]);
    expect(r.segments).toHaveLength(1);
  });
});
