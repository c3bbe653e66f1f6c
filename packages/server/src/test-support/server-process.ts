// Entry of a server child process in tests (run with `node --conditions=source --import tsx`).
import { main } from '../main.js';

await main();
