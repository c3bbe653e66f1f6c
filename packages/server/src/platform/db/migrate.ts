import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';
import { splitSqlScript } from './split-sql-script.js';

/** Committed SQL migrations, applied in file-name order, each once, each in its own transaction. */
export const migrationsDir = fileURLToPath(new URL('../../../src/platform/db/migrations/', import.meta.url));

export async function listMigrations(dir = migrationsDir): Promise<{ version: string; sql: string }[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(files.map(async (f) => ({ version: f.replace(/\.sql$/, ''), sql: await readFile(dir + f, 'utf8') })));
}

/** Applies pending migrations; returns the versions it applied. Safe when several processes start at once. */
export async function migrate(db: Db, dir = migrationsDir): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: string[] = [];
  for (const m of await listMigrations(dir)) {
    const done = await db.transaction(async (tx) => {
      // Serialises concurrent migrators on PostgreSQL; the re-check below makes the loser skip.
      await tx.query('SELECT pg_advisory_xact_lock(7262554)');
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (seen.rowCount > 0) return false;
      // One statement per query: PGlite's parameterised `query` refuses several at once.
      for (const statement of splitSqlScript(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
