import { InvalidArgumentError, Option, type Command } from 'commander';
import { generateOptionsSchema, type GenerateOptions } from '../modules/wfm/generator/plan.js';
import type { CliContext } from './cli-context.js';
import { embeddedOwner } from './pick-admin-client.js';

/** `--speed`: a positive number of simulated seconds per second, or `max`. */
function parseSpeed(value: string): number | 'max' {
  if (value === 'max') return 'max';
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number or max');
  return n;
}

function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be an integer');
  return n;
}

/** The generator's options from the flags, or an error naming the flag and the rule (before anything starts). */
function checkedOptions(o: GenerateFlags): GenerateOptions {
  const parsed = generateOptionsSchema.safeParse({ tenant: o.tenant, weeks: o.weeks, agents: o.agents, skills: o.skills, seed: o.seed, timeZone: o.timeZone, aheadWeeks: o.aheadWeeks });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new Error(`--${flag}: ${issue?.message ?? 'invalid'}`);
  }
  if (o.lagHours < 0 || o.lagHours > 24 * 7) throw new Error('--lag-hours: must be from 0 to 168');
  return parsed.data;
}

interface GenerateFlags {
  tenant: string;
  weeks: number;
  agents: number;
  skills: number;
  seed: number;
  timeZone: string;
  aheadWeeks: number;
  live?: boolean;
  speed: number | 'max';
  lagHours: number;
  url?: string;
  ifExists: 'fail' | 'skip';
}

/**
 * `floorplan generate`: a realistic contact center in a tenant (setup, published schedules,
 * history), then with `--live` a feeder that keeps sending through the WFM SDK until SIGINT.
 *
 * It talks to the running server (`--url`, else the one owning the embedded data dir); with none,
 * it starts the server in this process on a free loopback port for the time of the command.
 */
export function registerGenerateCommand(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description('generate a realistic contact center (setup, schedules, history) and optionally feed it live (docs/generator.md)')
    .requiredOption('--tenant <name>', 'tenant to fill (created if missing)')
    .option('--weeks <n>', 'weeks of history', parseInteger, 8)
    .option('--agents <n>', 'number of agents', parseInteger, 50)
    .option('--skills <n>', 'number of skills (Sales 8057, Support 8058, Chat 9001, ...)', parseInteger, 3)
    .option('--seed <n>', 'random seed: the same seed gives the same data', parseInteger, 1)
    .option('--time-zone <zone>', 'IANA zone of the scheduling unit and skills', 'Europe/Paris')
    .option('--ahead-weeks <n>', 'weeks of published schedule after today', parseInteger, 2)
    .option('--live', 'keep feeding agent states and reports after the history, until Ctrl-C')
    .addOption(new Option('--speed <speed>', 'live pace: simulated seconds per second (1, 60, ...) or max; never ahead of the server clock').argParser(parseSpeed).default(1))
    .option('--lag-hours <n>', 'stop the history this many hours before now; --live replays them at --speed first', parseInteger, 0)
    .option('--url <url>', 'server to use (default: the server running on this DATA_DIR, else one started in this process)')
    .addOption(new Option('--if-exists <what>', 'when the tenant already holds generated data').choices(['fail', 'skip']).default('fail'))
    .action(async (o: GenerateFlags) => {
      // Loaded on demand: the other commands do not need the app.
      const { feedPlanOf, generateDemo, generateOverHttp, startLiveFeeder } = await import('../modules/wfm/generator/index.js');
      const { startServer } = await import('../server.js');
      const options = checkedOptions(o);
      const run = { ifExists: o.ifExists, lagMs: o.lagHours * 3_600_000, progress: (line: string) => ctx.note(`generate: ${line}`) };
      const config = ctx.config();
      const url = o.url ?? (await embeddedOwner(config))?.url;
      let server: Awaited<ReturnType<typeof startServer>> | undefined;
      try {
        let result;
        let feedUrl: string;
        if (url) {
          ctx.note(`generate: using the server at ${url}`);
          result = await ctx.withAdmin((admin) => generateOverHttp(url, admin, options, run));
          feedUrl = url;
        } else {
          ctx.note('generate: no server running; starting one in this process');
          server = await startServer({ ...config, PORT: 0, HOST: '127.0.0.1', FLOORPLAN_BOOTSTRAP: false }, { logger: false });
          result = await generateDemo(server.app, options, run);
          feedUrl = server.localUrl;
        }
        const { summary, plan } = result;
        if (summary.skipped) {
          ctx.out(`tenant ${o.tenant} already holds generated data; nothing written (${summary.existing.length} names found)`);
        } else {
          const h = summary.history;
          ctx.out(
            [
              `generated tenant ${o.tenant} (seed ${plan.options.seed}, zone ${plan.options.timeZone}):`,
              `  setup      ${plan.setup.codes.length} activity codes, ${plan.setup.skills.length} skills, ${plan.setup.employees.length} employees (logins ${plan.setup.employees[0]?.loginId}…)  ${summary.millis.setup} ms`,
              `  schedules  ${summary.scheduleSegments} segments, ${plan.scheduleDates[0]} to ${plan.scheduleDates.at(-1)}, versions ${summary.scheduleVersions?.join(', ')}  ${summary.millis.schedules} ms`,
              `  history    ${h?.agentStates} agent states, ${h?.queueReports} queue reports (${h?.queueRows} rows) up to ${new Date(plan.now).toISOString()}  ${summary.millis.history} ms`,
            ].join('\n'),
          );
        }
        if (!o.live) return;
        let lastNote = 0;
        const feeder = await startLiveFeeder(feedUrl, result.keys.connectorKey, {
          plan: feedPlanOf(plan),
          from: plan.now,
          speed: o.speed,
          tenantName: o.tenant,
          onProgress: (p) => {
            // A line every 10 s of wall clock is enough to watch it run.
            if (Date.now() - lastNote < 10_000) return;
            lastNote = Date.now();
            ctx.note(`live: ${new Date(p.simulatedTime).toISOString()}  ${p.states} states, ${p.queueReports} queue reports, ${p.activityReports} activity reports`);
          },
        });
        ctx.note(`live: feeding ${feedUrl} at speed ${o.speed}; Ctrl-C to stop`);
        const stop = () => void feeder.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const totals = await feeder.done;
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        ctx.out(`live feed stopped at ${new Date(totals.simulatedTime).toISOString()}: ${totals.states} states, ${totals.queueReports} queue reports, ${totals.activityReports} activity reports sent`);
        for (const f of totals.failures) ctx.note(`live: refused ${f}`);
      } finally {
        await server?.stop();
      }
    });
}
