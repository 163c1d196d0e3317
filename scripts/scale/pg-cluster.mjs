import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../pg-temp-cluster.sh', import.meta.url));

/**
 * A throwaway PostgreSQL of scripts/pg-temp-cluster.sh: its own directory and free port, so
 * it runs beside any other cluster (CI's for `npm run test:pg`).
 */
export function startPgCluster() {
  const started = spawnSync(script, ['start'], { encoding: 'utf8' });
  if (started.status !== 0) {
    throw new Error(`pg-temp-cluster.sh start failed:\n${started.stderr}${started.stdout}`);
  }
  const exported = Object.fromEntries(
    [...started.stdout.matchAll(/^export (\w+)=(.*)$/gm)].map(([, name, value]) => [name, value]),
  );
  const { DATABASE_URL: databaseUrl, PG_TEMP_DIR: dir } = exported;
  if (!databaseUrl || !dir) throw new Error(`pg-temp-cluster.sh said:\n${started.stdout}`);
  return {
    databaseUrl,
    stop: () => {
      spawnSync(script, ['stop'], { env: { ...process.env, PG_TEMP_DIR: dir }, stdio: 'inherit' });
    },
  };
}
