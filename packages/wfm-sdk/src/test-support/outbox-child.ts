// Child process of the outbox crash tests (run with `node --conditions=source --import tsx`):
// opens an outbox, appends `count` records, acknowledges the first `acks`, prints the seqs as one
// JSON line and dies without close(): `exit` by process.exit, `sigkill` by SIGKILL.
import { openFileOutbox } from '../outbox/file-outbox.js';

const [dir = '', count = '1', acks = '0', how = 'exit'] = process.argv.slice(2);
const outbox = await openFileOutbox({ dir, maxBytes: 2 ** 30, segmentBytes: 4096 });
const items = Array.from({ length: Number(count) }, (_, i) => ({ kind: 'agentStates' as const, body: { child: i } }));
const records = await outbox.append(items);
for (const record of records.slice(0, Number(acks))) await outbox.ack(record.seq);
process.stdout.write(`${JSON.stringify(records.map((r) => r.seq))}\n`, () => {
  if (how === 'sigkill') process.kill(process.pid, 'SIGKILL');
  else process.exit(0);
});
