#!/usr/bin/env node
// The `floorplan-replay` command. Runs the compiled dist/main.js when the package is built; otherwise
// runs src/main.ts through tsx (a root devDependency), with the `source` export condition so the
// workspace SDK resolves to its TypeScript too: `npx floorplan-replay` works right after `npm install`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/main.js', import.meta.url);
if (existsSync(built)) {
  const { run } = await import(built.href);
  process.exitCode = await run(process.argv);
} else {
  let tsx;
  try {
    tsx = import.meta.resolve('tsx');
  } catch {
    process.stderr.write('error: floorplan-replay is not built and tsx is not installed: run npm install (or npm run build) at the repository root\n');
    process.exit(1);
  }
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl-C reaches the child too (same process group); it decides how to stop, this process waits.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
