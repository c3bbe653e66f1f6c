/**
 * Which real parts an integration test file runs against. `npm test` sets `embedded` (PGlite, memory
 * bus, fs objects); `npm run test:services` sets `services` (PostgreSQL, NATS JetStream, s3rver).
 */
export type TestTarget = 'embedded' | 'services';

export function testTarget(): TestTarget {
  const t = process.env.TEST_TARGET ?? 'embedded';
  if (t !== 'embedded' && t !== 'services') throw new Error(`TEST_TARGET must be embedded or services, got ${t}`);
  return t;
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const testNatsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
