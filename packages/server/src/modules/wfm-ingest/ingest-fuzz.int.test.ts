import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../test-support/test-app.js';

// Values near the schemas' edges, mixed with arbitrary JSON, so both valid and invalid bodies occur.
const timestamp = fc.oneof(
  fc.date({ min: new Date('1999-12-31T00:00:00Z'), max: new Date('2024-04-17T10:20:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2024-04-17T10:00:12.000Z', '2024-04-17T10:15:00+00:00', '2024-04-17', '2024-04-17T10:00:00+02:00', 'string', ''),
  fc.anything(),
);
const text = fc.oneof(fc.string({ maxLength: 10 }), fc.string({ minLength: 250, maxLength: 400 }), fc.constant(null), fc.anything());
const num = fc.oneof(fc.integer({ min: -5, max: 2_000_000_000 }), fc.double(), fc.constant(null), fc.constant('Unknown Type: double'));

const agentStates = fc.record({ agentStateList: fc.oneof(fc.array(fc.record({ loginId: text, acdId: text, eventCode: text, reasonCode: text, eventUtcTime: timestamp }), { maxLength: 5 }), fc.anything()) }, { requiredKeys: [] });
const activity = fc.record({
  acdType: text,
  startDate: timestamp,
  endDate: timestamp,
  reportData: fc.oneof(fc.array(fc.record({ agentValue: text, agentActivity: fc.array(fc.record({ state: text, startTime: timestamp, duration: num, reason: text }), { maxLength: 3 }) }), { maxLength: 3 }), fc.anything()),
}, { requiredKeys: [] });
const queue = fc.record({
  startDate: timestamp,
  endDate: timestamp,
  status: text,
  paradigm: fc.constantFrom('WCE', 'TTI', 'X', undefined),
  reportData: fc.oneof(fc.record({ queueReport: fc.array(fc.record({ queueValue: text, contactsReceived: num, svcLvlPct: num, handleTime: num, active: num }), { maxLength: 3 }), agentSystemPerformanceReport: fc.array(fc.record({ agentValue: text, loginTime: num }), { maxLength: 2 }) }, { requiredKeys: [] }), fc.anything()),
}, { requiredKeys: [] });
const heartbeat = fc.record({ connectorName: text, connectorVersion: text, sentAt: timestamp }, { requiredKeys: [] });

describe('fuzzing every ingestion route', () => {
  const clock = createManualClock('2024-04-17T10:20:00Z');
  let t: TestApp;
  let a: TestTenant;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WFM_RATE_LIMIT_PER_S: '100000', WFM_RATE_LIMIT_BURST: '100000', WFM_CONNECTOR_RATE_LIMIT_PER_S: '100000' } });
    a = await t.tenant();
  });
  afterAll(async () => t?.close());

  const routes: [string, fc.Arbitrary<unknown>][] = [
    ['/wfm/acd/v1/agent-states', agentStates],
    ['/wfm/acd/v1/reports/agent-activity', activity],
    ['/wfm/acd/v1/reports/queue', queue],
    ['/wfm/acd/v1/heartbeat', heartbeat],
  ];

  for (const [url, arb] of routes) {
    it(`answers ${url} with 2xx or 4xx only, and 4xx bodies name a path`, async () => {
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(fc.oneof(arb, fc.anything()), async (body) => {
          const res = await t.inject({ method: 'POST', url, payload: JSON.stringify(body) ?? 'null', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' } });
          seen.add(res.statusCode);
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const err = res.json();
            expect(err.status).toBe('FAILURE');
            expect(Array.isArray(err.errors)).toBe(true);
            expect(typeof err.errors[0].path).toBe('string');
          }
        }),
        { numRuns: 150 },
      );
      expect([...seen].some((s) => s >= 400)).toBe(true);
    });
  }
});
