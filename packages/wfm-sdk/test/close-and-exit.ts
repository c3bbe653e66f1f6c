// Connects, sends, closes; logs every SDK log line (all levels) as JSON to stdout. The test expects
// this process to exit by itself once close() resolves, with nothing secret in what it printed.
import { connectWfm, type WfmLogger } from '@floorplan/wfm-sdk';

const [url, keyId, secret] = process.argv.slice(2) as [string, string, string];
const line = (level: string) => (obj: object, msg?: string) => process.stdout.write(`${JSON.stringify({ level, msg, ...obj }, (_k, v: unknown) => (v instanceof Error ? { message: v.message, cause: String(v.cause) } : v))}\n`);
const logger: WfmLogger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
const wfm = await connectWfm({ serviceUrl: url, accessKeyId: keyId, accessKeySecret: secret, logger });
wfm.on('error', (e, ctx) => logger.error({ err: e, response: e.getResponse(), ctx }, 'error event'));
await wfm.agentStates.send([{ loginId: 'exit-agent', eventCode: 'Available', eventUtcTime: new Date(Date.now() - 1000) }]);
await wfm.agentStates.send([{ loginId: 'exit-agent', eventCode: 'Available', eventUtcTime: 'not a time' }]).catch((e: unknown) => logger.warn({ err: e }, 'refused locally'));
// A report the server refuses for good (paradigm conflict): dead-lettered and reported, not retried.
await wfm.reports.queue({ startDate: '2024-04-17T10:00:00Z', endDate: '2024-04-17T10:15:00Z', paradigm: 'TTI', reportData: {} });
console.log(JSON.stringify({ closed: await wfm.close(), config: JSON.stringify(wfm) }));
