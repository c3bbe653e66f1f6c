import {
  accessKeySummarySchema,
  createdKeySchema,
  createKeyRequestSchema,
  createTenantRequestSchema,
  createUserRequestSchema,
  importKeyRequestSchema,
  rotatedSigningKeySchema,
  tenantSchema,
  userSchema,
} from '@floorplan/contracts';
import { z } from 'zod';
import { publicUrl, type Config } from '../config.js';
import { createAdminOperations } from '../modules/identity/admin-operations.js';
import { createIdentityService } from '../modules/identity/service.js';
import { createBus } from '../platform/bus/create-bus.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../platform/create-platform.js';
import type { Db } from '../platform/db/db.js';
import { migrate } from '../platform/db/migrate.js';
import { isAppError } from '../platform/http/app-error.js';
import { AdminError } from './admin-error.js';

export type AdminTenant = z.infer<typeof tenantSchema>;
export type AdminUser = z.infer<typeof userSchema>;
export type CreatedAccessKey = z.infer<typeof createdKeySchema>;
export type AccessKeySummary = z.infer<typeof accessKeySummarySchema>;
export type CreateUserInput = z.input<typeof createUserRequestSchema>;
export type CreateKeyInput = z.input<typeof createKeyRequestSchema>;
export type ImportKeyInput = z.input<typeof importKeyRequestSchema>;

const importedKeySchema = z.object({ accessKeyId: z.string(), tenantId: z.string(), userId: z.string() });
const revokedKeySchema = z.object({ accessKeyId: z.string(), revoked: z.boolean() });
export type ImportedAccessKey = z.infer<typeof importedKeySchema>;
export type RevokedAccessKey = z.infer<typeof revokedKeySchema>;

/**
 * What the CLI does to tenants, users and keys. Two implementations with the same behaviour: one on
 * the database, one through a running server's admin API (see pick-admin-client.ts for which).
 * Failures reject with {@link AdminError}.
 */
export interface AdminClient {
  /** How this client reaches the data, for messages: `database` or `server <url>`. */
  readonly via: string;
  createTenant(name: string): Promise<AdminTenant>;
  listTenants(): Promise<AdminTenant[]>;
  createUser(tenant: string, input: CreateUserInput): Promise<AdminUser>;
  listUsers(tenant: string): Promise<AdminUser[]>;
  /** The only call that returns a key secret. */
  createKey(tenant: string, input: CreateKeyInput): Promise<CreatedAccessKey>;
  importKey(tenant: string, input: ImportKeyInput): Promise<ImportedAccessKey>;
  listKeys(tenant: string): Promise<AccessKeySummary[]>;
  revokeKey(tenant: string, accessKeyId: string): Promise<RevokedAccessKey>;
  rotateSigningKey(): Promise<z.infer<typeof rotatedSigningKeySchema>>;
  close(): Promise<void>;
}

/**
 * Validates input with the admin API's own request schemas, so the direct path refuses exactly what
 * the HTTP path would (same codes, same paths).
 */
function checked<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AdminError(
    'VALIDATION_FAILED',
    parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

/** Runs an operation, turning the server-side AppError into the CLI's AdminError. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isAppError(e)) throw new AdminError(e.code, e.details.length > 0 ? e.details : [{ path: '', message: e.message }]);
    throw e;
  }
}

/**
 * Opens the configured database itself (PGlite in DATA_DIR or PostgreSQL), applies pending
 * migrations and runs the admin operations in this process. Call `close()` when done.
 *
 * @example
 * const admin = await createDirectAdminClient(loadConfig(process.env));
 * try { await admin.createTenant('acme'); } finally { await admin.close(); }
 */
export async function createDirectAdminClient(config: Config): Promise<AdminClient> {
  const db: Db = await openDatabase(config);
  const cleanup: (() => Promise<void>)[] = [() => db.close()];
  const close = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    cleanup.length = 0;
  };
  try {
    await migrate(db);
    // The identity service publishes key revocations on the bus so other nodes drop sessions at once.
    const bus = await createBus(config);
    cleanup.push(() => bus.close());
    const identity = await createIdentityService({
      db,
      bus,
      clock: systemClock,
      issuer: publicUrl(config),
      accessTokenTtlS: config.AUTH_ACCESS_TOKEN_TTL_S,
      refreshTokenTtlS: config.AUTH_REFRESH_TOKEN_TTL_S,
      familyMaxS: config.AUTH_FAMILY_MAX_S,
      ...(config.JWT_PRIVATE_KEY ? { jwtPrivateKeyPem: config.JWT_PRIVATE_KEY } : {}),
    });
    cleanup.push(() => identity.close());
    const ops = createAdminOperations(identity);
    return {
      via: 'database',
      createTenant: (name) => mapped(() => ops.createTenant(checked(createTenantRequestSchema, { name }).name)),
      listTenants: () => mapped(() => ops.listTenants()),
      createUser: (tenant, input) =>
        mapped(() => {
          const { email, role, name, password, schedulingUnitIds } = checked(createUserRequestSchema, input);
          return ops.createUser(tenant, { email, role, ...(name ? { name } : {}), ...(password ? { password } : {}), ...(schedulingUnitIds ? { schedulingUnitIds } : {}) });
        }),
      listUsers: (tenant) => mapped(() => ops.listUsers(tenant)),
      createKey: (tenant, input) =>
        mapped(() => {
          const { userEmail, purpose } = checked(createKeyRequestSchema, input);
          return ops.createKey(tenant, { purpose, ...(userEmail ? { userEmail } : {}) });
        }),
      importKey: (tenant, input) =>
        mapped(() => {
          const { userEmail, ...rest } = checked(importKeyRequestSchema, input);
          return ops.importKey(tenant, { ...rest, ...(userEmail ? { userEmail } : {}) });
        }),
      listKeys: (tenant) => mapped(() => ops.listKeys(tenant)),
      revokeKey: (tenant, accessKeyId) => mapped(() => ops.revokeKey(tenant, accessKeyId)),
      rotateSigningKey: () => mapped(() => ops.rotateSigningKey()),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

const failureSchema = z.object({
  statusReason: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
});

/**
 * Calls a running server's admin API (`/admin/v1`) with the operator secret as bearer token. Error
 * bodies `{status, statusReason, errors}` become an {@link AdminError} naming the reason and paths.
 *
 * @example
 * const admin = createHttpAdminClient('http://localhost:8080', await operatorSecret(config.DATA_DIR));
 * const tenants = await admin.listTenants();
 */
export function createHttpAdminClient(url: string, operatorSecret: string): AdminClient {
  const base = url.replace(/\/+$/, '');
  const tenantPath = (tenant: string) => `/admin/v1/tenants/${encodeURIComponent(tenant)}`;

  async function call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${operatorSecret}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      const cause = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      throw new AdminError('UNAVAILABLE', [{ path: '', message: `cannot reach the running server at ${base}: ${cause}` }]);
    }
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      // A non-JSON answer (a proxy's HTML page) is reported by its HTTP status below.
    }
    if (!response.ok) {
      const failure = failureSchema.safeParse(json);
      if (failure.success) throw new AdminError(failure.data.statusReason, failure.data.errors);
      throw new AdminError(`HTTP_${response.status}`, [{ path: '', message: `${method} ${path} answered ${response.status}` }]);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AdminError('INTERNAL_ERROR', [{ path: '', message: `unexpected answer from ${method} ${path}` }]);
    }
    return parsed.data;
  }

  return {
    via: `server ${base}`,
    createTenant: (name) => call('POST', '/admin/v1/tenants', tenantSchema, { name }),
    listTenants: async () => (await call('GET', '/admin/v1/tenants', z.object({ tenants: z.array(tenantSchema) }))).tenants,
    createUser: (tenant, input) => call('POST', `${tenantPath(tenant)}/users`, userSchema, input),
    listUsers: async (tenant) => (await call('GET', `${tenantPath(tenant)}/users`, z.object({ users: z.array(userSchema) }))).users,
    createKey: (tenant, input) => call('POST', `${tenantPath(tenant)}/keys`, createdKeySchema, input),
    importKey: (tenant, input) => call('POST', `${tenantPath(tenant)}/keys/import`, importedKeySchema, input),
    listKeys: async (tenant) =>
      (await call('GET', `${tenantPath(tenant)}/keys`, z.object({ keys: z.array(accessKeySummarySchema) }))).keys,
    revokeKey: (tenant, accessKeyId) =>
      call('DELETE', `${tenantPath(tenant)}/keys/${encodeURIComponent(accessKeyId)}`, revokedKeySchema),
    rotateSigningKey: () => call('POST', '/admin/v1/signing-keys/rotate', rotatedSigningKeySchema),
    close: async () => {},
  };
}
