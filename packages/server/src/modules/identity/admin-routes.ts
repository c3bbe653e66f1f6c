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
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.js';
import { requireAuth, type AuthContext } from '../../platform/http/auth-context.js';
import { operatorTenant } from '../../platform/http/auth-hook.js';
import { createAdminOperations } from './admin-operations.js';
import type { IdentityService } from './service.js';

const tenantParams = z.object({ tenant: z.string().min(1).max(63) });
const keyParams = tenantParams.extend({ accessKeyId: z.string().min(1).max(128) });

/**
 * `/admin/v1`: tenants (operator only), users and keys (operator, or an admin of that tenant). The
 * operator is the local CLI presenting the secret in `DATA_DIR/operator.secret`.
 */
export const adminRoutes: FastifyPluginAsyncZod<{ identity: IdentityService }> = async (app, { identity }) => {
  const ops = createAdminOperations(identity);

  /** A tenant admin may only manage their own tenant; the operator may manage any. */
  async function scoped(auth: AuthContext | null, tenantName: string): Promise<string> {
    const caller = requireAuth(auth);
    const tenant = await ops.tenant(tenantName);
    if (caller.tenantId !== operatorTenant && caller.tenantId !== tenant.id) {
      throw new AppError('TENANT_MISMATCH', 'not your tenant', [{ path: 'tenant', message: 'must be the token tenant' }]);
    }
    return tenant.name;
  }

  const operatorOnly = { permissions: ['admin.operator'] } as const;
  const users = { permissions: ['admin.users'] } as const;
  const keys = { permissions: ['admin.keys'] } as const;
  const tags = ['admin'];

  app.post('/admin/v1/tenants', { config: operatorOnly, schema: { tags, body: createTenantRequestSchema, response: { 201: tenantSchema } } },
    async (request, reply) => reply.status(201).send(await ops.createTenant(request.body.name)));

  app.post('/admin/v1/signing-keys/rotate', { config: operatorOnly, schema: { tags, response: { 200: rotatedSigningKeySchema } } },
    async () => ops.rotateSigningKey());

  app.get('/admin/v1/tenants', { config: operatorOnly, schema: { tags, response: { 200: z.object({ tenants: z.array(tenantSchema) }) } } },
    async () => ({ tenants: await ops.listTenants() }));

  app.post('/admin/v1/tenants/:tenant/users',
    { config: users, schema: { tags, params: tenantParams, body: createUserRequestSchema, response: { 201: userSchema } } },
    async (request, reply) => {
      const tenant = await scoped(request.auth, request.params.tenant);
      const { email, role, name, password } = request.body;
      return reply.status(201).send(await ops.createUser(tenant, { email, role, ...(name ? { name } : {}), ...(password ? { password } : {}) }));
    });

  app.get('/admin/v1/tenants/:tenant/users',
    { config: users, schema: { tags, params: tenantParams, response: { 200: z.object({ users: z.array(userSchema) }) } } },
    async (request) => ({ users: await ops.listUsers(await scoped(request.auth, request.params.tenant)) }));

  app.post('/admin/v1/tenants/:tenant/keys',
    { config: keys, schema: { tags, params: tenantParams, body: createKeyRequestSchema, response: { 201: createdKeySchema } } },
    async (request, reply) => {
      const tenant = await scoped(request.auth, request.params.tenant);
      const { userEmail, purpose } = request.body;
      return reply.status(201).send(await ops.createKey(tenant, { purpose, ...(userEmail ? { userEmail } : {}) }));
    });

  app.post('/admin/v1/tenants/:tenant/keys/import',
    { config: keys, schema: { tags, params: tenantParams, body: importKeyRequestSchema,
      response: { 201: z.object({ accessKeyId: z.string(), tenantId: z.string(), userId: z.string() }) } } },
    async (request, reply) => {
      const tenant = await scoped(request.auth, request.params.tenant);
      const { userEmail, ...rest } = request.body;
      return reply.status(201).send(await ops.importKey(tenant, { ...rest, ...(userEmail ? { userEmail } : {}) }));
    });

  app.get('/admin/v1/tenants/:tenant/keys',
    { config: keys, schema: { tags, params: tenantParams, response: { 200: z.object({ keys: z.array(accessKeySummarySchema) }) } } },
    async (request) => ({ keys: await ops.listKeys(await scoped(request.auth, request.params.tenant)) }));

  app.delete('/admin/v1/tenants/:tenant/keys/:accessKeyId',
    { config: keys, schema: { tags, params: keyParams, response: { 200: z.object({ accessKeyId: z.string(), revoked: z.boolean() }) } } },
    async (request) => ops.revokeKey(await scoped(request.auth, request.params.tenant), request.params.accessKeyId));
};
