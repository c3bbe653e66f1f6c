import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
console.log('server conditions', defaultServerConditions, 'client', defaultClientConditions);
export default defineConfig({
  root: '/work/main',
  resolve: { conditions: ['source', ...defaultClientConditions.filter((c) => c !== 'module')] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions.filter((c) => c !== 'module')] } },
  test: { testTimeout: 30_000, hookTimeout: 60_000, include: ['packages/*/src/**/*.int.test.ts'], env: { FLOORPLAN_TEST_TARGET: process.env.FLOORPLAN_TEST_TARGET ?? 'embedded' } },
});
