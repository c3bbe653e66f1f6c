import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test-support/test-db.js';
import { listMigrations, migrate } from './migrate.js';

describe('database adapter', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.close();
  });

  it('applies every committed migration once', async () => {
    const versions = (await listMigrations()).map((m) => m.version);
    const rows = await t.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.rows.map((r) => r.version)).toEqual(versions);
    expect(await migrate(t.db)).toEqual([]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await t.db.exec('CREATE TABLE tx_probe (n int PRIMARY KEY)');
    await t.db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES ($1)', [1]);
    });
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES ($1)', [2]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await t.db.query<{ n: number }>('SELECT n FROM tx_probe ORDER BY n');
    expect(rows.rows).toEqual([{ n: 1 }]);
  });

  it('reports affected rows for writes', async () => {
    await t.db.exec('CREATE TABLE count_probe (n int PRIMARY KEY)');
    const r = await t.db.query('INSERT INTO count_probe SELECT g FROM generate_series(1, 3) g ON CONFLICT DO NOTHING');
    expect(r.rowCount).toBe(3);
    const again = await t.db.query('INSERT INTO count_probe SELECT g FROM generate_series(1, 4) g ON CONFLICT DO NOTHING');
    expect(again.rowCount).toBe(1);
  });
});
