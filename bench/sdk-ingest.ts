// Agent states per second through @floorplan/wfm-sdk (default settings, durable outbox) into
// PostgreSQL, against the raw multi-row INSERT rate measured in the same run, and the p99 latency
// from send() to the server's commit (the receipt's `delivered`).
// Env: BENCH_STATES (200000), BENCH_SEND (100 states per send() call), BENCH_DATABASE_URL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectWfm } from '@floorplan/wfm-sdk';
import { makeBatches, percentile, print, rawInsertRate, startBenchServer, withSchema } from './support.js';

const states = Number(process.env.BENCH_STATES ?? 200_000);
const perSend = Number(process.env.BENCH_SEND ?? 100);

const raw = await rawInsertRate(states, 4);
print('sdk-ingest.raw-insert', raw, 'states/s', { rowsPerStatement: 1000, concurrency: 4, states });

const result = await withSchema(async (url) => {
  const bench = await startBenchServer(url);
  const outboxDir = await mkdtemp(join(tmpdir(), 'bench-outbox-'));
  try {
    const wfm = await connectWfm({ serviceUrl: bench.server.url, accessKeyId: bench.creds.accessKeyId, accessKeySecret: bench.creds.accessKeySecret, outboxDir, logger: null });
    const sends = makeBatches('sdk', states, perSend);
    const latencies: number[] = [];
    const settled: Promise<void>[] = [];
    const started = performance.now();
    for (const list of sends) {
      const t0 = performance.now();
      const receipt = await wfm.agentStates.send(list);
      settled.push(receipt.delivered.then(() => void latencies.push(performance.now() - t0)));
    }
    await wfm.flush();
    await Promise.all(settled);
    const rate = states / ((performance.now() - started) / 1000);
    await wfm.close();
    latencies.sort((a, b) => a - b);
    return { rate, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
  } finally {
    await bench.close();
    await rm(outboxDir, { recursive: true, force: true });
  }
});
print('sdk-ingest.sdk-http', result.rate, 'states/s', { statesPerSend: perSend, batch: 1000, maxInFlight: 4, outbox: 'file', states });
print('sdk-ingest.send-to-commit-p50', result.p50, 'ms', { includes: 'batching (≤ 250 ms), outbox fsync, HTTP, commit' });
print('sdk-ingest.send-to-commit-p99', result.p99, 'ms', { includes: 'batching (≤ 250 ms), outbox fsync, HTTP, commit' });
print('sdk-ingest.ratio', result.rate / raw, 'sdk/raw', { goal: 0.5 });
