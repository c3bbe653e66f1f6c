import { describe, expect, it } from 'vitest';
import { badValues, REMOVE, routeCases, setAt } from './fixtures/wfm-field-table.js';
import { bodyOf, SEED_NOW_MS } from './fixtures/wfm-context.js';
import { formatIssuePath } from './issues.js';

// Spec §6 check 3 at the contract level: for every field of every data schema, each kind of bad
// value gives 400 with that field's path first.

describe.each(routeCases)('$name', (route) => {
  it('lists every field of every object schema in the mutation table', () => {
    const listed = route.fields.map((f) => formatIssuePath(f.path));
    for (const [schema, prefix] of route.objects) {
      for (const key of Object.keys(schema.shape)) expect(listed, formatIssuePath([...prefix, key])).toContain(formatIssuePath([...prefix, key]));
    }
  });

  const cases = route.fields.flatMap((field) => badValues(field).map(([label, value]) => ({ field, label, value, path: formatIssuePath(field.path) })));

  it.each(cases)('$path: $label → 400 with the path first', ({ field, value, path }) => {
    const body = bodyOf(route.body);
    setAt(body, field.path, value);
    const result = route.validate(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.httpStatus).toBe(400);
    expect(result.statusReason).toBe('VALIDATION_FAILED');
    expect(result.errors[0]?.path).toBe(path);
    expect(result.errors[0]?.message).toMatch(/^(is required|must|duplicate)/);
  });

  const optional = route.fields.filter((f) => !f.required);
  it.each(optional.map((field) => ({ field, path: formatIssuePath(field.path) })))('$path: null is the same as absent', ({ field }) => {
    const withNull = bodyOf(route.body);
    setAt(withNull, field.path, null);
    const without = bodyOf(route.body);
    setAt(without, field.path, REMOVE);
    const a = route.validate(withNull);
    const b = route.validate(without);
    expect(a.ok).toBe(true);
    expect(a).toEqual(b);
  });
});

describe('messages of typical mutations', () => {
  const queue = routeCases.find((r) => r.name === 'queue report');
  it.each([
    [['reportData', 'queueReport', 1, 'svcLvlPct'], 100.5, 'must be between 0 and 100'],
    [['reportData', 'queueReport', 1, 'contactsReceived'], 1.5, 'must be an integer'],
    [['reportData', 'queueReport', 1, 'contactsReceived'], -1, 'must be between 0 and 1000000000'],
    [['reportData', 'queueReport', 1, 'handleTime'], 'x', 'must be a number'],
    [['reportData', 'queueReport', 1, 'isOutbound'], 'false', 'must be a boolean'],
    [['reportData', 'queueReport', 1, 'queueValue'], '', 'must be at least 1 character'],
    [['reportData', 'agentQueueReport', 0, 'agentValue'], 'x'.repeat(256), 'must be at most 255 characters'],
    [['paradigm'], 'BOTH', 'must be one of WCE, TTI'],
    [['reportData'], null, 'is required'],
    [['reportData', 'agentSystemPerformanceReport'], {}, 'must be an array'],
    [['reportData'], [], 'must be an object'],
  ] as const)('%j = %j → %s', (path, value, message) => {
    const body = bodyOf(queue?.body ?? '{}');
    setAt(body, path, value);
    const result = queue?.validate(body);
    expect(result?.ok === false && result.errors[0]).toEqual({ path: formatIssuePath(path), message });
  });
});

describe('context mutations (schema-valid, rule-breaking) also name the mutated field first', () => {
  const future = new Date(SEED_NOW_MS + 301_000).toISOString();
  const futureWindow = new Date(Math.ceil(SEED_NOW_MS / 900_000) * 900_000 + 900_000).toISOString();
  const cases: [string, [(string | number)[], unknown][], string, string][] = [
    ['agent states', [[['agentStateList', 0, 'eventUtcTime'], future]], 'agentStateList[0].eventUtcTime', 'must not be more than 300 seconds in the future'],
    ['agent activity report', [[['startDate'], '2024-01-15T16:52:00.000Z']], 'startDate', 'must be aligned to a 15-minute boundary (:00, :15, :30, :45 UTC)'],
    ['agent activity report', [[['endDate'], '2024-01-15T17:01:00.000Z']], 'endDate', 'must be exactly 15 minutes after startDate'],
    ['agent activity report', [[['startDate'], futureWindow]], 'startDate', 'must not be in the future'],
    ['agent activity report', [[['reportData', 0, 'agentActivity', 0, 'startTime'], future]], 'reportData[0].agentActivity[0].startTime', 'must not be more than 300 seconds in the future'],
    ['queue report', [[['startDate'], '2024-04-17T10:01:13.000Z'], [['endDate'], '2024-04-17T10:16:13.000Z']], 'startDate', 'must be aligned to a 15-minute boundary (:00, :15, :30, :45 UTC)'],
    ['queue report', [[['endDate'], '2024-04-17T10:15:00.000Z']], 'endDate', 'must be exactly 15 minutes after startDate'],
    ['queue report', [[['reportData', 'queueReport', 1, 'queueValue'], '8057']], 'reportData.queueReport[1].queueValue', 'duplicate queueValue "8057" (first at reportData.queueReport[0])'],
    [
      'queue report',
      [[['reportData', 'agentQueueReport', 1, 'queueValue'], '8056'], [['reportData', 'agentQueueReport', 1, 'agentValue'], '967385']],
      'reportData.agentQueueReport[1].agentValue',
      'duplicate queueValue "8056" and agentValue "967385" (first at reportData.agentQueueReport[0])',
    ],
    ['queue report', [[['reportData', 'agentSystemPerformanceReport', 1, 'agentValue'], '945987']], 'reportData.agentSystemPerformanceReport[1].agentValue', 'duplicate agentValue "945987" (first at reportData.agentSystemPerformanceReport[0])'],
    ['queue report', [[['reportData', 'agentSystemPerformanceReport', 1, 'loginTime'], 902]], 'reportData.agentSystemPerformanceReport[1].loginTime', 'must be at most 901 seconds (interval length + 1 s)'],
  ];

  it.each(cases)('%s: %j → %s', (name, changes, path, message) => {
    const route = routeCases.find((r) => r.name === name);
    if (!route) throw new Error(name);
    const body = bodyOf(route.body);
    for (const [at, value] of changes) setAt(body, at, value);
    const result = route.validate(body);
    expect(result.ok === false && [result.httpStatus, result.errors[0]]).toEqual([400, { path, message }]);
  });
});
