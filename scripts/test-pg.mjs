#!/usr/bin/env node
// `npm run test:pg`: the server suite against the PostgreSQL server in DATABASE_URL.
import { spawnSync } from 'node:child_process';

if (!process.env.DATABASE_URL) {
  console.error(
    'test:pg needs DATABASE_URL, e.g. DATABASE_URL=postgres://user@127.0.0.1:5432/tasklane_test\n' +
      'No server at hand? `eval "$(scripts/pg-temp-cluster.sh start)"` starts a throwaway one.',
  );
  process.exit(1);
}
// Every host, as `npm run test:hosts` runs them on the embedded database.
const result = spawnSync('npx', ['vitest', 'run', '--project', 'server'], {
  stdio: 'inherit',
  env: { ...process.env, TEST_ALL_HOSTS: '1' },
});
process.exit(result.status ?? 1);
