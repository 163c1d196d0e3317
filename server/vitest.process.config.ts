import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Tests that spawn `main.ts` and kill it (graceful shutdown, crash safety): 30 s or more
 * each, so they stay out of `npm test`. Run: `npm run test:process`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'server-process',
    environment: 'node',
    include: ['src/**/*.process-test.ts'],
    setupFiles: ['src/test/no-network.ts'],
    fileParallelism: false,
  },
});
