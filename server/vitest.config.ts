import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/no-network.ts'],
    globalSetup: ['src/test/global-setup.ts'],
  },
});
