import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatTable } from './format-table.js';

/** `floorplan tenants create <name>` and `floorplan tenants list [--json]`. */
export function registerTenantCommands(program: Command, ctx: CliContext): void {
  const tenants = program.command('tenants').description('create and list tenants');

  tenants
    .command('create')
    .description('create a tenant')
    .argument('<name>', 'tenant name: 1-63 letters, digits, dots, dashes or underscores')
    .action(async (name: string) => {
      const tenant = await ctx.withAdmin((admin) => admin.createTenant(name));
      ctx.out(`created tenant ${tenant.name} (id ${tenant.id})`);
    });

  tenants
    .command('list')
    .description('list every tenant')
    .option('--json', 'print one line of JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await ctx.withAdmin((admin) => admin.listTenants());
      if (options.json) return ctx.out(JSON.stringify(list));
      ctx.out(formatTable(['NAME', 'ID', 'STATUS', 'CREATED'], list.map((t) => [t.name, t.id, t.status, t.createdAt])));
    });
}
