import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Bus } from './bus/bus.js';
import { createBus } from './bus/create-bus.js';
import { systemClock, type Clock } from './clock.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { createPgDb } from './db/pg-db.js';
import { createPgliteDb } from './db/pglite-db.js';
import type { Jobs } from './jobs/jobs.js';
import { createJobs } from './jobs/pg-boss-jobs.js';
import { createObjectStore } from './objects/create-object-store.js';
import type { ObjectStore } from './objects/object-store.js';
import { getOrCreateSecret } from './secrets.js';

/** Every outside part the domain uses, each behind its interface. */
export interface Platform {
  db: Db;
  bus: Bus;
  objects: ObjectStore;
  jobs: Jobs;
  clock: Clock;
  /** HMAC key of locally signed object URLs (shared by every node through the database). */
  objectUrlSecret: string;
  close(): Promise<void>;
}

/** Opens the database configured (PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR). */
export async function openDatabase(config: Config): Promise<Db> {
  return config.DATABASE_URL
    ? createPgDb({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX })
    : createPgliteDb(join(config.DATA_DIR, 'db'));
}

export interface PlatformOverrides {
  db?: Db;
  bus?: Bus;
  clock?: Clock;
  objects?: ObjectStore;
  /** pg-boss schema; tests give each file its own. */
  jobsSchema?: string;
}

/** Builds the platform from the configuration; parts passed in `overrides` are used as they are. */
export async function createPlatform(config: Config, baseUrl: string, overrides: PlatformOverrides = {}): Promise<Platform> {
  const db = overrides.db ?? (await openDatabase(config));
  await migrate(db);
  const bus = overrides.bus ?? (await createBus(config));
  const objectUrlSecret = await getOrCreateSecret(db, 'object-url-hmac', () => randomBytes(32).toString('hex'));
  const objects =
    overrides.objects ?? (await createObjectStore(config, { baseUrl, secret: objectUrlSecret, dataDir: config.DATA_DIR }));
  const jobs = await createJobs(db, overrides.jobsSchema ? { schema: overrides.jobsSchema } : {});
  return {
    db,
    bus,
    objects,
    jobs,
    clock: overrides.clock ?? systemClock,
    objectUrlSecret,
    async close() {
      await jobs.stop();
      await bus.close();
      if (!overrides.db) await db.close();
    },
  };
}
