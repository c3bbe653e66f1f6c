import { loadConfig } from './config.js';
import { startServer } from './server.js';

/** Process entry: config → platform → app → listen, with a clean shutdown on SIGINT/SIGTERM. */
export async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const log = server.app.http.log;
  const demo = server.demo;
  {
    if (demo) {
      // Printed once, to the terminal only (not the structured log): the operator needs these to begin.
      process.stdout.write(
        [
          '',
          `  Floorplan is running at ${server.url}  (API docs: ${server.url}/docs)`,
          `  First start: created tenant "${demo.tenant}" with`,
          `    admin user     ${demo.adminEmail} / ${demo.adminPassword}`,
          `    ACD access key ${demo.accessKeyId}`,
          `    key secret     ${demo.accessKeySecret}`,
          `  (saved in ${config.DATA_DIR}/demo-credentials.json, mode 0600)`,
          `  Get a token:  curl -s ${server.url}/authentication/v1/token/access-key -H 'content-type: application/json' \\`,
          `                  -d '{"accessKeyId":"${demo.accessKeyId}","accessKeySecret":"<secret>"}'`,
          '',
        ].join('\n') + '\n',
      );
    }
  }
  log.info({ url: server.url, database: server.platform.db.kind, bus: server.platform.bus.kind, objects: server.platform.objects.kind }, 'floorplan ready');
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
