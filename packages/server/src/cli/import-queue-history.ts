import { readFile } from 'node:fs/promises';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { writeQueueHistory, parseQueueHistoryCsv, tenantIntervalMinutes, QUEUE_HISTORY_COLUMNS } from '../modules/wfm-ingest/queue-history-import.js';
import { openDatabase } from '../platform/create-platform.js';
import type { Db } from '../platform/db/db.js';
import { migrate } from '../platform/db/migrate.js';
import { CliError } from './cli-error.js';
import type { CliContext } from './cli-context.js';
import { embeddedOwner } from './pick-admin-client.js';

/** At most this many line errors are printed; the count says how many there were. */
const MAX_PRINTED_ERRORS = 50;

/**
 * Checks and stores a queue-history CSV for the tenant named `tenant`. Any line error throws a
 * CliError listing them by line, and nothing is written.
 *
 * @example
 * await importQueueHistory(db, { tenant: 'acme', csv, now: new Date() }); // { rows: 672, windows: 672 }
 */
export async function importQueueHistory(
  db: Db,
  o: { tenant: string; csv: string; now: Date; onProgress?: (written: number, total: number) => void },
): Promise<{ rows: number; windows: number }> {
  const found = await db.query<{ id: string }>('SELECT id FROM tenant WHERE name = $1', [o.tenant]);
  const tenantId = found.rows[0]?.id;
  if (!tenantId) throw new CliError(`no tenant named ${o.tenant}`);
  const minutes = await tenantIntervalMinutes(db, tenantId);
  const { rows, errors } = parseQueueHistoryCsv(o.csv, minutes);
  if (errors.length > 0) {
    const lines = errors.slice(0, MAX_PRINTED_ERRORS).map((e) => `  line ${e.line}: ${e.field} ${e.message}`);
    const more = errors.length > MAX_PRINTED_ERRORS ? [`  … and ${errors.length - MAX_PRINTED_ERRORS} more`] : [];
    throw new CliError([`${errors.length} error(s) in the file, nothing was imported:`, ...lines, ...more].join('\n'));
  }
  try {
    return await writeQueueHistory(db, tenantId, rows, { intervalMinutes: minutes, now: o.now, onProgress: (n) => o.onProgress?.(n, rows.length) });
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(`${e.message}; nothing was imported`);
    throw e;
  }
}

/**
 * `floorplan import queue-history <file.csv> --tenant <name>`: queue history from another WFM, stored
 * like ACD queue reports so forecasts and intraday read it the same way. Direct database access only:
 * a server owning an embedded data dir must be stopped first (like `migrate`), since a bulk history
 * load is a one-off migration step, not live traffic.
 */
export function registerImportQueueHistoryCommand(program: Command, ctx: CliContext): void {
  // `import` may already exist with other subcommands.
  const group = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import data from files');
  group
    .command('queue-history')
    .description(`import queue history from a CSV with the columns ${QUEUE_HISTORY_COLUMNS.join(',')}[,paradigm][,isOutbound]; times in seconds, intervalStart UTC`)
    .argument('<file>', 'CSV file, header on the first line')
    .requiredOption('--tenant <name>', 'tenant name')
    .action(async (file: string, options: { tenant: string }) => {
      const config = ctx.config();
      const owner = await embeddedOwner(config);
      if (owner) throw new CliError(`the running server (pid ${owner.pid}, ${owner.url}) owns ${config.DATA_DIR}; stop it to import queue history`);
      let csv: string;
      try {
        csv = await readFile(file, 'utf8');
      } catch (e) {
        throw new CliError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const db = await openDatabase(config);
      const bar = new SingleBar({ stream: process.stderr, format: 'queue history [{bar}] {percentage}% | {value}/{total} rows' }, Presets.shades_classic);
      let started = false;
      try {
        await migrate(db);
        const result = await importQueueHistory(db, {
          tenant: options.tenant,
          csv,
          now: new Date(),
          onProgress: (written, total) => {
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(written);
          },
        });
        if (started) bar.stop();
        ctx.out(`imported ${result.rows} rows in ${result.windows} intervals for tenant ${options.tenant}`);
      } finally {
        if (started) bar.stop();
        await db.close();
      }
    });
}
