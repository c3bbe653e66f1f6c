import { loadConfig, type Config } from '../config.js';
import type { AdminClient } from './admin-client.js';
import { pickAdminClient } from './pick-admin-client.js';

/** What every command uses: the configuration, the admin client and the two output streams. */
export interface CliContext {
  /** The server's configuration from the environment (read on first use, so `--help` needs none). */
  config(): Config;
  /** Runs `work` with the admin client chosen for this configuration, closing it afterwards. */
  withAdmin<T>(work: (admin: AdminClient) => Promise<T>): Promise<T>;
  /** A line of the command's result, on stdout. */
  out(line: string): void;
  /** A line of commentary, on stderr, so stdout stays machine-readable. */
  note(line: string): void;
}

/**
 * The context of a real run: configuration from `env` (the same variables the server reads).
 *
 * @example
 * const ctx = createCliContext(process.env);
 * await ctx.withAdmin((admin) => admin.listTenants());
 */
export function createCliContext(env: Record<string, string | undefined>): CliContext {
  let config: Config | undefined;
  const ctx: CliContext = {
    config: () => (config ??= loadConfig(env)),
    async withAdmin(work) {
      const admin = await pickAdminClient(ctx.config(), ctx.note);
      try {
        return await work(admin);
      } finally {
        await admin.close();
      }
    },
    out: (line) => void process.stdout.write(`${line}\n`),
    note: (line) => void process.stderr.write(`${line}\n`),
  };
  return ctx;
}
