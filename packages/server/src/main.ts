import { loadConfig } from './config.js';
import { demoCredentialsFile, readDemoCredentials } from './demo/demo-files.js';
import { startLivingDemo, type LivingDemo } from './demo/living-demo.js';
import { startServer } from './server.js';

export interface MainOptions {
  /** `floorplan start --no-demo`: false overrides FLOORPLAN_DEMO. */
  demo?: boolean;
}

/** Process entry: config → platform → app → listen → living demo, with a clean shutdown on SIGINT/SIGTERM. */
export async function main(options: MainOptions = {}): Promise<void> {
  const config = loadConfig();
  if (options.demo === false) config.FLOORPLAN_DEMO = false;
  const server = await startServer(config);
  const log = server.app.http.log;
  const demo = server.demo;
  const consoleUrl = `${server.url}/console/`;
  // Printed to the terminal only (not the structured log): the operator needs these to begin.
  if (demo) {
    process.stdout.write(
      [
        '',
        `  Floorplan is running at ${server.url}  (API docs: ${server.url}/docs)`,
        `  Console: ${consoleUrl}`,
        `  First start: created tenant "${demo.tenant}" with`,
        `    console sign-in  tenant ${demo.tenant}, ${demo.adminEmail} / ${demo.adminPassword}`,
        `    ACD access key   ${demo.accessKeyId}`,
        `    key secret       ${demo.accessKeySecret}`,
        `  (saved in ${demoCredentialsFile(config.DATA_DIR)}, mode 0600)`,
        `  Get a token:  curl -s ${server.url}/authentication/v1/token/access-key -H 'content-type: application/json' \\`,
        `                  -d '{"accessKeyId":"${demo.accessKeyId}","accessKeySecret":"<secret>"}'`,
        '',
      ].join('\n') + '\n',
    );
  } else {
    const saved = await readDemoCredentials(config.DATA_DIR).catch(() => null);
    process.stdout.write(
      [
        '',
        `  Floorplan is running at ${server.url}  (API docs: ${server.url}/docs)`,
        `  Console: ${consoleUrl}`,
        ...(saved ? [`  Demo sign-in: tenant ${saved.tenant}, ${saved.adminEmail} (password in ${demoCredentialsFile(config.DATA_DIR)})`] : []),
        '',
      ].join('\n') + '\n',
    );
  }
  log.info({ url: server.url, console: consoleUrl, database: server.platform.db.kind, bus: server.platform.bus.kind, objects: server.platform.objects.kind }, 'floorplan ready');
  const living: LivingDemo | null = config.FLOORPLAN_DEMO
    ? startLivingDemo({ app: server.app, config, url: server.localUrl, log, created: demo })
    : null;
  if (!config.FLOORPLAN_DEMO) log.info('demo: off (--no-demo or FLOORPLAN_DEMO=false)');
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    // The feeder talks to this server over HTTP: stop it (and let it flush) before the server closes.
    await living?.stop();
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
