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
  },
});
