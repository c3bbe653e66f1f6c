import { z } from 'zod';
import { roleSchema } from './auth.js';

/** Admin API (`/admin/v1`): what the CLI and tenant administrators use to manage tenants, users and keys. */
export const tenantNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be 1-63 letters, digits, dots, dashes or underscores');

export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['ACTIVE', 'DISABLED']),
  createdAt: z.string(),
});
export type Tenant = z.infer<typeof tenantSchema>;

export const createTenantRequestSchema = z.object({ name: tenantNameSchema });

export const createUserRequestSchema = z.object({
  email: z.string().min(3).max(320).regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'),
  name: z.string().max(200).optional(),
  role: roleSchema,
  password: z.string().min(8, 'must be at least 8 characters').max(200).optional(),
  /** Limits the user's WFM reads (RTA, adherence, schedules) to these scheduling units; absent = all. */
  schedulingUnitIds: z.array(z.uuid()).max(1000).optional(),
});

export const userSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  status: z.enum(['ACTIVE', 'DISABLED']),
  schedulingUnitIds: z.array(z.string()).nullable(),
});

export const keyPurposeSchema = z.enum(['acd-connector', 'general']);

export const createKeyRequestSchema = z.object({
  /** Owner of the key; default: the tenant's connector user (created on first use, empty role). */
  userEmail: z.string().min(3).max(320).optional(),
  purpose: keyPurposeSchema.default('acd-connector'),
});

const printable = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 printable ASCII characters');

export const importKeyRequestSchema = createKeyRequestSchema.extend({
  accessKeyId: printable,
  accessKeySecret: printable,
});

/** The only time a secret leaves the server. */
export const createdKeySchema = z.object({
  accessKeyId: z.string(),
  accessKeySecret: z.string(),
  tenantId: z.string(),
  userId: z.string(),
});

export const accessKeySummarySchema = z.object({
  accessKeyId: z.string(),
  userId: z.string(),
  userEmail: z.string(),
  purpose: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** Answer of a signing-key rotation: the new key id and how many public keys the JWKS now lists. */
export const rotatedSigningKeySchema = z.object({ kid: z.string(), publicKeys: z.number().int() });
