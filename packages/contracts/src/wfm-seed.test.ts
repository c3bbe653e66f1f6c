import { describe, expect, it } from 'vitest';
import { accessKeyTokenRequestSchema, accessKeyTokenResponseSchema, normalizeAccessKeyTokenRequest, refreshTokenRequestSchema, refreshTokenResponseSchema } from './auth.js';
import { bodyOf, seedCtx } from './fixtures/wfm-context.js';
import * as seed from './fixtures/seed-000.js';
import { validateAgentActivityReport, validateAgentStates, validateQueueReport } from './wfm-rules.js';

// Spec §6 checks 1 and 2 at the contract level: the seed's example values pass, its type-schema
// blocks (vendor placeholders) fail on the documented paths.

describe('seed 000 example values', () => {
  it('agent state list validates as sent', () => {
    const result = validateAgentStates(JSON.parse(seed.seedAgentStateListExample), seedCtx);
    expect(result).toEqual({
      ok: true,
      flags: [],
      value: {
        agentStateList: [{ loginId: 'aa4rszz@mmm.com', acdId: 'Tenant_Name', eventCode: 'CallContact', reasonCode: '', eventUtcTime: '2023-10-01T07:59:09.860Z' }],
      },
    });
  });

  it('agent activity report validates; its activity ends outside the window, so it is flagged, not rejected', () => {
    const result = validateAgentActivityReport(JSON.parse(seed.seedAgentActivityReportExample), seedCtx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.window).toEqual({ windowStart: new Date('2024-01-15T16:45:00.000Z'), windowEnd: new Date('2024-01-15T17:00:00.000Z') });
    expect(result.flags).toEqual([{ code: 'outsideWindow', path: 'reportData[0].agentActivity[0]' }]);
    expect(result.value).toEqual(JSON.parse(seed.seedAgentActivityReportExample));
  });

  it('queue report validates and its 10:00:12–10:15:12 window is normalised to 10:00–10:15', () => {
    const result = validateQueueReport(JSON.parse(seed.seedQueueReportExample), seedCtx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.window).toEqual({ windowStart: new Date('2024-04-17T10:00:00.000Z'), windowEnd: new Date('2024-04-17T10:15:00.000Z') });
    expect(result.flags).toEqual([]);
    expect(result.effectiveStatus).toBe('SUCCESS');
    expect(result.paradigm).toBe('WCE');
    // Every sent field survives with its value (the raw timestamps included); only the defaulted paradigm is added.
    expect(result.value).toEqual({ ...JSON.parse(seed.seedQueueReportExample), paradigm: 'WCE' });
    expect(result.value.reportData.queueReport[1]?.handledLong).toBe(10);
  });

  it('access-key request (wrapped) parses and normalises', () => {
    const parsed = accessKeyTokenRequestSchema.parse(JSON.parse(seed.seedAccessKeyTokenRequestExample));
    expect(normalizeAccessKeyTokenRequest(parsed)).toEqual({ accessKeyId: 'ICIK6JQHUUZANCQ====', accessKeySecret: '3MMUKO7PCQ====' });
    expect(normalizeAccessKeyTokenRequest(accessKeyTokenRequestSchema.parse(JSON.parse(seed.seedAccessKeyTokenRequestTypeSchema)))).toEqual({
      accessKeyId: 'string',
      accessKeySecret: 'string',
      tenantName: 'string',
    });
  });

  it('refresh request parses, placeholder token included', () => {
    expect(refreshTokenRequestSchema.parse(JSON.parse(seed.seedRefreshTokenRequestExample))).toEqual({
      token: 'use refresh token value from previous token request',
      updateCookie: true,
      toggleEnabled: false,
    });
    expect(refreshTokenRequestSchema.safeParse(JSON.parse(seed.seedRefreshTokenRequestTypeSchema)).success).toBe(true);
  });

  it('documented responses match the response schemas key for key', () => {
    expect(accessKeyTokenResponseSchema.parse(JSON.parse(seed.seedAccessKeyTokenResponseExample))).toEqual(JSON.parse(seed.seedAccessKeyTokenResponseExample));
    expect(Object.keys(accessKeyTokenResponseSchema.shape)).toEqual(Object.keys(bodyOf(seed.seedAccessKeyTokenResponseExample)));
    expect(refreshTokenResponseSchema.parse(JSON.parse(seed.seedRefreshTokenResponseExample))).toEqual(JSON.parse(seed.seedRefreshTokenResponseExample));
    expect(Object.keys(refreshTokenResponseSchema.shape)).toEqual(Object.keys(bodyOf(seed.seedRefreshTokenResponseExample)));
  });
});

describe('seed 000 type-schema blocks', () => {
  it('queue report fails on startDate and on the "Unknown Type: double" fields', () => {
    const result = validateQueueReport(JSON.parse(seed.seedQueueReportTypeSchema), seedCtx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.httpStatus).toBe(400);
    expect(result.statusReason).toBe('VALIDATION_FAILED');
    const paths = result.errors.map((e) => e.path);
    expect(paths[0]).toBe('startDate');
    expect(paths).toContain('reportData.queueReport[0].rightPartyHandleTime');
    expect(result.errors).toContainEqual({ path: 'reportData.queueReport[0].svcLvlPct', message: 'must be a number' });
    expect(result.errors).toContainEqual({ path: 'endDate', message: 'must be an ISO-8601 UTC timestamp' });
  });

  it('activity report fails on startDate, endDate and startTime', () => {
    const result = validateAgentActivityReport(JSON.parse(seed.seedAgentActivityReportTypeSchema), seedCtx);
    expect(result.ok || result.errors.map((e) => e.path)).toEqual(['startDate', 'endDate', 'reportData[0].agentActivity[0].startTime']);
  });

  it('agent state list fails on eventUtcTime', () => {
    const result = validateAgentStates(JSON.parse(seed.seedAgentStateListTypeSchema), seedCtx);
    expect(result.ok || result.errors).toEqual([{ path: 'agentStateList[0].eventUtcTime', message: 'must be an ISO-8601 UTC timestamp' }]);
  });
});
