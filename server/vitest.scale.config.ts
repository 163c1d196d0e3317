import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Several API instances behind nginx (`npm run test:scale`, scripts/test-scale.mjs): the
 * script starts PostgreSQL, three instances and nginx, then runs these tests against them.
 * They kill instances, so the files run one at a time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'server-scale',
    environment: 'node',
    include: ['src/**/*.scale-test.ts'],
    setupFiles: ['src/test/no-network.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
