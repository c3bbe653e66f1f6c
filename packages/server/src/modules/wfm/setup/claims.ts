import type { Queryable } from '../../../platform/db/db.js';
import { conflict } from './entity-http.js';

/** `source` absent = any ACD, stored as `*`. */
const ANY = '*';

/** One claimed `(source, value)` pair of a claim table (`employee_acd_login`, `skill_queue`). */
export interface Claim {
  source?: string | undefined;
  value: string;
}

export interface ClaimTable {
  /** e.g. `skill_queue` */
  table: string;
  valueColumn: string;
  ownerColumn: string;
  /** The owners' table, for the holder's name. */
  ownerTable: string;
  ownerNoun: string;
  /** Body field listing the claims, e.g. `acdQueues`. */
  field: string;
  /** Word for one claimed value, e.g. `queue`. */
  valueNoun: string;
}

/**
 * Rejects claims another owner already holds (§1.2, §1.4): 409 on the first such item, naming the
 * holder. Keys compare exactly on `(source ?? "*", value)`, so a qualified claim may sit beside an
 * unqualified one.
 * @example await assertUnclaimed(tx, tenantId, skillId, queuesTable, [{ value: '8057' }]) // 409 "queue '8057' belongs to skill 'Sales' (…)"
 */
export async function assertUnclaimed(tx: Queryable, tenantId: string, ownerId: string, t: ClaimTable, claims: readonly Claim[]): Promise<void> {
  if (claims.length === 0) return;
  const held = await tx.query<{ source: string; value: string; owner_id: string; name: string }>(
    `SELECT c.source, c.${t.valueColumn} AS value, c.${t.ownerColumn} AS owner_id, o.name FROM ${t.table} c
       JOIN ${t.ownerTable} o ON o.tenant_id = c.tenant_id AND o.id = c.${t.ownerColumn}
      WHERE c.tenant_id = $1 AND c.${t.ownerColumn} <> $2
        AND (c.source, c.${t.valueColumn}) IN (SELECT * FROM unnest($3::text[], $4::text[]))
      ORDER BY c.${t.valueColumn}, c.source LIMIT 1`,
    [tenantId, ownerId, claims.map((c) => c.source ?? ANY), claims.map((c) => c.value)],
  );
  const first = held.rows[0];
  if (!first) return;
  const i = claims.findIndex((c) => (c.source ?? ANY) === first.source && c.value === first.value);
  const what = first.source === ANY ? `${t.valueNoun} '${first.value}'` : `${t.valueNoun} '${first.value}' of source '${first.source}'`;
  throw conflict(`${t.field}[${i}]`, `${what} ${t.ownerNoun === 'employee' ? 'is held by' : 'belongs to'} ${t.ownerNoun} '${first.name}' (${first.owner_id})`);
}

/**
 * Replaces an owner's claims with `claims` (after `assertUnclaimed`).
 * @example await replaceClaims(tx, tenantId, skillId, queuesTable, [{ value: '8057' }])
 */
export async function replaceClaims(tx: Queryable, tenantId: string, ownerId: string, t: ClaimTable, claims: readonly Claim[]): Promise<void> {
  await tx.query(`DELETE FROM ${t.table} WHERE tenant_id = $1 AND ${t.ownerColumn} = $2`, [tenantId, ownerId]);
  await tx.query(
    `INSERT INTO ${t.table} (tenant_id, source, ${t.valueColumn}, ${t.ownerColumn}) SELECT $1, s, v, $2 FROM unnest($3::text[], $4::text[]) AS x(s, v)`,
    [tenantId, ownerId, claims.map((c) => c.source ?? ANY), claims.map((c) => c.value)],
  );
}

/** Stored claims back to the wire shape (`source` left out for any ACD). */
export const claimSource = (source: string): { source?: string } => (source === ANY ? {} : { source });
