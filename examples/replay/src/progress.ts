import { MultiBar, type SingleBar } from 'cli-progress';

/** What progress shows; polled, so the replay never waits on the display. */
export interface ProgressSnapshot {
  bytesRead: number;
  totalBytes: number;
  statesRead: number;
  statesQueued: number;
  statesDelivered: number;
  reportsQueued: number;
  reportRecordsDelivered: number;
  outboxDepth: number;
  /** Event time reached, epoch ms. */
  eventMs: number | null;
  phase: 'reading' | 'delivering';
  /** `check` for a dry run: nothing is queued or delivered, only read. */
  mode: 'send' | 'check';
}

export interface Progress {
  /** Prints a line without tearing the bar. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  snapshot: () => ProgressSnapshot;
  /** A live bar (a TTY and no `--no-progress`), else a plain line every `lineEveryMs`. */
  bar: boolean;
  out: NodeJS.WritableStream;
  lineEveryMs?: number;
  now?: () => number;
}

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => (bytes < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
const clock = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

/** One plain-text status line (for logs and pipes). */
export function progressLine(s: ProgressSnapshot, elapsedMs: number): string {
  const pct = s.totalBytes > 0 ? Math.floor((100 * s.bytesRead) / s.totalBytes) : 100;
  const rate = elapsedMs > 0 ? Math.round((s.statesDelivered * 1000) / elapsedMs) : 0;
  if (s.mode === 'check') return `read ${pct}% (${mb(s.bytesRead)} of ${mb(s.totalBytes)}), at ${clock(s.eventMs)} UTC | ${n(s.statesRead)} states and ${n(s.reportsQueued)} reports checked`;
  return (
    `${s.phase === 'reading' ? `read ${pct}% (${mb(s.bytesRead)} of ${mb(s.totalBytes)}), at ${clock(s.eventMs)} UTC` : 'delivering'}` +
    ` | states ${n(s.statesQueued)} queued, ${n(s.statesDelivered)} delivered (${n(rate)}/s)` +
    ` | reports ${n(s.reportsQueued)} queued, ${n(s.reportRecordsDelivered)} delivered | outbox ${n(s.outboxDepth)}`
  );
}

/**
 * Shows the replay's progress: a cli-progress bar over the bytes read (so the ETA holds for files
 * of any size without counting their lines first), with states and reports queued and delivered,
 * delivery rate and outbox depth; or, without a TTY, a plain line every few seconds.
 *
 * @example
 * const p = startProgress({ snapshot, bar: process.stdout.isTTY === true, out: process.stdout });
 * ...; p.stop();
 */
export function startProgress(options: ProgressOptions): Progress {
  const { snapshot, out, lineEveryMs = 5000, now = Date.now } = options;
  const started = now();
  if (!options.bar) {
    const timer = setInterval(() => out.write(`${progressLine(snapshot(), now() - started)}\n`), lineEveryMs);
    timer.unref();
    return {
      log: (line) => void out.write(`${line}\n`),
      // The caller prints a summary after stopping; a last status line would only repeat it.
      stop: () => clearInterval(timer),
    };
  }
  const first = snapshot();
  const multi = new MultiBar(
    {
      stream: out as NodeJS.WritableStream & NodeJS.WriteStream,
      format:
        first.mode === 'check'
          ? ' {bar} {percentage}% | ETA {eta_formatted} | {where} | {statesQueued} states, {reportsQueued} reports checked'
          : ' {bar} {percentage}% | ETA {eta_formatted} | {where} | states {statesQueued} queued, {statesDelivered} delivered ({rate}/s) | reports {reportsQueued}/{reportsDelivered} | outbox {outbox}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
      // The stream is a TTY here; cli-progress would otherwise decide again from its own check.
      noTTYOutput: false,
    },
  );
  const bar: SingleBar = multi.create(Math.max(1, first.totalBytes), 0);
  const payload = (s: ProgressSnapshot) => {
    const elapsed = now() - started;
    return {
      where: s.phase === 'reading' ? `at ${clock(s.eventMs)}` : 'delivering',
      statesQueued: n(s.statesQueued),
      statesDelivered: n(s.statesDelivered),
      rate: n(elapsed > 0 ? Math.round((s.statesDelivered * 1000) / elapsed) : 0),
      reportsQueued: n(s.reportsQueued),
      reportsDelivered: n(s.reportRecordsDelivered),
      outbox: n(s.outboxDepth),
    };
  };
  const render = () => {
    const s = snapshot();
    bar.update(s.bytesRead, payload(s));
  };
  const timer = setInterval(render, 200);
  timer.unref();
  render();
  return {
    log: (line) => multi.log(`${line}\n`),
    stop() {
      clearInterval(timer);
      render();
      multi.stop();
    },
  };
}
