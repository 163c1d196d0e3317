import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Component and hook tests: jsdom, fetch mocked per test (see src/test/setup.ts). */
export default defineConfig({
  plugins: [react()],
  test: {
    name: 'client',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // Generous limits: on a loaded machine a test waits for its conditions, not a clock.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
