import pg from 'pg';
import type { Db } from '../platform/db/db.js';
import { migrate } from '../platform/db/migrate.js';
import { createPgDb } from '../platform/db/pg-db.js';
import { createPgliteDb } from '../platform/db/pglite-db.js';
import { testDatabaseUrl, testTarget, uniqueName } from './test-target.js';

export interface TestDb {
  db: Db;
  /** Set on PostgreSQL: the schema this test file owns (dropped on close). */
  schema?: string;
  close(): Promise<void>;
}

/**
 * A migrated database of the current test target that belongs to one test file: an in-memory PGlite,
 * or a fresh schema in PostgreSQL. A PostgreSQL that does not answer fails the test loudly.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  let testDb: TestDb;
  if (testTarget() === 'embedded') {
    const db = await createPgliteDb();
    testDb = { db, close: () => db.close() };
  } else {
    const schema = uniqueName('t').toLowerCase();
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = await createPgDb({ connectionString: testDatabaseUrl, schema, max: 5 });
    testDb = {
      db,
      schema,
      async close() {
        await db.close();
        const c = new pg.Client({ connectionString: testDatabaseUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  if (options.migrate !== false) await migrate(testDb.db);
  return testDb;
}
