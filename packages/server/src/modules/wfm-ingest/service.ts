import { gzipSync } from 'node:zlib';
import {
  createWfmRuleContext,
  validateAgentActivityReport,
  validateAgentStates,
  validateHeartbeat,
  validateQueueReport,
  type WfmDetailsResponse,
  type WfmLimits,
  type WfmValidationFailure,
  type WfmRuleContext,
} from '@floorplan/contracts';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Platform } from '../../platform/create-platform.js';
import type { Queryable } from '../../platform/db/db.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuthContext } from '../../platform/http/auth-context.js';
import { storeAgentStates } from './agent-state-store.js';
import { createConnectionTracker } from './connections.js';
import { ingestEvents, publishAll, type AgentStateEvent, type UnmappedEvent } from './events.js';
import { startHousekeeping } from './housekeeping.js';
import { createIngestReads } from './reads.js';
import { agentQueueSection, queueSection, systemSection } from './report-columns.js';
import { storeActivityReport, upsertSection } from './report-store.js';
import { claimReportWindow, type WindowClaim } from './report-windows.js';
import { createSettingsCache } from './settings.js';
import { fromMicros } from './state-order.js';
import { createUnmappedTracker } from './unmapped-tracker.js';
import { isFlagged, seenKeys, type UnmappedKey } from './unmapped.js';

export interface IngestOptions {
  platform: Platform;
  config: Config;
  metrics: Registry;
  /** How often the connection evaluator runs (ms); 0 disables it (tests drive it by hand). */
  evaluateEveryMs?: number;
}

/** Counts a request stored: what the diagnostics headers report. */
export interface IngestReceipt {
  accepted: number;
  duplicates: number;
  flagged: number;
}


/** The accepted result, or the AppError the wire shows for a refused body (400 or 413). */
function acceptedOrThrow<T extends { ok: true }>(r: T | WfmValidationFailure): T {
  if (r.ok) return r;
  const first = r.errors[0];
  throw new AppError(r.statusReason, first ? `${first.path}: ${first.message}` : 'invalid body', r.errors);
}

/** The ACD-facing ingestion: validation with the shared rules, one transaction per request, events after commit. */
export async function createIngestService(o: IngestOptions) {
  const { db, bus, clock } = o.platform;
  const settings = createSettingsCache(db);
  const unmapped = createUnmappedTracker({ db });
  const logError = (e: unknown) => console.error('wfm-ingest: bus publish failed', e);
  const limits: WfmLimits = {
    maxStatesPerRequest: o.config.WFM_MAX_STATES_PER_REQUEST,
    maxReportRows: o.config.WFM_MAX_REPORT_ROWS,
    maxActivityAgents: 5000,
    maxActivities: 50_000,
    maxActivitiesPerAgent: 2000,
  };
  const tracker = createConnectionTracker({
    db,
    settings,
    graceS: o.config.WFM_REPORT_GRACE_S,
    publish: (tenantId, events) => publishAll(bus, tenantId, ingestEvents.connectionChanged, events, logError),
  });
  const accepted = new Counter({ name: 'wfm_agent_states_accepted_total', help: 'Agent states stored', registers: [o.metrics] });
  const duplicates = new Counter({ name: 'wfm_agent_state_duplicates_total', help: 'Agent states recognised as already stored', registers: [o.metrics] });
  const reports = new Counter({ name: 'wfm_reports_stored_total', help: 'Reports stored by kind', labelNames: ['kind'], registers: [o.metrics] });

  async function ruleContext(tenantId: string): Promise<WfmRuleContext & { paradigm: 'WCE' | 'TTI'; acdType: string }> {
    const s = await settings.get(tenantId);
    return {
      ...createWfmRuleContext({
        nowMs: clock.now().getTime(),
        intervalMinutes: s.intervalMinutes,
        clockSkewS: o.config.WFM_CLOCK_SKEW_S,
        windowSkewS: o.config.WFM_WINDOW_SKEW_S,
      }),
      acdType: s.acdType,
      paradigm: s.paradigm,
    };
  }

  /** `wfm.acd.unmapped` for keys seen for the first time, each with its source. */
  const publishUnmapped = (tenantId: string, keys: readonly UnmappedKey[]) =>
    publishAll(bus, tenantId, ingestEvents.unmapped, keys.map((u): UnmappedEvent => ({ tenantId, ...u })), logError);

  async function archive(tx: Queryable, tenantId: string, kind: string, windowStart: Date, raw: unknown, at: Date) {
    await tx.query('INSERT INTO acd_raw_payload (tenant_id, kind, window_start, received_at, body_gzip) VALUES ($1, $2, $3, $4, $5)', [
      tenantId,
      kind,
      windowStart,
      at,
      gzipSync(JSON.stringify(raw)),
    ]);
  }

  /**
   * One report request: in one transaction the window is claimed (overlap and paradigm checks), the
   * rows stored and the body archived; after commit the connection is re-evaluated and events go out.
   */
  async function storeReport(
    auth: AuthContext,
    claim: WindowClaim,
    raw: unknown,
    flagCount: number,
    storeRows: (tx: Queryable) => Promise<{ rows: number; firstSeen: UnmappedKey[] }>,
  ): Promise<IngestReceipt> {
    const now = clock.now();
    const stored = await db.transaction(async (tx) => {
      await claimReportWindow(tx, auth.tenantId, claim, now);
      const result = await storeRows(tx);
      await archive(tx, auth.tenantId, claim.kind, claim.window.windowStart, raw, now);
      return result;
    });
    await tracker.touch(auth.tenantId, auth.sessionId, now);
    await tracker.evaluate(auth.tenantId, now);
    reports.inc({ kind: claim.kind });
    const windowStart = claim.window.windowStart.toISOString();
    await publishAll(bus, auth.tenantId, ingestEvents.reportStored, [{ tenantId: auth.tenantId, kind: claim.kind, windowStart, rows: stored.rows }], logError);
    await publishUnmapped(auth.tenantId, stored.firstSeen);
    return { accepted: stored.rows, duplicates: 0, flagged: flagCount };
  }

  const housekeeping = startHousekeeping({ db, clock, tracker, unmapped, everyMs: o.evaluateEveryMs ?? 10_000 });

  const reads = createIngestReads(db);

  return {
    settings,
    reads,

    async details(auth: AuthContext, tenantName: string): Promise<WfmDetailsResponse> {
      const s = await settings.get(auth.tenantId);
      return {
        acdType: s.acdType,
        tenantId: auth.tenantId,
        tenantName,
        intervalMinutes: s.intervalMinutes,
        paradigm: s.paradigm,
        minimumStateSeconds: s.minimumStateSeconds,
        heartbeatSeconds: s.heartbeatSeconds,
        serverTime: clock.now().toISOString(),
        limits: { maxStatesPerRequest: limits.maxStatesPerRequest, maxBodyBytes: o.config.WFM_MAX_BODY_BYTES, maxReportRows: limits.maxReportRows },
      };
    },

    async agentStates(auth: AuthContext, raw: unknown, receivedAtMs: number): Promise<IngestReceipt> {
      const result = acceptedOrThrow(validateAgentStates(raw, await ruleContext(auth.tenantId), limits));
      const now = clock.now();
      const states = result.value.agentStateList;
      await tracker.touch(auth.tenantId, auth.sessionId, now);
      if (states.length === 0) return { accepted: 0, duplicates: 0, flagged: 0 };
      const outcome = await db.transaction((tx) => storeAgentStates(tx, auth.tenantId, states, now, unmapped));
      accepted.inc(outcome.accepted);
      duplicates.inc(outcome.duplicates);
      const toEvent = (s: (typeof outcome.forward)[number]): AgentStateEvent => ({
        tenantId: auth.tenantId,
        loginId: s.loginId,
        acdId: s.acdId,
        eventCode: s.eventCode,
        reasonCode: s.reasonCode,
        eventUtcTime: fromMicros(s.eventMicros),
        acceptedAt: now.toISOString(),
        receivedAtMs,
      });
      await publishAll(bus, auth.tenantId, ingestEvents.agentState, outcome.forward.map(toEvent), logError);
      await publishAll(bus, auth.tenantId, ingestEvents.agentStateLate, outcome.late.map(toEvent), logError);
      await publishUnmapped(auth.tenantId, outcome.firstSeenUnmapped);
      return { accepted: outcome.accepted, duplicates: outcome.duplicates, flagged: outcome.flagged };
    },

    async queueReport(auth: AuthContext, raw: unknown): Promise<IngestReceipt> {
      const ctx = await ruleContext(auth.tenantId);
      const result = acceptedOrThrow(validateQueueReport(raw, ctx, limits));
      if (result.paradigm !== ctx.paradigm) {
        throw new AppError('PARADIGM_CONFLICT', `the tenant reports under ${ctx.paradigm}`, [
          { path: 'paradigm', message: `must be ${ctx.paradigm}, the tenant's paradigm` },
        ]);
      }
      const { value: report, window } = result;
      const data = report.reportData;
      const claim: WindowClaim = {
        kind: 'queue',
        window,
        intervalMinutes: ctx.intervalMinutes,
        paradigm: result.paradigm,
        status: report.status,
        statusReason: report.statusReason,
        acdType: report.acdType ?? ctx.acdType,
        reportVersion: report.reportVersion,
        flags: result.flags.map((f) => `${f.code}:${f.path}`),
      };
      return storeReport(auth, claim, raw, result.flags.length, async (tx) => {
        const now = clock.now();
        const rows =
          (await upsertSection(tx, queueSection, auth.tenantId, window, result.paradigm, data.queueReport, now)) +
          (await upsertSection(tx, agentQueueSection, auth.tenantId, window, result.paradigm, data.agentQueueReport, now)) +
          (await upsertSection(tx, systemSection, auth.tenantId, window, result.paradigm, data.agentSystemPerformanceReport, now));
        const keys = seenKeys('agent');
        for (const r of [...data.agentQueueReport, ...data.agentSystemPerformanceReport]) keys.addAgent(claim.acdType, r.agentValue);
        const seen = keys.seen.agents.size > 0 ? await unmapped.observe(tx, auth.tenantId, keys.seen, now) : null;
        return { rows, firstSeen: seen?.firstSeen ?? [] };
      });
    },

    async activityReport(auth: AuthContext, raw: unknown): Promise<IngestReceipt> {
      const ctx = await ruleContext(auth.tenantId);
      const result = acceptedOrThrow(validateAgentActivityReport(raw, ctx, limits));
      const { value: report, window } = result;
      const flagsByPath = new Map<string, string[]>();
      for (const f of result.flags) {
        const m = /^reportData\[\d+\]\.agentActivity\[\d+\]/.exec(f.path);
        if (m) flagsByPath.set(m[0], [...(flagsByPath.get(m[0]) ?? []), f.code]);
      }
      const claim: WindowClaim = {
        kind: 'activity',
        window,
        intervalMinutes: ctx.intervalMinutes,
        paradigm: ctx.paradigm,
        status: 'SUCCESS',
        statusReason: '',
        acdType: report.acdType ?? ctx.acdType,
        reportVersion: report.reportVersion,
        flags: result.flags.map((f) => `${f.code}:${f.path}`),
      };
      return storeReport(auth, claim, raw, result.flags.length, async (tx) => {
        const now = clock.now();
        const keys = seenKeys('agent');
        for (const entry of report.reportData) {
          keys.addAgent(claim.acdType, entry.agentValue, entry.agentActivity.length);
          for (const a of entry.agentActivity) keys.addEvent(claim.acdType, entry.agentValue, a.state, a.reason);
        }
        const seen = keys.seen.agents.size > 0 ? await unmapped.observe(tx, auth.tenantId, keys.seen, now) : null;
        const rows = await storeActivityReport(tx, auth.tenantId, window, ctx.intervalMinutes, report, flagsByPath,
          (agent, state, reason) => (seen ? isFlagged(seen.flagged, claim.acdType, agent, state, reason) : false), now);
        return { rows, firstSeen: seen?.firstSeen ?? [] };
      });
    },

    async heartbeat(auth: AuthContext, raw: unknown) {
      const ctx = await ruleContext(auth.tenantId);
      const result = acceptedOrThrow(validateHeartbeat(raw, ctx));
      const now = clock.now();
      const verdict = await tracker.heartbeat(auth.tenantId, auth.sessionId, result.value, now);
      const s = await settings.get(auth.tenantId);
      return { status: verdict.status, reason: verdict.reason, serverTime: now.toISOString(), heartbeatSeconds: s.heartbeatSeconds };
    },

    connection: (auth: AuthContext) => tracker.status(auth.tenantId, clock.now()),
    listConnections: (tenantId: string) => tracker.list(tenantId),
    /** Runs the periodic work now (connection evaluation, retention): tests with a manual clock call it. */
    housekeeping: () => housekeeping.run(),

    /** The WFM setup changed a login or event mapping: unmapped verdicts of the tenant are stale. */
    mappingChanged: (tenantId: string) => unmapped.mappingChanged(tenantId),
    /** Writes buffered unmapped-key counts now (tests, shutdown). */
    flushUnmapped: () => unmapped.flush(),

    async close(): Promise<void> {
      await housekeeping.stop();
    },
  };
}

export type IngestService = Awaited<ReturnType<typeof createIngestService>>;
