// A connector process for the crash test: streams TOTAL states (agent-N, one per second of event time)
// from START, writing after each resolved send how many states are durable in the outbox.
import { writeFile } from 'node:fs/promises';
import { connectWfm } from '@floorplan/wfm-sdk';

const [url, keyId, secret, outboxDir, progressFile, startArg, totalArg] = process.argv.slice(2) as [string, string, string, string, string, string, string];
const start = Number(startArg);
const total = Number(totalArg);
const base = Date.parse('2024-04-17T06:00:00Z');
// Default logger (stderr): the test shows it when something goes wrong.
const wfm = await connectWfm({ serviceUrl: url, accessKeyId: keyId, accessKeySecret: secret, outboxDir });
wfm.on('error', (e) => process.stderr.write(`error event: ${e.statusReason} ${e.message}\n`));
for (let i = start; i < total; i += 100) {
  const list = Array.from({ length: Math.min(100, total - i) }, (_, k) => ({ loginId: `crash-agent-${(i + k) % 20}`, eventCode: (i + k) % 2 ? 'Available' : 'OnCall', eventUtcTime: new Date(base + (i + k) * 1000) }));
  await wfm.agentStates.send(list);
  await writeFile(progressFile, String(i + list.length));
  await new Promise((r) => setTimeout(r, 5));
}
const { pending } = await wfm.close({ timeoutMs: 60_000 });
if (pending > 0) {
  process.stderr.write(`closed with ${pending} records still pending\n`);
  process.exit(2);
}
