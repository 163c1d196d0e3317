import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests (`npm run test:e2e`): the real server in-process, the built SPA,
 * Debian's Chromium driven by playwright-core. Kept out of `npm test`, which needs no browser.
 */
export default defineConfig({
  // Run from the repository root (`npm run test:e2e`), paths stay relative to client/.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'client-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
