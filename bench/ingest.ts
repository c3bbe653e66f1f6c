// Agent-state ingest over HTTP into PostgreSQL, against the raw multi-row INSERT rate into the same
// table and indexes, measured in the same run. Prints JSON lines; never asserted in tests.
// Env: BENCH_STATES (200000), BENCH_CONCURRENCY (4), BENCH_DATABASE_URL, BENCH_PGLITE=0 to skip PGlite.
import { makeBatches, percentile, print, rawInsertRate, startBenchServer, withSchema } from './support.js';

const states = Number(process.env.BENCH_STATES ?? 200_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);

/** Through the real server over HTTP: JSON, auth, validation, dedupe, current state, events, commit. */
async function httpRate(database: string | null, tag: string) {
  const bench = await startBenchServer(database);
  try {
    const token = await bench.token();
    const bodies = makeBatches(tag, states, 1000).map((list) => JSON.stringify({ agentStateList: list }));
    const latencies: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let b = next++; b < bodies.length; b = next++) {
          const t0 = performance.now();
          const res = await fetch(`${bench.server.url}/wfm/acd/v1/agent-states`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: bodies[b] });
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const rate = states / ((performance.now() - started) / 1000);
    latencies.sort((a, b) => a - b);
    return { rate, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
  } finally {
    await bench.close();
  }
}

const raw = await rawInsertRate(states, concurrency);
print('wfm-ingest.raw-insert', raw, 'states/s', { rowsPerStatement: 1000, concurrency, states });
const viaHttp = await withSchema((url) => httpRate(url, 'pg'));
print('wfm-ingest.http', viaHttp.rate, 'states/s', { batch: 1000, concurrency, states, database: 'postgres' });
print('wfm-ingest.http-request-p50', viaHttp.p50, 'ms', { statesPerRequest: 1000 });
print('wfm-ingest.http-request-p99', viaHttp.p99, 'ms', { statesPerRequest: 1000 });
print('wfm-ingest.ratio', viaHttp.rate / raw, 'http/raw', { goal: 0.5 });
if (process.env.BENCH_PGLITE !== '0') {
  const lite = await httpRate(null, 'lite');
  print('wfm-ingest.http-pglite', lite.rate, 'states/s', { batch: 1000, concurrency, states, database: 'pglite' });
}
