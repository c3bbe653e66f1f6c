import { keyPurposeSchema } from '@floorplan/contracts';
import { Option, type Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatTable } from './format-table.js';

type Purpose = (typeof keyPurposeSchema.options)[number];
const purposeOption = () =>
  new Option('--purpose <purpose>', "acd-connector: ingestion only; general: the permissions of the user's role")
    .choices(keyPurposeSchema.options)
    .default('acd-connector');
const userOption = '--user <email>';
const userHelp = "owner of the key (default: the tenant's connector user, created with an empty role)";

/**
 * `floorplan keys create|import|list|revoke`. A key's secret is printed once, by `keys create`, and
 * never again: the server keeps only its scrypt hash.
 */
export function registerKeyCommands(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('manage access keys (what ACD connectors and scripts log in with)');

  keys
    .command('create')
    .description('create an access key and print its secret, once')
    .requiredOption('--tenant <name>', 'tenant of the key')
    .option(userOption, userHelp)
    .addOption(purposeOption())
    .option('--json', 'print exactly one line {"accessKeyId":...,"accessKeySecret":...} on stdout')
    .action(async (o: { tenant: string; user?: string; purpose: Purpose; json?: boolean }) => {
      const key = await ctx.withAdmin((admin) =>
        admin.createKey(o.tenant, { purpose: o.purpose, ...(o.user ? { userEmail: o.user } : {}) }),
      );
      if (o.json) return ctx.out(JSON.stringify({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }));
      ctx.out(
        [
          `created access key for tenant ${o.tenant} (purpose ${o.purpose}, user ${o.user ?? "the tenant's connector user"})`,
          `  accessKeyId      ${key.accessKeyId}`,
          `  accessKeySecret  ${key.accessKeySecret}`,
          'The secret is shown only this once (Floorplan keeps only its hash): store it now.',
        ].join('\n'),
      );
    });

  keys
    .command('import')
    .description('register an existing key id and secret (a migrated connector keeps its configuration)')
    .requiredOption('--tenant <name>', 'tenant of the key')
    .requiredOption('--id <accessKeyId>', 'the existing access key id (1-128 printable ASCII characters)')
    .requiredOption('--secret <accessKeySecret>', 'the existing secret (1-128 printable ASCII characters)')
    .option(userOption, userHelp)
    .addOption(purposeOption())
    .action(async (o: { tenant: string; id: string; secret: string; user?: string; purpose: Purpose }) => {
      const key = await ctx.withAdmin((admin) =>
        admin.importKey(o.tenant, {
          accessKeyId: o.id,
          accessKeySecret: o.secret,
          purpose: o.purpose,
          ...(o.user ? { userEmail: o.user } : {}),
        }),
      );
      ctx.out(`imported access key ${key.accessKeyId} into tenant ${o.tenant} (purpose ${o.purpose})`);
    });

  keys
    .command('list')
    .description('list the keys of a tenant (never their secrets)')
    .requiredOption('--tenant <name>', 'tenant to list')
    .option('--json', 'print one line of JSON')
    .action(async (o: { tenant: string; json?: boolean }) => {
      const list = await ctx.withAdmin((admin) => admin.listKeys(o.tenant));
      if (o.json) return ctx.out(JSON.stringify(list));
      ctx.out(
        formatTable(
          ['ACCESS KEY ID', 'PURPOSE', 'USER', 'CREATED', 'LAST USED', 'STATUS'],
          list.map((k) => [k.accessKeyId, k.purpose, k.userEmail, k.createdAt, k.lastUsedAt ?? '-', k.revokedAt ? `revoked ${k.revokedAt}` : 'active']),
        ),
      );
    });

  keys
    .command('revoke')
    .description('revoke a key; tokens issued with it stop working at once')
    .requiredOption('--tenant <name>', 'tenant of the key')
    .argument('<accessKeyId>', 'id of the key to revoke')
    .action(async (accessKeyId: string, o: { tenant: string }) => {
      await ctx.withAdmin((admin) => admin.revokeKey(o.tenant, accessKeyId));
      ctx.out(`revoked access key ${accessKeyId} of tenant ${o.tenant}`);
    });
}
