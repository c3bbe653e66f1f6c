import type { Db } from '../platform/db/db.js';
import { migrate } from '../platform/db/migrate.js';
import { createPgDb } from '../platform/db/pg-db.js';
import { createPgliteDb } from '../platform/db/pglite-db.js';
import { createPgSchema } from './pg-schema.js';
import { testDatabaseUrl, testTarget } from './test-target.js';

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
    const pgSchema = await createPgSchema('t');
    const db = await createPgDb({ connectionString: testDatabaseUrl, schema: pgSchema.schema, max: 5 });
    testDb = {
      db,
      schema: pgSchema.schema,
      async close() {
        await db.close();
        await pgSchema.drop();
      },
    };
  }
  if (options.migrate !== false) await migrate(testDb.db);
  return testDb;
}
