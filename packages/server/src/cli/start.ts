import type { Command } from 'commander';

/** `floorplan start`: runs the server in this process until SIGINT or SIGTERM. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the server (configured by environment variables: docs/configuration.md)')
    .action(async () => {
      // Loaded on demand: the other commands do not need Fastify and the HTTP stack.
      const { main } = await import('../main.js');
      await main();
    });
}
