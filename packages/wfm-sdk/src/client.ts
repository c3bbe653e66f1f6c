import type {
  AgentActivityReportDTO,
  AgentStateDTO,
  AgentStateListDTO,
  ReportDTO,
  WfmConnectionResponse,
  WfmDetailsResponse,
} from '@floorplan/contracts';
import { defaultWfmLimits } from '@floorplan/contracts';
import { createApi } from './api.js';
import { Delivery, type DeliveryOutcome } from './delivery.js';
import { Emitter } from './emitter.js';
import { CXoneWfmException, localError } from './errors.js';
import { startHeartbeat, type ConnectionState } from './heartbeat.js';
import { checkActivityReport, checkAgentStates, checkQueueReport, ruleContext } from './local-validation.js';
import { silentLogger, stderrLogger, type WfmLogger } from './logger.js';
import { getWithRetries } from './get-with-retries.js';
import { holdOpen } from './hold-open.js';
import { maskedOptions, parseOptions, type WfmOptions } from './options.js';
import { openFileOutbox } from './outbox/file-outbox.js';
import { createMemoryOutbox } from './outbox/memory-outbox.js';
import { OutboxFullError, type Outbox, type OutboxRecord, type RecordKind } from './outbox/outbox.js';
import { splitActivityReport, splitQueueReport } from './report-split.js';
import { TokenManager } from './token-manager.js';
import { createTransport } from './transport.js';

/** What every send resolves with once its data is durable (not yet delivered). */
export interface Receipt {
  /** Seq of the last outbox record holding this send's data. */
  seq: number;
  items: number;
  /** Settles when every record of the send is acknowledged or refused for good; never rejects. */
  delivered: Promise<DeliveryOutcome>;
}

export interface DeliveredEvent {
  seq: number;
  kind: RecordKind;
  items: number;
}

/** Which record an `'error'` is about; reports also name their window. */
export interface ErrorContext {
  seq?: number;
  kind?: RecordKind;
  startDate?: string;
}

export interface WfmStats {
  /** Records durable in the outbox and not yet acknowledged. */
  outboxDepth: number;
  outboxBytes: number;
  lastDeliveredAt: string | null;
  ackedThrough: number;
}

type Events = {
  connection: [ConnectionState];
  error: [CXoneWfmException, ErrorContext];
  delivered: [DeliveredEvent];
};

export interface WfmClient {
  agentStates: { send(list: AgentStateDTO[] | AgentStateListDTO): Promise<Receipt> };
  reports: { agentActivity(report: AgentActivityReportDTO): Promise<Receipt>; queue(report: ReportDTO): Promise<Receipt> };
  /** Resolves when everything sent so far is acknowledged (or dead-lettered). */
  flush(): Promise<void>;
  details(): Promise<WfmDetailsResponse>;
  connection(): Promise<WfmConnectionResponse>;
  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void;
  stats(): WfmStats;
  close(options?: { timeoutMs?: number }): Promise<{ pending: number }>;
}

const itemsOf = (kind: RecordKind, body: unknown): number => {
  if (kind === 'agentStates') return (body as { agentStateList: unknown[] }).agentStateList.length;
  if (kind === 'agentActivity') return (body as { reportData: { agentActivity: unknown[] }[] }).reportData.reduce((n, e) => n + e.agentActivity.length, 0);
  const d = (body as { reportData: Record<string, unknown[]> }).reportData;
  return Object.values(d).reduce((n, rows) => n + rows.length, 0);
};

/**
 * Connects to Floorplan (or any CXone-compatible WFM ingestion API): logs in, reads `/details`,
 * opens the outbox, starts the heartbeat and resumes delivering records left by an earlier run.
 *
 * @example
 * const wfm = await connectWfm({ serviceUrl: 'http://localhost:8080', accessKeyId, accessKeySecret, outboxDir: './outbox' });
 * const receipt = await wfm.agentStates.send([{ loginId: 'agent-7', eventCode: 'Available', eventUtcTime: new Date() }]);
 * await receipt.delivered;
 * await wfm.close();
 */
export async function connectWfm(options: WfmOptions): Promise<WfmClient> {
  const o = parseOptions(options);
  const logger: WfmLogger = o.logger === null ? silentLogger : (o.logger ?? stderrLogger);
  const emitter = new Emitter<Events>((e) => logger.error({ err: e }, 'wfm-sdk: a listener threw'));
  const reportError = (error: CXoneWfmException, ctx: ErrorContext = {}) => {
    if (emitter.has('error')) emitter.emit('error', error, ctx);
    else logger.error({ statusReason: error.statusReason, httpStatus: error.httpStatus, ...ctx, err: error }, 'wfm-sdk: delivery problem');
  };

  // A damaged segment is moved aside and reported; delivery of the rest goes on.
  const outboxProblem = (e: unknown) =>
    reportError(e instanceof CXoneWfmException ? e : new CXoneWfmException({ statusReason: 'OUTBOX_CORRUPT', httpStatus: null, retryable: false, cause: e, message: e instanceof Error ? e.message : String(e) }));
  const outbox: Outbox = o.outboxDir
    ? await openFileOutbox({ dir: o.outboxDir, maxBytes: o.maxOutboxBytes, onError: outboxProblem })
    : createMemoryOutbox({ maxBytes: o.maxOutboxBytes });
  if (!o.outboxDir) logger.warn({}, 'wfm-sdk: no outboxDir; queued data lives in memory and a crash loses it');

  const transport = createTransport(o.serviceUrl, o.requestTimeoutMs);
  const tokens = new TokenManager(transport, { accessKeyId: o.accessKeyId, accessKeySecret: o.accessKeySecret, tenantName: o.tenantName });
  const api = createApi(transport, tokens);

  let details: WfmDetailsResponse;
  let serverOffsetMs = 0;
  try {
    const t0 = Date.now();
    details = (await getWithRetries(api, '/wfm/acd/v1/details')) as WfmDetailsResponse;
    serverOffsetMs = Date.parse(details.serverTime) - (t0 + Date.now()) / 2;
    await outbox.writeDetails(details);
  } catch (e) {
    const cached = (await outbox.readDetails()) as WfmDetailsResponse | null;
    const error = e instanceof CXoneWfmException ? e : localError('NOT_CONNECTED', String(e));
    if (!cached || !error.retryable) {
      await outbox.close();
      throw error;
    }
    // Offline start: the last run's settings let sends be validated and queued; delivery retries.
    logger.warn({ statusReason: error.statusReason }, 'wfm-sdk: server unreachable; starting offline from details.json');
    details = cached;
  }
  if (Math.abs(serverOffsetMs) > 5000) logger.warn({ offsetMs: Math.round(serverOffsetMs) }, 'wfm-sdk: local clock differs from the server by more than 5 s');

  let lastDeliveredAt: string | null = null;
  // During an outage every attempt fails; one warning a minute says so without flooding the log.
  let lastRetryWarning = 0;
  const delivery = new Delivery(outbox, api, {
    delivered(record) {
      lastDeliveredAt = new Date().toISOString();
      emitter.emit('delivered', { seq: record.seq, kind: record.kind, items: itemsOf(record.kind, record.body) });
    },
    failed(record, error) {
      const startDate = record.kind === 'agentStates' ? undefined : (record.body as { startDate?: string }).startDate;
      reportError(error, { seq: record.seq, kind: record.kind, ...(startDate ? { startDate } : {}) });
    },
    trouble(error, record) {
      if (error.statusReason === 'AUTH_FAILED') reportError(error, { seq: record.seq, kind: record.kind });
      else if (Date.now() - lastRetryWarning > 60_000) {
        lastRetryWarning = Date.now();
        logger.warn({ statusReason: error.statusReason, httpStatus: error.httpStatus, seq: record.seq, pending: outbox.stats().pendingRecords }, 'wfm-sdk: delivery failing; retrying (data stays in the outbox)');
      } else logger.debug({ statusReason: error.statusReason, seq: record.seq }, 'wfm-sdk: will retry');
    },
  }, { maxInFlight: o.maxInFlight, maxStates: o.batch.maxStates, flushMs: o.batch.flushMs });

  let closed = false;
  let closedWithPending: number | undefined;
  const append = async (items: { kind: RecordKind; body: unknown }[]): Promise<OutboxRecord[]> => {
    try {
      const records = await outbox.append(items);
      for (const r of records) void delivery.outcome(r.seq);
      delivery.pump();
      return records;
    } catch (e) {
      if (e instanceof OutboxFullError) throw localError('OUTBOX_FULL', 'the outbox is full; nothing was queued', [], true);
      throw e;
    }
  };
  const receipt = (seqs: number[], items: number): Receipt => ({
    seq: Math.max(...seqs),
    items,
    delivered: Promise.all(seqs.map((s) => delivery.outcome(s))).then((all) => all.find((x) => !x.ok) ?? { ok: true }),
  });
  const ensureOpen = () => {
    if (closed) throw localError('CLOSED', 'the client is closed');
  };
  const limits = {
    maxReportRows: details.limits.maxReportRows,
    maxBodyBytes: details.limits.maxBodyBytes,
    maxActivityAgents: defaultWfmLimits.maxActivityAgents,
    maxActivities: defaultWfmLimits.maxActivities,
  };

  const heartbeat = startHeartbeat({
    api,
    connectorName: o.connectorName,
    connectorVersion: o.connectorVersion,
    periodS: () => o.heartbeatSeconds ?? details.heartbeatSeconds ?? 30,
    onState: (s) => emitter.emit('connection', s),
    onServerTime(offset) {
      serverOffsetMs = offset;
      if (Math.abs(offset) > 5000) logger.warn({ offsetMs: Math.round(offset) }, 'wfm-sdk: local clock differs from the server by more than 5 s');
    },
    onError: (e) => logger.debug({ statusReason: e.statusReason }, 'wfm-sdk: heartbeat failed'),
  });
  delivery.pump();

  const client: WfmClient = {
    agentStates: {
      async send(list) {
        ensureOpen();
        const body = checkAgentStates(Array.isArray(list) ? { agentStateList: list } : list, ruleContext(details, serverOffsetMs));
        const states = body.agentStateList;
        if (states.length === 0) return { seq: outbox.stats().ackedThrough, items: 0, delivered: Promise.resolve({ ok: true }) };
        // Durable now, in records of at most maxStates; delivery merges adjacent records on the wire.
        const chunks = Array.from({ length: Math.ceil(states.length / o.batch.maxStates) }, (_, k) => states.slice(k * o.batch.maxStates, (k + 1) * o.batch.maxStates));
        const records = await append(chunks.map((c) => ({ kind: 'agentStates' as const, body: { agentStateList: c } })));
        return receipt(records.map((r) => r.seq), states.length);
      },
    },
    reports: {
      async agentActivity(report) {
        ensureOpen();
        const body = checkActivityReport(report, ruleContext(details, serverOffsetMs));
        const records = await append(splitActivityReport(body, limits).map((part) => ({ kind: 'agentActivity' as const, body: part })));
        return receipt(records.map((r) => r.seq), itemsOf('agentActivity', body));
      },
      async queue(report) {
        ensureOpen();
        const body = checkQueueReport(report, ruleContext(details, serverOffsetMs));
        const records = await append(splitQueueReport(body, limits).map((part) => ({ kind: 'queue' as const, body: part })));
        return receipt(records.map((r) => r.seq), itemsOf('queue', body));
      },
    },
    flush: () => holdOpen(delivery.urgent(Promise.all(outbox.pending().map((r) => delivery.outcome(r.seq))).then(() => undefined))),
    async details() {
      details = (await getWithRetries(api, '/wfm/acd/v1/details')) as WfmDetailsResponse;
      await outbox.writeDetails(details);
      return details;
    },
    connection: async () => (await getWithRetries(api, '/wfm/acd/v1/connection')) as WfmConnectionResponse,
    on: (event, listener) => emitter.on(event, listener),
    stats() {
      const s = outbox.stats();
      return { outboxDepth: s.pendingRecords, outboxBytes: s.pendingBytes, lastDeliveredAt, ackedThrough: s.ackedThrough };
    },
    close: ({ timeoutMs = 10_000 } = {}) => holdOpen(closeNow(timeoutMs)),
  };
  /** Refuses new sends, flushes, delivers until empty or the timeout, stops timers, releases the outbox. */
  async function closeNow(timeoutMs: number): Promise<{ pending: number }> {
    if (closed) return { pending: closedWithPending ?? 0 };
    closed = true;
    let timer: NodeJS.Timeout | undefined;
    await delivery.urgent(Promise.race([delivery.idle(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]));
    clearTimeout(timer);
    heartbeat.stop();
    // Deliveries still running are aborted and settle before the outbox closes (acks after close would fail).
    await delivery.stop();
    const pending = outbox.stats().pendingRecords;
    await outbox.close();
    closedWithPending = pending;
    return { pending };
  }
  Object.defineProperty(client, 'toJSON', { value: () => ({ options: maskedOptions(o) }), enumerable: false });
  return client;
}
