import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wfmErrorMap } from './issue-messages.js';
import { formatIssuePath, toFailureResponse, toValidationIssues, wfmFailureResponseSchema, wfmReportResponseSchema } from './issues.js';

/** Reads a wire path back into segments; only used to check formatIssuePath is unambiguous. */
function parsePath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? ''));
  return segments;
}

describe('formatIssuePath', () => {
  it.each([
    [[], ''],
    [['startDate'], 'startDate'],
    [['reportData', 'queueReport', 1, 'svcLvlPct'], 'reportData.queueReport[1].svcLvlPct'],
    [['agentStateList', 3, 'eventUtcTime'], 'agentStateList[3].eventUtcTime'],
    [[0], '[0]'],
    [['a', 0, 1, 'b'], 'a[0][1].b'],
  ])('formats %j as %j', (path, expected) => {
    expect(formatIssuePath(path)).toBe(expected);
  });

  it('is reversible for identifier keys and indices, and never starts with a dot', () => {
    const segment = fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/), fc.nat({ max: 100_000 }));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (path) => {
        const wire = formatIssuePath(path);
        expect(wire.startsWith('.')).toBe(false);
        expect(parsePath(wire)).toEqual(path);
      }),
    );
  });
});

describe('toValidationIssues', () => {
  const schema = z.object({
    name: z.string().min(1).max(255),
    kind: z.enum(['WCE', 'TTI']),
    count: z.number().int(),
    ratio: z.number(),
    on: z.boolean(),
    items: z.array(z.object({ id: z.string() })),
    nested: z.object({ x: z.string() }),
    custom: z.string().refine((s) => s === 'ok', { message: 'must be ok' }),
    short: z.string().min(3),
    few: z.array(z.string()).max(2),
  });
  const good = { name: 'n', kind: 'WCE', count: 1, ratio: 0.5, on: true, items: [{ id: 'a' }], nested: { x: 'x' }, custom: 'ok', short: 'abc', few: [] };

  const cases: [string, Record<string, unknown>, string, string][] = [
    ['missing', { name: undefined }, 'name', 'is required'],
    ['null', { name: null }, 'name', 'is required'],
    ['string', { name: 5 }, 'name', 'must be a string'],
    ['empty', { name: '' }, 'name', 'must be at least 1 character'],
    ['long', { name: 'x'.repeat(256) }, 'name', 'must be at most 255 characters'],
    ['enum', { kind: 'wce' }, 'kind', 'must be one of WCE, TTI'],
    ['integer', { count: 1.5 }, 'count', 'must be an integer'],
    ['number', { ratio: '0.5' }, 'ratio', 'must be a number'],
    ['boolean', { on: 'true' }, 'on', 'must be a boolean'],
    ['array', { items: {} }, 'items', 'must be an array'],
    ['object', { nested: 'x' }, 'nested', 'must be an object'],
    ['null item', { items: [null] }, 'items[0]', 'must be an object'],
    ['nested field', { items: [{ id: 1 }] }, 'items[0].id', 'must be a string'],
    ['custom', { custom: 'no' }, 'custom', 'must be ok'],
    ['min length', { short: 'ab' }, 'short', 'must be at least 3 characters'],
    ['max items', { few: ['a', 'b', 'c'] }, 'few', 'must contain at most 2 items'],
  ];

  it.each(cases)('words %s the same with and without the error map', (_name, change, path, message) => {
    const input = { ...good, ...change };
    for (const result of [schema.safeParse(input), schema.safeParse(input, { error: wfmErrorMap }), schema.safeParse(input, { reportInput: true })]) {
      expect(result.success).toBe(false);
      if (!result.success) expect(toValidationIssues(result.error)).toEqual([{ path, message }]);
    }
  });

  it('words a root that is not an object, and a discriminated union', () => {
    const root = schema.safeParse(null);
    expect(root.success || toValidationIssues(root.error)).toEqual([{ path: '', message: 'must be an object' }]);
    const union = z.discriminatedUnion('t', [z.object({ t: z.literal('a') }), z.object({ t: z.literal('b') })]).safeParse({ t: 'c' });
    expect(union.success || toValidationIssues(union.error)).toEqual([{ path: 't', message: 'must be one of a, b' }]);
    const plain = z.union([z.string(), z.number()]).safeParse(true);
    expect(plain.success || toValidationIssues(plain.error)).toEqual([{ path: '', message: 'does not match any accepted form' }]);
  });

  it('keeps zod order (schema field order), caps the list and drops exact repeats', () => {
    const result = schema.safeParse({});
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toValidationIssues(result.error).map((i) => i.path)).toEqual(Object.keys(schema.shape));
    expect(toValidationIssues(result.error, 3)).toHaveLength(3);
    const many = z.array(z.string()).safeParse(Array.from({ length: 150 }, () => 1));
    expect(many.success || toValidationIssues(many.error)).toHaveLength(100);
    const unsafe = z.number().int().max(10, { error: 'must be small' }).max(10, { error: 'must be small' }).safeParse(2 ** 60);
    expect(unsafe.success || toValidationIssues(unsafe.error).filter((i) => i.message === 'must be small')).toHaveLength(1);
  });
});

describe('failure body', () => {
  it('builds the §1.5 body, which both response schemas accept', () => {
    const body = toFailureResponse('VALIDATION_FAILED', [{ path: 'reportData.queueReport[1].svcLvlPct', message: 'must be between 0 and 100' }]);
    expect(body).toEqual({
      status: 'FAILURE',
      statusReason: 'VALIDATION_FAILED',
      errors: [{ path: 'reportData.queueReport[1].svcLvlPct', message: 'must be between 0 and 100' }],
    });
    expect(wfmFailureResponseSchema.parse(body)).toEqual(body);
    expect(wfmReportResponseSchema.parse(body)).toEqual(body);
    expect(wfmReportResponseSchema.parse({ status: 'SUCCESS', statusReason: '', errors: [] }).status).toBe('SUCCESS');
    expect(wfmFailureResponseSchema.safeParse({ status: 'SUCCESS', statusReason: '', errors: [] }).success).toBe(false);
    expect(toFailureResponse('HTTP_502')).toEqual({ status: 'FAILURE', statusReason: 'HTTP_502', errors: [] });
  });
});
