import type { Command } from 'commander';
import { openDatabase } from '../platform/create-platform.js';
import { migrate } from '../platform/db/migrate.js';
import { CliError } from './cli-error.js';
import type { CliContext } from './cli-context.js';
import { embeddedOwner } from './pick-admin-client.js';

/**
 * `floorplan migrate`: applies pending migrations to the configured database. Always direct: a
 * running server migrated its database when it started, and an embedded one must not be opened by a
 * second process, so that case is refused rather than routed through the server.
 */
export function registerMigrateCommand(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('apply pending database migrations (the server also applies them when it starts)')
    .action(async () => {
      const config = ctx.config();
      const owner = await embeddedOwner(config);
      if (owner) {
        throw new CliError(
          `the running server (pid ${owner.pid}, ${owner.url}) owns ${config.DATA_DIR} and migrated it when it started; stop it to run migrate`,
        );
      }
      const db = await openDatabase(config);
      try {
        const applied = await migrate(db);
        ctx.out(applied.length > 0 ? `applied ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await db.close();
      }
    });
}
