import type { Queryable } from '../../platform/db/db.js';
import type { KeyPurpose } from './roles.js';

export interface TenantRow {
  id: string;
  name: string;
  status: 'ACTIVE' | 'DISABLED';
  created_at: Date;
}

export interface UserRow {
  tenant_id: string;
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  status: 'ACTIVE' | 'DISABLED';
  /** Scheduling units the user is limited to; null = all. */
  scheduling_unit_ids: string[] | null;
}

export interface KeyLoginRow {
  tenant_id: string;
  tenant_name: string;
  tenant_status: 'ACTIVE' | 'DISABLED';
  id: string;
  user_id: string;
  user_name: string;
  user_email: string;
  user_status: 'ACTIVE' | 'DISABLED';
  role: string;
  scheduling_unit_ids: string[] | null;
  purpose: KeyPurpose;
  secret_hash: string;
  revoked_at: Date | null;
}

export interface RefreshRow {
  tenant_id: string;
  token_hash: string;
  session_id: string;
  expires_at: Date;
  used_at: Date | null;
  session_expires_at: Date;
  session_revoked_at: Date | null;
  user_id: string;
  access_key_id: string | null;
}

/** SQL of the identity module. Every statement that touches tenant data is scoped by tenant_id. */
export const identityRepo = {
  async insertTenant(db: Queryable, id: string, name: string): Promise<TenantRow> {
    const r = await db.query<TenantRow>('INSERT INTO tenant (id, name) VALUES ($1, $2) RETURNING *', [id, name]);
    return r.rows[0] as TenantRow;
  },
  async tenantByName(db: Queryable, name: string): Promise<TenantRow | null> {
    return (await db.query<TenantRow>('SELECT * FROM tenant WHERE name = $1', [name])).rows[0] ?? null;
  },
  async tenantById(db: Queryable, id: string): Promise<TenantRow | null> {
    return (await db.query<TenantRow>('SELECT * FROM tenant WHERE id = $1', [id])).rows[0] ?? null;
  },
  async listTenants(db: Queryable): Promise<TenantRow[]> {
    return (await db.query<TenantRow>('SELECT * FROM tenant ORDER BY name')).rows;
  },
  async setTenantStatus(db: Queryable, id: string, status: 'ACTIVE' | 'DISABLED'): Promise<void> {
    await db.query('UPDATE tenant SET status = $2 WHERE id = $1', [id, status]);
  },
  async insertUser(db: Queryable, u: Omit<UserRow, 'status'>): Promise<UserRow> {
    const r = await db.query<UserRow>(
      `INSERT INTO app_user (tenant_id, id, email, name, role, password_hash, scheduling_unit_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [u.tenant_id, u.id, u.email, u.name, u.role, u.password_hash, u.scheduling_unit_ids],
    );
    return r.rows[0] as UserRow;
  },
  async userByEmail(db: Queryable, tenantId: string, email: string): Promise<UserRow | null> {
    const r = await db.query<UserRow>('SELECT * FROM app_user WHERE tenant_id = $1 AND lower(email) = lower($2)', [
      tenantId,
      email,
    ]);
    return r.rows[0] ?? null;
  },
  async userById(db: Queryable, tenantId: string, id: string): Promise<UserRow | null> {
    const r = await db.query<UserRow>('SELECT * FROM app_user WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r.rows[0] ?? null;
  },
  async listUsers(db: Queryable, tenantId: string): Promise<UserRow[]> {
    return (await db.query<UserRow>('SELECT * FROM app_user WHERE tenant_id = $1 ORDER BY email', [tenantId])).rows;
  },
  async insertKey(
    db: Queryable,
    k: { tenant_id: string; id: string; user_id: string; purpose: KeyPurpose; secret_hash: string },
  ): Promise<void> {
    await db.query(
      'INSERT INTO access_key (tenant_id, id, user_id, purpose, secret_hash) VALUES ($1, $2, $3, $4, $5)',
      [k.tenant_id, k.id, k.user_id, k.purpose, k.secret_hash],
    );
  },
  async keyForLogin(db: Queryable, keyId: string): Promise<KeyLoginRow | null> {
    const r = await db.query<KeyLoginRow>(
      `SELECT k.tenant_id, t.name AS tenant_name, t.status AS tenant_status, k.id, k.user_id,
              u.name AS user_name, u.email AS user_email, u.status AS user_status, u.role, u.scheduling_unit_ids, k.purpose,
              k.secret_hash, k.revoked_at
         FROM access_key k
         JOIN tenant t ON t.id = k.tenant_id
         JOIN app_user u ON u.tenant_id = k.tenant_id AND u.id = k.user_id
        WHERE k.id = $1`,
      [keyId],
    );
    return r.rows[0] ?? null;
  },
  async listKeys(db: Queryable, tenantId: string) {
    return (
      await db.query<{ id: string; user_id: string; email: string; purpose: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
        `SELECT k.id, k.user_id, u.email, k.purpose, k.created_at, k.last_used_at, k.revoked_at
           FROM access_key k JOIN app_user u ON u.tenant_id = k.tenant_id AND u.id = k.user_id
          WHERE k.tenant_id = $1 ORDER BY k.created_at`,
        [tenantId],
      )
    ).rows;
  },
  async touchKey(db: Queryable, tenantId: string, keyId: string, at: Date): Promise<void> {
    await db.query('UPDATE access_key SET last_used_at = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, keyId, at]);
  },
  async revokeKey(db: Queryable, tenantId: string, keyId: string, at: Date): Promise<boolean> {
    const r = await db.query(
      'UPDATE access_key SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL',
      [tenantId, keyId, at],
    );
    return r.rowCount > 0;
  },
  async insertSession(
    db: Queryable,
    s: { tenant_id: string; id: string; user_id: string; access_key_id: string | null; created_at: Date; expires_at: Date },
  ): Promise<void> {
    await db.query(
      `INSERT INTO auth_session (tenant_id, id, user_id, access_key_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.tenant_id, s.id, s.user_id, s.access_key_id, s.created_at, s.expires_at],
    );
  },
  async revokeSessions(
    db: Queryable,
    tenantId: string,
    where: { sessionId?: string; accessKeyId?: string },
    at: Date,
    reason: string,
  ): Promise<string[]> {
    const r = await db.query<{ id: string }>(
      `UPDATE auth_session SET revoked_at = $4, revoked_reason = $5
        WHERE tenant_id = $1 AND revoked_at IS NULL AND expires_at > $4
          AND (id = $2::uuid OR access_key_id = $3)
        RETURNING id`,
      [tenantId, where.sessionId ?? null, where.accessKeyId ?? null, at, reason],
    );
    return r.rows.map((row) => row.id);
  },
  async insertRefresh(
    db: Queryable,
    t: { tenant_id: string; token_hash: string; session_id: string; created_at: Date; expires_at: Date },
  ): Promise<void> {
    await db.query(
      `INSERT INTO refresh_token (tenant_id, token_hash, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [t.tenant_id, t.token_hash, t.session_id, t.created_at, t.expires_at],
    );
  },
  /** Locks the refresh token row so two concurrent uses cannot both rotate it. */
  async refreshForUpdate(db: Queryable, tokenHash: string): Promise<RefreshRow | null> {
    const r = await db.query<RefreshRow>(
      `SELECT rt.tenant_id, rt.token_hash, rt.session_id, rt.expires_at, rt.used_at,
              s.expires_at AS session_expires_at, s.revoked_at AS session_revoked_at, s.user_id, s.access_key_id
         FROM refresh_token rt
         JOIN auth_session s ON s.tenant_id = rt.tenant_id AND s.id = rt.session_id
        WHERE rt.token_hash = $1
          FOR UPDATE OF rt`,
      [tokenHash],
    );
    return r.rows[0] ?? null;
  },
  async markRefreshUsed(db: Queryable, tenantId: string, tokenHash: string, at: Date): Promise<void> {
    await db.query('UPDATE refresh_token SET used_at = $3 WHERE tenant_id = $1 AND token_hash = $2', [tenantId, tokenHash, at]);
  },
};
