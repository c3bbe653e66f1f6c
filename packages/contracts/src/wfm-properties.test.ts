import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { routeCases, setAt } from './fixtures/wfm-field-table.js';
import { bodyOf } from './fixtures/wfm-context.js';
import { toValidationIssues } from './issues.js';
import { agentActivityReportSchema } from './wfm-activity-report.js';
import { agentStateListSchema } from './wfm-agent-states.js';
import { heartbeatRequestSchema } from './wfm-heartbeat.js';
import { queueReportSchema } from './wfm-queue-report.js';
import type { WfmValidationFailure } from './wfm-rules.js';

const schemas: Record<string, z.ZodType> = {
  'agent states': agentStateListSchema,
  'agent activity report': agentActivityReportSchema,
  'queue report': queueReportSchema,
  heartbeat: heartbeatRequestSchema,
};

function expectWellFormed(result: { ok: true } | WfmValidationFailure): void {
  if (result.ok) return;
  expect([400, 413]).toContain(result.httpStatus);
  expect(result.statusReason).toBe(result.httpStatus === 413 ? 'TOO_MANY_ITEMS' : 'VALIDATION_FAILED');
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(100);
  for (const e of result.errors) expect(typeof e.path === 'string' && typeof e.message === 'string').toBe(true);
}

/** Every path to a value inside a JSON document, the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

describe.each(routeCases)('$name properties', (route) => {
  const paths = pathsOf(bodyOf(route.body));
  const mutatedBodies = fc
    .array(fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 4 })
    .map((changes) => {
      const body = bodyOf(route.body);
      for (const [path, value] of changes) {
        try {
          setAt(body, path, value);
        } catch {
          // An earlier change replaced this path's parent with a scalar: skip it.
        }
      }
      return body;
    });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        expectWellFormed(route.validate(raw));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on near-valid bodies', () => {
    fc.assert(
      fc.property(mutatedBodies, (raw) => {
        expectWellFormed(route.validate(raw));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the errors a plain safeParse + toValidationIssues gives (server and SDK agree)', () => {
    const schema = schemas[route.name];
    if (!schema) throw new Error(`no schema for ${route.name}`);
    fc.assert(
      fc.property(mutatedBodies, (raw) => {
        const plain = schema.safeParse(raw);
        const result = route.validate(raw);
        if (!plain.success && !result.ok && result.httpStatus === 400) expect(result.errors).toEqual(toValidationIssues(plain.error));
      }),
      { numRuns: 300 },
    );
  });
});
