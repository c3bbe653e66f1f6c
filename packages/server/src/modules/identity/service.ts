import { randomUUID } from 'node:crypto';
import type { Bus } from '../../platform/bus/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/db.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuthContext } from '../../platform/http/auth-context.js';
import type { AccessTokenVerifier } from '../../platform/http/auth-hook.js';
import { newAccessKeyId, newAccessKeySecret, newRefreshToken, sha256Hex } from './key-material.js';
import { identityRepo as repo, type TenantRow, type UserRow } from './repo.js';
import { createRevocations, type Revocations } from './revocations.js';
import { isRole, permissionsFor, type KeyPurpose, type Role } from './roles.js';
import { decoyHash, hashSecret, verifySecret } from './secret-hash.js';
import { loadSigningKeys, type SigningKeys } from './signing-keys.js';
import { createTokenSigner, type TokenSigner } from './tokens.js';

export interface IdentityOptions {
  db: Db;
  bus: Bus;
  clock: Clock;
  issuer: string;
  accessTokenTtlS: number;
  refreshTokenTtlS: number;
  familyMaxS: number;
  jwtPrivateKeyPem?: string;
}

/** What a successful login or refresh hands out. */
export interface TokenSet {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
  scope: string;
  sessionId: string;
}

export interface CreatedKey {
  accessKeyId: string;
  accessKeySecret: string;
}

const keyIdPattern = /^[\x21-\x7e]{1,128}$/;

export type IdentityService = Awaited<ReturnType<typeof createIdentityService>>;

/** Tenants, users, access keys and the token lifecycle (login, refresh with rotation, revocation). */
export async function createIdentityService(o: IdentityOptions) {
  const { db, clock } = o;
  const keys: SigningKeys = await loadSigningKeys(db, { pem: o.jwtPrivateKeyPem, maxTokenAgeS: o.accessTokenTtlS });
  const signer: TokenSigner = createTokenSigner(keys, o.issuer);
  const revocations: Revocations = await createRevocations(db, o.bus, clock.now());
  const tenantStatus = new Map<string, { status: string; at: number }>();

  async function issue(
    user: { tenantId: string; userId: string; name: string; permissions: string[]; schedulingUnitIds: string[] | null },
    session: { id: string; expiresAt: Date },
    now: Date,
    q: Pick<Db, 'query'>,
  ): Promise<TokenSet> {
    const refreshToken = newRefreshToken();
    const refreshExpires = new Date(Math.min(now.getTime() + o.refreshTokenTtlS * 1000, session.expiresAt.getTime()));
    const accessExpires = new Date(Math.min(now.getTime() + o.accessTokenTtlS * 1000, session.expiresAt.getTime()));
    await repo.insertRefresh(q, {
      tenant_id: user.tenantId,
      token_hash: sha256Hex(refreshToken),
      session_id: session.id,
      created_at: now,
      expires_at: refreshExpires,
    });
    const base = { tenantId: user.tenantId, userId: user.userId, now, expiresAt: accessExpires };
    return {
      accessToken: await signer.access({ ...base, permissions: user.permissions, schedulingUnitIds: user.schedulingUnitIds, sessionId: session.id }),
      idToken: await signer.id({ ...base, name: user.name }),
      refreshToken,
      expiresIn: Math.round((accessExpires.getTime() - now.getTime()) / 1000),
      refreshExpiresIn: Math.round((refreshExpires.getTime() - now.getTime()) / 1000),
      scope: user.permissions.join(' '),
      sessionId: session.id,
    };
  }

  // Inside a transaction pass its handle: PGlite has one connection, so a query on `db` would wait for the transaction.
  async function tenantIsActive(tenantId: string, nowMs: number, q: Pick<Db, 'query'> = db): Promise<boolean> {
    const cached = tenantStatus.get(tenantId);
    if (cached && nowMs - cached.at < 5000) return cached.status === 'ACTIVE';
    const t = await repo.tenantById(q, tenantId);
    tenantStatus.set(tenantId, { status: t?.status ?? 'MISSING', at: nowMs });
    return t?.status === 'ACTIVE';
  }

  const verifier: AccessTokenVerifier = {
    async verify(token): Promise<AuthContext> {
      const now = clock.now();
      const claims = await signer.verify(token, now);
      if (revocations.isRevoked(claims.sid)) throw new AppError('UNAUTHENTICATED', 'session revoked');
      if (!(await tenantIsActive(claims.tenantId, now.getTime()))) throw new AppError('TENANT_DISABLED', 'tenant is disabled');
      return {
        tenantId: claims.tenantId,
        userId: claims.sub,
        permissions: new Set(claims.permissions),
        schedulingUnitIds: claims.su ?? null,
        sessionId: claims.sid,
        tokenId: claims.jti,
      };
    },
  };

  const invalid = () => new AppError('INVALID_CREDENTIALS', 'invalid access key id or secret');

  return {
    verifier,
    jwks: () => keys.jwks(clock.now()),
    rotateSigningKey: () => keys.rotate(clock.now()),

    async createTenant(name: string): Promise<TenantRow> {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) {
        throw new AppError('VALIDATION_FAILED', 'invalid tenant name', [
          { path: 'name', message: 'must be 1-63 letters, digits, dots, dashes or underscores, starting with a letter or digit' },
        ]);
      }
      if (await repo.tenantByName(db, name)) {
        throw new AppError('CONFLICT', `tenant ${name} exists`, [{ path: 'name', message: 'already exists' }]);
      }
      return repo.insertTenant(db, randomUUID(), name);
    },
    tenantByName: (name: string) => repo.tenantByName(db, name),
    tenantById: (id: string) => repo.tenantById(db, id),
    listTenants: () => repo.listTenants(db),
    async setTenantStatus(id: string, status: 'ACTIVE' | 'DISABLED') {
      await repo.setTenantStatus(db, id, status);
      tenantStatus.delete(id);
    },

    async createUser(input: { tenantId: string; email: string; name?: string; role: Role; password?: string; schedulingUnitIds?: string[] }): Promise<UserRow> {
      if (!isRole(input.role)) throw new AppError('VALIDATION_FAILED', 'unknown role', [{ path: 'role', message: 'unknown role' }]);
      if (await repo.userByEmail(db, input.tenantId, input.email)) {
        throw new AppError('CONFLICT', `user ${input.email} exists`, [{ path: 'email', message: 'already exists' }]);
      }
      if (input.schedulingUnitIds !== undefined) {
        const known = await db.query<{ id: string }>('SELECT id FROM scheduling_unit WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [input.tenantId, input.schedulingUnitIds]);
        const missing = input.schedulingUnitIds.filter((id) => !known.rows.some((r) => r.id === id));
        if (missing.length > 0) {
          throw new AppError('VALIDATION_FAILED', 'unknown scheduling unit', missing.map((id) => ({ path: 'schedulingUnitIds', message: `no scheduling unit ${id} in this tenant` })));
        }
      }
      if (input.password !== undefined && input.password.length < 8) {
        throw new AppError('VALIDATION_FAILED', 'password too short', [{ path: 'password', message: 'must be at least 8 characters' }]);
      }
      return repo.insertUser(db, {
        tenant_id: input.tenantId,
        id: randomUUID(),
        email: input.email,
        name: input.name ?? input.email,
        role: input.role,
        password_hash: input.password === undefined ? null : await hashSecret(input.password),
        scheduling_unit_ids: input.schedulingUnitIds ?? null,
      });
    },
    userByEmail: (tenantId: string, email: string) => repo.userByEmail(db, tenantId, email),
    listUsers: (tenantId: string) => repo.listUsers(db, tenantId),

    /** Creates a key; the secret is returned here once and never again. */
    async createAccessKey(input: { tenantId: string; userId: string; purpose: KeyPurpose }): Promise<CreatedKey> {
      const key = { accessKeyId: newAccessKeyId(), accessKeySecret: newAccessKeySecret() };
      await repo.insertKey(db, {
        tenant_id: input.tenantId,
        id: key.accessKeyId,
        user_id: input.userId,
        purpose: input.purpose,
        secret_hash: await hashSecret(key.accessKeySecret),
      });
      return key;
    },
    /** Registers an existing id/secret pair so a migrated connector keeps its configuration. */
    async importAccessKey(input: { tenantId: string; userId: string; purpose: KeyPurpose } & CreatedKey): Promise<void> {
      for (const [path, value] of [
        ['accessKeyId', input.accessKeyId],
        ['accessKeySecret', input.accessKeySecret],
      ] as const) {
        if (!keyIdPattern.test(value)) {
          throw new AppError('VALIDATION_FAILED', `invalid ${path}`, [{ path, message: 'must be 1-128 printable ASCII characters' }]);
        }
      }
      if (await repo.keyForLogin(db, input.accessKeyId)) {
        throw new AppError('CONFLICT', 'access key id exists', [{ path: 'accessKeyId', message: 'already exists' }]);
      }
      await repo.insertKey(db, {
        tenant_id: input.tenantId,
        id: input.accessKeyId,
        user_id: input.userId,
        purpose: input.purpose,
        secret_hash: await hashSecret(input.accessKeySecret),
      });
    },
    listAccessKeys: (tenantId: string) => repo.listKeys(db, tenantId),
    /** Revokes a key and every session opened with it; their access tokens stop working at once. */
    async revokeAccessKey(tenantId: string, keyId: string): Promise<boolean> {
      const now = clock.now();
      const { found, sessions } = await db.transaction(async (tx) => ({
        found: await repo.revokeKey(tx, tenantId, keyId, now),
        sessions: await repo.revokeSessions(tx, tenantId, { accessKeyId: keyId }, now, 'KEY_REVOKED'),
      }));
      await revocations.revoked(tenantId, sessions);
      return found;
    },

    async loginWithAccessKey(input: { accessKeyId: string; accessKeySecret: string; tenantName?: string }): Promise<TokenSet> {
      const now = clock.now();
      const row = await repo.keyForLogin(db, input.accessKeyId);
      const ok = await verifySecret(input.accessKeySecret, row?.secret_hash ?? (await decoyHash));
      if (!row || !ok || row.revoked_at || row.user_status !== 'ACTIVE') throw invalid();
      if (input.tenantName !== undefined && input.tenantName !== '' && input.tenantName !== row.tenant_name) throw invalid();
      if (row.tenant_status !== 'ACTIVE') throw new AppError('TENANT_DISABLED', 'tenant is disabled');
      const session = { id: randomUUID(), expiresAt: new Date(now.getTime() + o.familyMaxS * 1000) };
      return db.transaction(async (tx) => {
        await repo.insertSession(tx, {
          tenant_id: row.tenant_id,
          id: session.id,
          user_id: row.user_id,
          access_key_id: row.id,
          created_at: now,
          expires_at: session.expiresAt,
        });
        await repo.touchKey(tx, row.tenant_id, row.id, now);
        return issue(
          { tenantId: row.tenant_id, userId: row.user_id, name: row.user_name, permissions: permissionsFor(row.role, row.purpose), schedulingUnitIds: row.scheduling_unit_ids },
          session,
          now,
          tx,
        );
      });
    },

    /**
     * Console sign-in of a tenant's user by email and password. Unknown tenant, unknown email, a user
     * without a password and a wrong password all give the same INVALID_CREDENTIALS, after the same
     * scrypt work (a decoy hash when there is nothing to compare), so answers do not tell which.
     */
    async loginWithPassword(input: { tenant: string; email: string; password: string }): Promise<TokenSet & { user: UserRow; tenant: TenantRow }> {
      const now = clock.now();
      const tenant = await repo.tenantByName(db, input.tenant);
      const user = tenant ? await repo.userByEmail(db, tenant.id, input.email) : null;
      const ok = await verifySecret(input.password, user?.password_hash ?? (await decoyHash));
      if (!tenant || !user || !user.password_hash || !ok || user.status !== 'ACTIVE') {
        throw new AppError('INVALID_CREDENTIALS', 'invalid tenant, email or password');
      }
      if (tenant.status !== 'ACTIVE') throw new AppError('TENANT_DISABLED', 'tenant is disabled');
      const session = { id: randomUUID(), expiresAt: new Date(now.getTime() + o.familyMaxS * 1000) };
      const tokens = await db.transaction(async (tx) => {
        await repo.insertSession(tx, { tenant_id: tenant.id, id: session.id, user_id: user.id, access_key_id: null, created_at: now, expires_at: session.expiresAt });
        return issue(
          { tenantId: tenant.id, userId: user.id, name: user.name, permissions: permissionsFor(user.role), schedulingUnitIds: user.scheduling_unit_ids },
          session,
          now,
          tx,
        );
      });
      return { ...tokens, user, tenant };
    },

    /** The user and tenant behind a verified token (the console's `GET /auth/v1/me`); null when either is gone. */
    async sessionOf(auth: AuthContext): Promise<{ user: UserRow; tenant: TenantRow } | null> {
      const tenant = await repo.tenantById(db, auth.tenantId);
      const user = tenant ? await repo.userById(db, auth.tenantId, auth.userId) : null;
      return tenant && user ? { user, tenant } : null;
    },

    /**
     * Rotates a refresh token. A token used twice means it was copied: the whole family is revoked,
     * its access tokens included, and the caller gets 401.
     */
    async refresh(refreshToken: string): Promise<TokenSet> {
      const now = clock.now();
      const outcome = await db.transaction(async (tx) => {
        const row = await repo.refreshForUpdate(tx, sha256Hex(refreshToken));
        if (!row) return { error: new AppError('UNAUTHENTICATED', 'refresh token not recognised') } as const;
        if (row.used_at) {
          const ids = await repo.revokeSessions(tx, row.tenant_id, { sessionId: row.session_id }, now, 'REFRESH_TOKEN_REUSED');
          return { error: new AppError('UNAUTHENTICATED', 'refresh token already used; session revoked'), revoke: { tenantId: row.tenant_id, ids } } as const;
        }
        if (row.session_revoked_at) return { error: new AppError('UNAUTHENTICATED', 'session revoked') } as const;
        if (row.expires_at <= now || row.session_expires_at <= now) {
          return { error: new AppError('TOKEN_EXPIRED', 'refresh token expired; log in again') } as const;
        }
        await repo.markRefreshUsed(tx, row.tenant_id, row.token_hash, now);
        const user = await repo.userById(tx, row.tenant_id, row.user_id);
        const key = row.access_key_id ? await repo.keyForLogin(tx, row.access_key_id) : null;
        if (!user || user.status !== 'ACTIVE' || (row.access_key_id && (!key || key.revoked_at))) {
          return { error: new AppError('UNAUTHENTICATED', 'credentials no longer valid') } as const;
        }
        if (!(await tenantIsActive(row.tenant_id, now.getTime(), tx))) {
          return { error: new AppError('TENANT_DISABLED', 'tenant is disabled') } as const;
        }
        const tokens = await issue(
          { tenantId: row.tenant_id, userId: user.id, name: user.name, permissions: permissionsFor(user.role, key?.purpose), schedulingUnitIds: user.scheduling_unit_ids },
          { id: row.session_id, expiresAt: row.session_expires_at },
          now,
          tx,
        );
        return { tokens } as const;
      });
      if ('revoke' in outcome && outcome.revoke) await revocations.revoked(outcome.revoke.tenantId, outcome.revoke.ids);
      if ('error' in outcome) throw outcome.error;
      return outcome.tokens;
    },

    async close() {
      keys.close();
      await revocations.close();
    },
  };
}
