#!/usr/bin/env node
// Runs before `npm run test:services`: the services suites need a real PostgreSQL and NATS JetStream,
// and a missing one must fail the run loudly rather than let suites skip. Each is asked for its
// first protocol answer (a bare TCP connect is not proof: some sandboxes accept any connection), with
// a 3 s timeout. s3rver runs inside the tests: nothing to check.
import { connect } from 'node:net';

const timeoutMs = 3000;

const services = [
  {
    name: 'PostgreSQL',
    url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    defaultPort: 5432,
    env: 'TEST_DATABASE_URL',
    // SSLRequest: a PostgreSQL server answers with the single byte S or N.
    hello: Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]),
    answered: (text) => (text === 'S' || text === 'N' ? null : 'not a PostgreSQL answer'),
    hint: 'start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` (Debian: `apt-get install -y postgresql`); the tests connect as postgres to database test',
  },
  {
    name: 'NATS (JetStream)',
    url: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
    defaultPort: 4222,
    env: 'TEST_NATS_URL',
    // A NATS server greets with `INFO {json}`; JetStream shows there as "jetstream":true.
    hello: null,
    answered: (text) => {
      if (!text.includes('\r\n')) return undefined;
      if (!text.startsWith('INFO ')) return 'not a NATS answer';
      return /"jetstream"\s*:\s*true/.test(text) ? null : 'JetStream is not enabled (start nats-server with -js)';
    },
    hint: 'start it with `nats-server -a 127.0.0.1 -p 4222 -js` (Debian: `apt-get install -y nats-server`)',
  },
];

/**
 * Resolves with null when the service gave its protocol answer within the timeout, else the reason.
 * `answered` returns undefined while it needs more bytes.
 */
function probe(host, port, service) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let text = '';
    const done = (reason) => {
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.once('connect', () => service.hello && socket.write(service.hello));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const verdict = service.answered(text);
      if (verdict !== undefined) {
        clearTimeout(timer);
        done(verdict);
      }
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      done(e.code ?? e.message);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      done('connection closed without an answer');
    });
  });
}

const results = await Promise.all(
  services.map(async (s) => {
    // NATS URLs may list several servers; the first one is enough to tell it runs.
    const url = new URL(s.url.split(',')[0]);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
    const port = Number(url.port || s.defaultPort);
    return { ...s, host, port, failure: await probe(host, port, s) };
  }),
);

const missing = results.filter((r) => r.failure !== null);
for (const r of results.filter((x) => x.failure === null)) console.log(`check-services: ${r.name} answers at ${r.host}:${r.port}`);
if (missing.length > 0) {
  for (const r of missing) {
    console.error(`check-services: ${r.name} does not answer at ${r.host}:${r.port} (${r.failure}).`);
    console.error(`  ${r.hint}; or point ${r.env} at a running one.`);
  }
  console.error('check-services: the services tests need these; refusing to run them (nothing is skipped). `.ci/run` starts both.');
  process.exit(1);
}
