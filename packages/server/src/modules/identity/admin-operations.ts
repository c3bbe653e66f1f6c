import { AppError } from '../../platform/http/app-error.js';
import type { KeyPurpose, Role } from './roles.js';
import type { IdentityService } from './service.js';
import type { TenantRow, UserRow } from './repo.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const tenantView = (t: TenantRow) => ({ id: t.id, name: t.name, status: t.status, createdAt: new Date(t.created_at).toISOString() });
export const userView = (u: UserRow) => ({ id: u.id, tenantId: u.tenant_id, email: u.email, name: u.name, role: u.role, status: u.status, schedulingUnitIds: u.scheduling_unit_ids });

/**
 * What an operator does to tenants, users and keys, by tenant name. The CLI runs these directly on
 * the database or, while a server owns an embedded data dir, through the admin API, which calls the
 * same functions.
 */
export function createAdminOperations(identity: IdentityService) {
  async function tenant(name: string): Promise<TenantRow> {
    const t = await identity.tenantByName(name);
    if (!t) throw new AppError('NOT_FOUND', `no tenant ${name}`, [{ path: 'tenant', message: `no tenant named ${name}` }]);
    return t;
  }

  /** The user a connector key belongs to when none is named: one per tenant, with an empty role. */
  async function keyOwner(t: TenantRow, email: string | undefined): Promise<UserRow> {
    const address = email ?? `acd-connector@${t.name}.invalid`;
    const existing = await identity.userByEmail(t.id, address);
    if (existing) return existing;
    if (email) throw new AppError('NOT_FOUND', `no user ${email}`, [{ path: 'userEmail', message: 'no such user in the tenant' }]);
    return identity.createUser({ tenantId: t.id, email: address, name: 'ACD connector', role: 'none' });
  }

  return {
    tenant,
    createTenant: async (name: string) => tenantView(await identity.createTenant(name)),
    listTenants: async () => (await identity.listTenants()).map(tenantView),
    async createUser(tenantName: string, input: { email: string; name?: string; role: Role; password?: string; schedulingUnitIds?: string[] }) {
      const t = await tenant(tenantName);
      return userView(await identity.createUser({ tenantId: t.id, ...input }));
    },
    async listUsers(tenantName: string) {
      return (await identity.listUsers((await tenant(tenantName)).id)).map(userView);
    },
    async createKey(tenantName: string, input: { userEmail?: string; purpose: KeyPurpose }) {
      const t = await tenant(tenantName);
      const owner = await keyOwner(t, input.userEmail);
      const key = await identity.createAccessKey({ tenantId: t.id, userId: owner.id, purpose: input.purpose });
      return { ...key, tenantId: t.id, userId: owner.id };
    },
    async importKey(tenantName: string, input: { userEmail?: string; purpose: KeyPurpose; accessKeyId: string; accessKeySecret: string }) {
      const t = await tenant(tenantName);
      const owner = await keyOwner(t, input.userEmail);
      await identity.importAccessKey({ tenantId: t.id, userId: owner.id, ...input });
      return { accessKeyId: input.accessKeyId, tenantId: t.id, userId: owner.id };
    },
    async listKeys(tenantName: string) {
      const rows = await identity.listAccessKeys((await tenant(tenantName)).id);
      return rows.map((k) => ({
        accessKeyId: k.id,
        userId: k.user_id,
        userEmail: k.email,
        purpose: k.purpose,
        createdAt: new Date(k.created_at).toISOString(),
        lastUsedAt: iso(k.last_used_at),
        revokedAt: iso(k.revoked_at),
      }));
    },
    /** New ES256 key for new tokens; tokens of the old one stay valid (its public key stays in the JWKS). */
    async rotateSigningKey() {
      const key = await identity.rotateSigningKey();
      return { kid: key.kid, publicKeys: identity.jwks().keys.length };
    },
    async revokeKey(tenantName: string, accessKeyId: string) {
      const t = await tenant(tenantName);
      if (!(await identity.revokeAccessKey(t.id, accessKeyId))) {
        throw new AppError('NOT_FOUND', 'no such active key', [{ path: 'accessKeyId', message: 'no active key with this id in the tenant' }]);
      }
      return { accessKeyId, revoked: true };
    },
  };
}

export type AdminOperations = ReturnType<typeof createAdminOperations>;
