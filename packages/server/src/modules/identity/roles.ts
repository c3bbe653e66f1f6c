/**
 * Permissions by role. Access keys of purpose `acd-connector` add `wfm.acd.ingest` whatever the
 * role, because the vendor's setup gives the connector user an empty role.
 */
const wfmRead = [
  'wfm.acd.read',
  'wfm.setup.read',
  'wfm.schedules.read',
  'wfm.rta.read',
  'wfm.adherence.read',
  'wfm.intraday.read',
  'wfm.forecast.read',
  'wfm.staffing.read',
] as const;

export const rolePermissions = {
  admin: [
    'admin.users',
    'admin.keys',
    'wfm.acd.ingest',
    ...wfmRead,
    'wfm.setup.write',
    'wfm.schedules.write',
    'wfm.adherence.write',
    'wfm.forecast.write',
  ],
  supervisor: [...wfmRead, 'wfm.adherence.write'],
  analyst: [...wfmRead, 'wfm.schedules.write', 'wfm.forecast.write', 'wfm.adherence.write'],
  agent: [],
  'acd-connector': [],
  none: [],
} as const satisfies Record<string, readonly string[]>;

export type Role = keyof typeof rolePermissions;

export const roles = Object.keys(rolePermissions) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(rolePermissions, value);
}

export type KeyPurpose = 'acd-connector' | 'general';

export function permissionsFor(role: string, purpose?: KeyPurpose): string[] {
  const base: readonly string[] = isRole(role) ? rolePermissions[role] : [];
  return [...new Set([...base, ...(purpose === 'acd-connector' ? ['wfm.acd.ingest'] : [])])].sort();
}
