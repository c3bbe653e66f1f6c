#!/usr/bin/env node
// The `floorplan` command: runs the compiled CLI (dist/), which `npm run build` produces.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('floorplan: the server is not built yet: run npm run build (from the repository root)\n');
  process.exit(1);
}
const { run } = await import(entry.href);
await run(process.argv);
