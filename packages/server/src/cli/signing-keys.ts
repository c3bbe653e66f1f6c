import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

/** `floorplan signing-keys rotate`: a new ES256 key signs new tokens; tokens of the old one stay valid. */
export function registerSigningKeyCommands(program: Command, ctx: CliContext): void {
  const keys = program.command('signing-keys').description('manage the keys that sign access and id tokens');
  keys
    .command('rotate')
    .description('add a new signing key; the old public key stays in the JWKS until its last token expires')
    .action(async () => {
      const r = await ctx.withAdmin((admin) => admin.rotateSigningKey());
      ctx.out(`new signing key ${r.kid}; the JWKS lists ${r.publicKeys} public key(s); other nodes pick it up within 60 s`);
    });
}
