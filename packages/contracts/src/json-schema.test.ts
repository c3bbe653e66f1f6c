import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from './index.js';

// Route schemas feed the OpenAPI document through fastify-type-provider-zod, which calls
// z.toJSONSchema. Request bodies are rendered as input, responses as output; nothing may be
// unrepresentable on the side that is rendered.

const requests: [string, z.ZodType][] = [
  ['agentStateListSchema', contracts.agentStateListSchema],
  ['agentActivityReportSchema', contracts.agentActivityReportSchema],
  ['queueReportSchema', contracts.queueReportSchema],
  ['heartbeatRequestSchema', contracts.heartbeatRequestSchema],
  ['accessKeyTokenRequestSchema', contracts.accessKeyTokenRequestSchema],
  ['refreshTokenRequestSchema', contracts.refreshTokenRequestSchema],
  ['oauthTokenRequestSchema', contracts.oauthTokenRequestSchema],
  ['cxoneConfigurationQuerySchema', contracts.cxoneConfigurationQuerySchema],
  ['staffingRequestSchema', contracts.staffingRequestSchema],
];

const responses: [string, z.ZodType][] = [
  ['wfmReportResponseSchema', contracts.wfmReportResponseSchema],
  ['staffingResponseSchema', contracts.staffingResponseSchema],
  ['wfmFailureResponseSchema', contracts.wfmFailureResponseSchema],
  ['wfmDetailsResponseSchema', contracts.wfmDetailsResponseSchema],
  ['wfmConnectionResponseSchema', contracts.wfmConnectionResponseSchema],
  ['heartbeatResponseSchema', contracts.heartbeatResponseSchema],
  ['accessKeyTokenResponseSchema', contracts.accessKeyTokenResponseSchema],
  ['refreshTokenResponseSchema', contracts.refreshTokenResponseSchema],
  ['oauthTokenResponseSchema', contracts.oauthTokenResponseSchema],
  ['oauthErrorResponseSchema', contracts.oauthErrorResponseSchema],
  ['openIdConfigurationSchema', contracts.openIdConfigurationSchema],
  ['cxoneConfigurationSchema', contracts.cxoneConfigurationSchema],
];

type Json = { [key: string]: unknown };
const at = (schema: unknown, ...keys: string[]): Json => {
  let node = schema as Json;
  for (const key of keys) node = node[key] as Json;
  return node;
};

describe('JSON schema', () => {
  const targets = ['draft-2020-12', 'openapi-3.0'] as const;

  it.each(requests)('%s renders as input with nothing unrepresentable', (_name, schema) => {
    for (const target of targets) expect(() => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw', target })).not.toThrow();
  });

  it.each(responses)('%s renders as output with nothing unrepresentable', (_name, schema) => {
    for (const target of targets) expect(() => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw', target })).not.toThrow();
  });

  it('describes the queue report as sent: nullable optional fields, ranges, required window and keys', () => {
    const json = z.toJSONSchema(contracts.queueReportSchema, { io: 'input', unrepresentable: 'throw' });
    expect(at(json, 'required')).toEqual(['startDate', 'endDate', 'reportData']);
    expect(at(json, 'properties', 'startDate')).toMatchObject({ type: 'string', pattern: expect.any(String) });
    const row = at(json, 'properties', 'reportData', 'properties', 'queueReport', 'anyOf', '0', 'items');
    expect(at(row, 'required')).toEqual(['queueValue']);
    expect(at(row, 'properties', 'svcLvlPct', 'anyOf', '0')).toEqual({ type: 'number', minimum: 0, maximum: 100 });
    expect(at(row, 'properties', 'contactsReceived', 'anyOf', '0')).toEqual({ type: 'integer', minimum: 0, maximum: 1_000_000_000 });
    expect(at(row, 'properties', 'contactsReceived', 'anyOf', '1')).toEqual({ type: 'null' });
    // Unknown properties are accepted on input (spec §1.4).
    expect(at(row, 'additionalProperties')).toBeUndefined();
  });

  it('keeps the timestamp pattern in step with the schema', () => {
    const json = z.toJSONSchema(contracts.utcTimestampSchema, { io: 'input' });
    const pattern = new RegExp(String(at(json, 'pattern')));
    expect(pattern.test('2024-04-17T10:00:12.000Z')).toBe(true);
    expect(pattern.test('2024-04-17T10:00:12+02:00')).toBe(false);
  });
});

describe('response serialisation', () => {
  // fastify-type-provider-zod serialises replies with z.safeEncode, which refuses one-way transforms.
  it.each([
    [
      contracts.wfmDetailsResponseSchema,
      {
        acdType: 'Generic',
        tenantId: 't1',
        tenantName: 'acme',
        intervalMinutes: 15,
        paradigm: 'WCE',
        minimumStateSeconds: 3,
        heartbeatSeconds: 30,
        serverTime: '2024-04-17T10:00:00.000Z',
        limits: { maxStatesPerRequest: 5000, maxBodyBytes: 4_194_304, maxReportRows: 10_000 },
      },
    ],
    [
      contracts.wfmConnectionResponseSchema,
      {
        status: 'DISCONNECTED',
        reason: 'NO_HEARTBEAT',
        since: null,
        serverTime: '2024-04-17T10:00:00.000Z',
        heartbeatSeconds: 30,
        lastHeartbeatAt: null,
        lastAgentStateAt: null,
        lastQueueIntervalEnd: null,
        lastActivityIntervalEnd: null,
        connectors: [{ connectorName: 'c', connectorVersion: '', status: 'DISCONNECTED', reason: 'NO_HEARTBEAT', lastHeartbeatAt: null }],
      },
    ],
    [contracts.heartbeatResponseSchema, { status: 'CONNECTED', reason: null, serverTime: '2024-04-17T10:00:00.000Z', heartbeatSeconds: 30 }],
    [contracts.wfmFailureResponseSchema, { status: 'FAILURE', statusReason: 'VALIDATION_FAILED', errors: [{ path: '', message: 'must be an object' }] }],
    [contracts.refreshTokenResponseSchema, { token: 'a', tokenExpirationTimeSec: 3600, refreshToken: 'r', refreshTokenExpirationTimeSec: 7200, sessionId: null }],
  ] as [z.ZodType, unknown][])('%#: encodes a valid reply unchanged', (schema, reply) => {
    expect(z.safeEncode(schema, reply)).toEqual({ success: true, data: reply });
  });
});
