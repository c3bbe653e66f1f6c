import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

/** `floorplan start`: runs the server in this process until SIGINT or SIGTERM. */
export function registerStartCommand(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description('start the server (configured by environment variables: docs/configuration.md)')
    .option('--no-demo', 'do not generate or feed the living demo (same as FLOORPLAN_DEMO=false)')
    .action(async (o: { demo: boolean }) => {
      // Loaded on demand: the other commands do not need Fastify and the HTTP stack.
      const { main } = await import('../main.js');
      try {
        await main(o.demo ? {} : { demo: false });
      } catch (e) {
        // A start that fails after opening the database or the bus (e.g. the port is taken) leaves
        // them open with no handle to close them here, and the process would never end: end it.
        ctx.note(`error: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      }
    });
}
