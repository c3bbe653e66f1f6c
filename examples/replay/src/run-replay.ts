import { resolve } from 'node:path';
import { connectWfm, CXoneWfmException, type WfmClient, type WfmLogger } from '@floorplan/wfm-sdk';
import { kindLabel } from './columns.js';
import { startProgress, type Progress, type ProgressSnapshot } from './progress.js';
import { emptyCounts, replay, type ReplayCounts, type ReplaySink } from './replay.js';
import type { Speed } from './schedule.js';
import { createSdkSink, type SdkSink } from './sdk-sink.js';
import { openSource, type FileSource } from './sources.js';

/** Everything the command line decided, resolved against the environment. */
export interface ReplayConfig {
  files: string[];
  speed: Speed;
  url: string;
  keyId: string | undefined;
  keySecret: string | undefined;
  tenant: string | undefined;
  outboxDir: string;
  intervalMinutes: number;
  dryRun: boolean;
  progressBar: boolean;
  version: string;
}

export interface ReplayIo {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  err: NodeJS.WritableStream;
}

/** The run was stopped by Ctrl-C. */
class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

const n = (x: number) => x.toLocaleString('en-US');
const utc = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function summary(c: ReplayCounts): string {
  const parts = c.states || !(c.queueReports || c.activityReports) ? [`${n(c.states)} states`] : [];
  if (c.queueRows || c.agentQueueRows || c.agentSystemRows) parts.push(`${n(c.queueReports)} queue reports (${n(c.queueRows)} queue, ${n(c.agentQueueRows)} agent-queue, ${n(c.agentSystemRows)} agent system rows)`);
  if (c.activities) parts.push(`${n(c.activityReports)} activity reports (${n(c.activities)} activities)`);
  return `${parts.join(', ')}; event time ${utc(c.firstEventMs)} to ${utc(c.lastEventMs)} UTC`;
}

/** A pino-shaped logger for the SDK that prints above the progress bar, without payloads. */
function sdkLogger(print: (line: string) => void): WfmLogger {
  const line = (level: string) => (obj: object, msg?: string) => {
    const o = obj as { statusReason?: unknown; httpStatus?: unknown; offsetMs?: unknown };
    const extra = [o.statusReason, o.httpStatus && `HTTP ${String(o.httpStatus)}`, o.offsetMs !== undefined && `offset ${String(o.offsetMs)} ms`].filter(Boolean).join(', ');
    print(`${level}: ${msg ?? ''}${extra ? ` (${extra})` : ''}`);
  };
  return { debug: () => {}, info: () => {}, warn: line('warning'), error: line('error') };
}

/**
 * Runs one replay (or dry run) and resolves with the exit code; prints progress and a summary on
 * `io.out`, `error: ...` lines on `io.err`. Never prints the key secret.
 */
export async function runReplay(config: ReplayConfig, io: ReplayIo): Promise<number> {
  const fail = (message: string) => (io.err.write(`error: ${message}\n`), 1);
  if (!config.dryRun && (!config.keyId || !config.keySecret)) {
    return fail('an access key is needed: pass --key-id and --key-secret or set FLOORPLAN_ACCESS_KEY_ID and FLOORPLAN_ACCESS_KEY_SECRET (or use --dry-run)');
  }
  const intervalMs = config.intervalMinutes * 60_000;
  let sources: FileSource[];
  try {
    // Every header is checked before connecting, so a wrong file fails fast.
    sources = await Promise.all(config.files.map((f) => openSource(f, intervalMs)));
  } catch (e) {
    return fail(e instanceof Error && 'code' in e && e.code === 'ENOENT' ? `cannot read ${(e as NodeJS.ErrnoException).path}: no such file` : (e as Error).message);
  }
  io.out.write(`floorplan-replay ${config.version}: ${sources.map((s) => `${s.path} (${kindLabel[s.kind]})`).join(', ')}${config.dryRun ? '; dry run, nothing is sent' : ` -> ${config.url}`}\n`);

  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(1); // a second Ctrl-C: stop at once
    controller.abort(new Interrupted('interrupted'));
  };
  process.on('SIGINT', onSigint);
  const counts = emptyCounts();
  let wfm: WfmClient | null = null;
  let sink: SdkSink | null = null;
  let progress: Progress | null = null;
  let phase: ProgressSnapshot['phase'] = 'reading';
  const print = (line: string) => (progress ? progress.log(line) : void io.err.write(`${line}\n`));
  const started = Date.now();
  let code = 0;
  try {
    let target: ReplaySink;
    if (config.dryRun) {
      target = { states: async () => {}, report: async () => {} };
    } else {
      try {
        wfm = await connectWfm({
          serviceUrl: config.url,
          accessKeyId: config.keyId!,
          accessKeySecret: config.keySecret!,
          ...(config.tenant ? { tenantName: config.tenant } : {}),
          outboxDir: resolve(config.outboxDir),
          connectorName: 'floorplan-replay',
          connectorVersion: config.version,
          logger: sdkLogger(print),
        });
      } catch (e) {
        return fail(`cannot connect to ${config.url}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const resumed = wfm.stats().outboxDepth;
      if (resumed > 0) io.out.write(`resuming: ${n(resumed)} records left in ${config.outboxDir} by an earlier run are delivered first\n`);
      sink = createSdkSink(wfm, { signal: controller.signal, onFatal: (e) => controller.abort(e) });
      target = sink;
    }
    const snapshot = (): ProgressSnapshot => {
      const s = sink?.stats();
      return {
        bytesRead: sources.reduce((t, x) => t + x.bytesRead(), 0),
        totalBytes: sources.reduce((t, x) => t + x.sizeBytes, 0),
        statesRead: counts.states,
        statesQueued: s ? s.statesQueued : counts.states,
        statesDelivered: s?.statesDelivered ?? 0,
        reportsQueued: s ? s.reportsQueued : counts.queueReports + counts.activityReports,
        reportRecordsDelivered: s?.reportRecordsDelivered ?? 0,
        outboxDepth: s?.outboxDepth ?? 0,
        eventMs: counts.lastEventMs,
        phase,
        mode: config.dryRun ? 'check' : 'send',
      };
    };
    progress = startProgress({ snapshot, bar: config.progressBar, out: io.out });
    await replay({ sources, intervalMs, speed: config.speed, sink: target, signal: controller.signal, counts });
    phase = 'delivering';
    await sink?.finish();
  } catch (e) {
    const reason = controller.signal.aborted ? controller.signal.reason : e;
    if (reason instanceof Interrupted) code = fail(`interrupted; what was queued stays in ${config.outboxDir} and is delivered by the next run`);
    else if (reason instanceof CXoneWfmException) code = fail(`${reason.statusReason}: ${reason.message}; queued data stays in ${config.outboxDir}`);
    else code = fail(reason instanceof Error ? reason.message : String(reason));
  } finally {
    progress?.stop();
    process.off('SIGINT', onSigint);
  }
  if (wfm) {
    // After an error, deliver briefly what is already queued; the rest waits in the outbox.
    const { pending } = await wfm.close({ timeoutMs: code === 0 ? 10_000 : 2_000 });
    if (pending > 0 && code === 0) code = fail(`${n(pending)} records are not delivered yet; they stay in ${config.outboxDir}: run the command again to deliver them`);
  }
  for (const f of sink?.failures ?? []) code = fail(`${f} (kept in ${config.outboxDir}/dead-letter.jsonl)`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code === 0) io.out.write(`${config.dryRun ? 'checked' : 'replayed and delivered'} ${summary(counts)}, in ${seconds} s\n`);
  else if (counts.states || counts.queueReports || counts.activityReports) io.out.write(`stopped after ${summary(counts)}\n`);
  return code;
}
