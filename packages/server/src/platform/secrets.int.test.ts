import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-support/test-db.js';
import { testTarget } from '../test-support/test-target.js';
import { getOrCreateSecret } from './secrets.js';

describe(`getOrCreateSecret (${testTarget()})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a secret once and returns the stored one afterwards', async () => {
    let created = 0;
    const make = () => `value-${++created}`;
    expect(await getOrCreateSecret(t.db, 'object-url-hmac', make)).toBe('value-1');
    expect(await getOrCreateSecret(t.db, 'object-url-hmac', make)).toBe('value-1');
    expect(created).toBe(1);
    const { rows } = await t.db.query<{ name: string; value: string }>('SELECT name, value FROM platform_secret ORDER BY name');
    expect(rows).toEqual([{ name: 'object-url-hmac', value: 'value-1' }]);
  });

  it('keeps secrets of different names apart', async () => {
    expect(await getOrCreateSecret(t.db, 'jwt-signing', () => 'jwt')).toBe('jwt');
    expect(await getOrCreateSecret(t.db, 'object-url-hmac', () => 'other')).toBe('value-1');
  });

  it('gives every concurrent first caller the same value', async () => {
    const values = await Promise.all(
      Array.from({ length: 8 }, (_, i) => getOrCreateSecret(t.db, 'raced', () => `candidate-${i}`)),
    );
    expect(new Set(values).size).toBe(1);
    const { rows } = await t.db.query<{ value: string }>('SELECT value FROM platform_secret WHERE name = $1', ['raced']);
    expect(values[0]).toBe(rows[0]?.value);
    expect(values[0]).toMatch(/^candidate-[0-7]$/);
  });

  it('works inside a transaction', async () => {
    const value = await t.db.transaction((tx) => getOrCreateSecret(tx, 'in-tx', () => 'tx-value'));
    expect(value).toBe('tx-value');
    expect(await getOrCreateSecret(t.db, 'in-tx', () => 'ignored')).toBe('tx-value');
  });
});
