import { roleSchema } from '@floorplan/contracts';
import { Option, type Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatTable } from './format-table.js';

/** `floorplan users create ...` and `floorplan users list --tenant <name> [--json]`. */
export function registerUserCommands(program: Command, ctx: CliContext): void {
  const users = program.command('users').description('create and list the users of a tenant');

  users
    .command('create')
    .description('create a user who can sign in to the console')
    .requiredOption('--tenant <name>', 'tenant of the user')
    .requiredOption('--email <email>', 'e-mail address, the sign-in name')
    .requiredOption('--password <password>', 'password, at least 8 characters')
    .addOption(new Option('--role <role>', 'role of the user').choices(roleSchema.options).makeOptionMandatory())
    .option('--name <name>', 'display name (default: the e-mail address)')
    .option('--scheduling-units <ids>', 'comma-separated scheduling-unit ids the user is limited to (default: all)')
    .action(async (o: { tenant: string; email: string; password: string; role: (typeof roleSchema.options)[number]; name?: string; schedulingUnits?: string }) => {
      const user = await ctx.withAdmin((admin) =>
        admin.createUser(o.tenant, {
          email: o.email,
          role: o.role,
          password: o.password,
          ...(o.name ? { name: o.name } : {}),
          ...(o.schedulingUnits ? { schedulingUnitIds: o.schedulingUnits.split(',').map((id) => id.trim()) } : {}),
        }),
      );
      ctx.out(`created user ${user.email} (role ${user.role}, id ${user.id}) in tenant ${o.tenant}`);
    });

  users
    .command('list')
    .description('list the users of a tenant')
    .requiredOption('--tenant <name>', 'tenant to list')
    .option('--json', 'print one line of JSON')
    .action(async (o: { tenant: string; json?: boolean }) => {
      const list = await ctx.withAdmin((admin) => admin.listUsers(o.tenant));
      if (o.json) return ctx.out(JSON.stringify(list));
      ctx.out(formatTable(['EMAIL', 'NAME', 'ROLE', 'STATUS', 'ID'], list.map((u) => [u.email, u.name, u.role, u.status, u.id])));
    });
}
