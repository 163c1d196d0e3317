import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    environment: 'node',
    // `*.pg-test.ts` need a PostgreSQL server: they run in `npm run test:pg` (DATABASE_URL).
    include: process.env.DATABASE_URL
      ? ['src/**/*.test.ts', 'src/**/*.pg-test.ts']
      : ['src/**/*.test.ts'],
    setupFiles: ['src/test/no-network.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    // Test files share each worker's module graph: importing tRPC, Clerk, drizzle and
    // PGlite once per worker instead of once per file is most of the suite's time. Files
    // stay independent through fresh ids per file (test/personas.ts).
    isolate: false,
    // Generous limits: on a loaded machine a test waits for its conditions, not a clock.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
