import { availableParallelism } from 'node:os';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source` export condition,
// so tests never depend on a previous build.

const integration = ['packages/*/src/**/*.int.test.ts', 'packages/*/test/**/*.int.test.ts', 'examples/*/src/**/*.int.test.ts'];
// Browser tests drive Debian's chromium against the built console: `npm run test:services` only, so
// `npm test` keeps running on a bare machine.
const browser = '**/*.browser.int.test.ts';

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Vitest hands these to Node as --conditions; 'module' would make Node load bundler-only builds (AWS SDK).
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions.filter((c) => c !== 'module')] } },
  test: {
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine. Most
    // integration files spend their time waiting on the database, the bus, child processes and
    // timers, so three overlap well there (measured: npm test 455 s → 313 s, services 320 s → 163 s).
    maxWorkers: Math.max(3, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: { name: 'embedded', include: integration, exclude: [browser, '**/node_modules/**'], env: { TEST_TARGET: 'embedded' } },
      },
      {
        extends: true,
        test: { name: 'services', include: integration, env: { TEST_TARGET: 'services' } },
      },
    ],
  },
});
