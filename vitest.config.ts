import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest defaults to one worker on a 2-core machine; the suites wait on I/O (spawned
    // servers, PGlite loads) often enough that more workers finish sooner.
    maxWorkers: 3,
    projects: ['server', 'client'],
  },
});
