import type { Queryable } from './db/db.js';

/**
 * The shared secret `name`, created with `create()` the first time any node asks. Concurrent first
 * calls (several nodes booting at once) agree on one value: each tries to insert its own and then
 * everyone reads whichever insert won.
 *
 * @example
 * const secret = await getOrCreateSecret(db, 'object-url-hmac', () => randomBytes(32).toString('hex'));
 */
export async function getOrCreateSecret(db: Queryable, name: string, create: () => string): Promise<string> {
  const existing = await readSecret(db, name);
  if (existing !== undefined) return existing;
  await db.query('INSERT INTO platform_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, create()]);
  const stored = await readSecret(db, name);
  if (stored === undefined) throw new Error(`secret ${name} was neither found nor stored`);
  return stored;
}

async function readSecret(db: Queryable, name: string): Promise<string | undefined> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM platform_secret WHERE name = $1', [name]);
  return rows[0]?.value;
}
