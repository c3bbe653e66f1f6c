import pg from 'pg';
import { testDatabaseUrl, uniqueName } from './test-target.js';

/** A fresh PostgreSQL schema for one test file or process, and a URL whose search path is it. */
export async function createPgSchema(prefix: string): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = uniqueName(prefix).toLowerCase();
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: testDatabaseUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    url: `${testDatabaseUrl}${testDatabaseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: () => run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}
