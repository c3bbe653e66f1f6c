import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAdminOperations } from './modules/identity/admin-operations.js';
import type { IdentityService } from './modules/identity/service.js';

export interface DemoCredentials {
  tenant: string;
  adminEmail: string;
  adminPassword: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/**
 * On the very first start (no tenant yet) creates tenant `demo`, an admin user and an ACD connector
 * key, and saves them to `DATA_DIR/demo-credentials.json` (mode 0600). Returns null when tenants exist.
 */
export async function bootstrapDemo(identity: IdentityService, dataDir: string): Promise<DemoCredentials | null> {
  if ((await identity.listTenants()).length > 0) return null;
  const ops = createAdminOperations(identity);
  await ops.createTenant('demo');
  const adminPassword = randomBytes(12).toString('base64url');
  await ops.createUser('demo', { email: 'admin@demo.local', name: 'Demo admin', role: 'admin', password: adminPassword });
  const key = await ops.createKey('demo', { purpose: 'acd-connector' });
  const creds: DemoCredentials = {
    tenant: 'demo',
    adminEmail: 'admin@demo.local',
    adminPassword,
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
  };
  await writeFile(join(dataDir, 'demo-credentials.json'), `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  return creds;
}
