import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { kindLabel } from './columns.js';
import { parseSpeed, type Speed } from './schedule.js';
import { runReplay, type ReplayConfig, type ReplayIo } from './run-replay.js';

// src/main.ts and dist/main.js both sit one level under the package root.
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const speedArg = (value: string): Speed => {
  try {
    return parseSpeed(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

const intervalArg = (value: string): number => {
  const n = Number(value);
  if (![5, 15, 30, 60].includes(n)) throw new InvalidArgumentError('must be 5, 15, 30 or 60 (the tenant\'s interval length)');
  return n;
};

function buildProgram(onRun: (config: ReplayConfig) => Promise<void>, env: NodeJS.ProcessEnv, io: ReplayIo): Command {
  return new Command('floorplan-replay')
    .description(
      'Replays CSV exports of an ACD (agent state changes, queue / agent-queue / agent system intervals, agent activities) into Floorplan through @floorplan/wfm-sdk. ' +
        `Each file's kind is recognised from its header (${Object.values(kindLabel).join(', ')}); see the README for the formats.`,
    )
    .version(version)
    .addOption(new Option('--file <path>', 'a CSV file to replay; repeat for several files, merged by event time').argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]).makeOptionMandatory())
    .addOption(new Option('--speed <speed>', '"max", or event time compressed by a factor: "60x" plays an hour in a minute, "1x" in real time').argParser(speedArg).default({ kind: 'max' }, 'max'))
    .option('--url <url>', 'Floorplan base URL (default: $FLOORPLAN_URL or http://localhost:8080)')
    .option('--key-id <id>', 'access key id (default: $FLOORPLAN_ACCESS_KEY_ID)')
    // No default shown: the help text must never print a secret taken from the environment.
    .option('--key-secret <secret>', 'access key secret (default: $FLOORPLAN_ACCESS_KEY_SECRET; prefer the variable, arguments show in process lists)')
    .option('--tenant <name>', 'tenant name sent at login (optional)')
    .option('--outbox <dir>', 'durable outbox directory: an interrupted replay delivers what it holds on the next run', '.floorplan-replay-outbox')
    .addOption(new Option('--interval-minutes <n>', "the tenant's interval length, for report windows").argParser(intervalArg).default(15))
    .option('--dry-run', 'read and check every file, print counts, send nothing', false)
    .option('--no-progress', 'no progress bar: print a status line every few seconds instead')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.out.write(s), writeErr: (s) => void io.err.write(s) })
    .action(async (o: { file: string[]; speed: Speed; url?: string; keyId?: string; keySecret?: string; tenant?: string; outbox: string; intervalMinutes: number; dryRun: boolean; progress: boolean }) => {
      await onRun({
        files: o.file,
        speed: o.speed,
        url: o.url ?? env.FLOORPLAN_URL ?? 'http://localhost:8080',
        keyId: o.keyId ?? env.FLOORPLAN_ACCESS_KEY_ID,
        keySecret: o.keySecret ?? env.FLOORPLAN_ACCESS_KEY_SECRET,
        tenant: o.tenant,
        outboxDir: o.outbox,
        intervalMinutes: o.intervalMinutes,
        dryRun: o.dryRun,
        progressBar: o.progress && io.out.isTTY === true,
        version,
      });
    });
}

/**
 * Runs `floorplan-replay` on `argv` (as `process.argv`) and resolves with the exit code: 0 when
 * every file was read and everything sent was delivered; 1 otherwise, with `error: ...` on stderr
 * (bad arguments or input, connection failure, records the server refused, or an interruption).
 *
 * @example
 * process.exitCode = await run(['node', 'floorplan-replay', '--file', 'states.csv', '--dry-run']);
 */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env, io: ReplayIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  let code = 0;
  try {
    await buildProgram(async (config) => void (code = await runReplay(config, io)), env, io).parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1; // commander printed `error: ...` or the help
    io.err.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  return code;
}

// Run when executed directly (`node --import tsx src/main.ts`); the bin shim imports and calls run().
const isEntry = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false; // argv[1] is not a file (node -e, a REPL)
  }
})();
if (isEntry) process.exitCode = await run(process.argv);
