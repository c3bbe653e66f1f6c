// Runs the CLI from the TypeScript sources (tests: `node --conditions=source --import tsx entry.ts`).
// The installed command uses bin/floorplan.js, which runs the compiled main.js the same way.
import { run } from './main.js';

await run(process.argv);
