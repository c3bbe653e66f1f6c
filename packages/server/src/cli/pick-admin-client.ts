import type { Config } from '../config.js';
import { operatorSecret, readServerLock, type ServerLock } from '../server.js';
import { createDirectAdminClient, createHttpAdminClient, type AdminClient } from './admin-client.js';

/**
 * The live server that owns the embedded (PGlite) data dir of this configuration, or null. With
 * PostgreSQL (`DATABASE_URL`) there is no owner: any number of processes share the database.
 */
export async function embeddedOwner(config: Config): Promise<(ServerLock & { url: string }) | null> {
  return config.DATABASE_URL ? null : readServerLock(config.DATA_DIR);
}

/**
 * Chooses how the CLI reaches the data.
 *
 * PGlite is single-process: a second process opening a data dir that a running server holds would
 * corrupt it or fail. So when the database is embedded and `DATA_DIR/server.json` names a live
 * server, the CLI goes through that server's admin API, authenticated with the operator secret in
 * `DATA_DIR/operator.secret` (readable only by the user who runs the server). Otherwise (no server
 * running, or PostgreSQL, which serves many clients) it opens the database directly, so the CLI
 * also works before the first start and while the server is down.
 *
 * @example
 * const admin = await pickAdminClient(loadConfig(process.env), (m) => process.stderr.write(`${m}\n`));
 */
export async function pickAdminClient(config: Config, notice: (message: string) => void = () => {}): Promise<AdminClient> {
  const owner = await embeddedOwner(config);
  if (owner) {
    notice(`floorplan: using the running server at ${owner.url} (pid ${owner.pid} owns ${config.DATA_DIR})`);
    return createHttpAdminClient(owner.url, await operatorSecret(config.DATA_DIR));
  }
  return createDirectAdminClient(config);
}
