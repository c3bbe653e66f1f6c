import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { createCliContext, type CliContext } from './cli-context.js';
import { registerGenerateCommand } from './generate.js';
import { registerImportCommands } from './import-schedules.js';
import { registerImportQueueHistoryCommand } from './import-queue-history.js';
import { registerKeyCommands } from './keys.js';
import { registerSigningKeyCommands } from './signing-keys.js';
import { registerMigrateCommand } from './migrate.js';
import { registerStartCommand } from './start.js';
import { registerTenantCommands } from './tenants.js';
import { registerUserCommands } from './users.js';

// src/cli/main.ts and dist/cli/main.js both sit two levels under the package root.
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The `floorplan` command and its subcommands. Usage errors throw a CommanderError (after commander
 * printed `error: ...`) instead of exiting, so {@link run} decides the exit code.
 */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('floorplan')
    .description('Floorplan: self-hosted contact-center WFM platform. Every command reads the same environment as the server (DATA_DIR, DATABASE_URL, ...).')
    .version(version)
    .showHelpAfterError('(add --help for usage)')
    // Set before the subcommands are added: `command()` copies it to each of them.
    .exitOverride();
  registerStartCommand(program, ctx);
  registerMigrateCommand(program, ctx);
  registerTenantCommands(program, ctx);
  registerUserCommands(program, ctx);
  registerKeyCommands(program, ctx);
  registerSigningKeyCommands(program, ctx);
  registerImportCommands(program, ctx);
  // After registerImportCommands: it creates the `import` group, queue-history joins it.
  registerImportQueueHistoryCommand(program, ctx);
  registerGenerateCommand(program, ctx);
  return program;
}

/**
 * Runs the CLI on `argv` (as `process.argv`: node, script, arguments) and resolves with the exit
 * code, also set as `process.exitCode`: 0 on success, 1 when the command failed (`error: <message>`
 * on stderr), 2 on a usage error. `floorplan start` resolves once the server listens and keeps running.
 *
 * @example
 * process.exitCode = await run(process.argv);
 */
export async function run(argv: string[], ctx: CliContext = createCliContext(process.env)): Promise<number> {
  let code = 0;
  try {
    await buildProgram(ctx).parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed the message or the help text.
      code = e.exitCode === 0 ? 0 : 2;
    } else {
      ctx.note(`error: ${e instanceof Error ? e.message : String(e)}`);
      code = 1;
    }
  }
  process.exitCode = code;
  return code;
}
