import type { Db as PgBossDb } from 'pg-boss';
import type { Db } from '../db/db.js';
import { splitSqlScript } from '../db/split-sql-script.js';

/**
 * Our Db as pg-boss's `db` option, so pg-boss runs on the same database as the data, PGlite included.
 * pg-boss sends parameterised statements one at a time, and parameterless scripts (schema install,
 * migrations, `BEGIN; ...; COMMIT;` maintenance blocks) that rely on the simple query protocol.
 * PGlite's `query` takes one statement and our `exec` returns no rows, so a script is split into its
 * statements and run in one transaction (which is also how PostgreSQL runs an unwrapped multi-
 * statement query); the rows of all its statements come back, as pg-boss reads them from `pg`.
 *
 * @example
 * const boss = new PgBoss({ db: toPgBossDb(db), schema: 'pgboss' });
 */
export function toPgBossDb(db: Db): PgBossDb {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return { rows: (await db.query(text, values)).rows };
      const statements = splitSqlScript(text);
      const [only] = statements;
      if (only === undefined) return { rows: [] };
      if (statements.length === 1) return { rows: (await db.query(only)).rows };
      return { rows: await runScript(db, statements) };
    },
  };
}

const begin = /^(BEGIN|START\s+TRANSACTION)\b/i;
const commit = /^(COMMIT|END)\b/i;
const control = /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE)\b/i;

async function runScript(db: Db, statements: string[]): Promise<unknown[]> {
  let body = statements;
  const first = statements[0] ?? '';
  const last = statements[statements.length - 1] ?? '';
  if (begin.test(first) && commit.test(last)) body = statements.slice(1, -1);
  const stray = body.find((s) => control.test(s));
  // Our transaction owns BEGIN/COMMIT; a script that manages its own in the middle cannot be replayed faithfully.
  if (stray) throw new Error(`pg-boss script has transaction control inside it: ${stray.slice(0, 60)}`);
  return db.transaction(async (tx) => {
    const rows: unknown[] = [];
    for (const statement of body) rows.push(...(await tx.query(statement)).rows);
    return rows;
  });
}
