// `npm run db:migrate`: apply the committed migrations to DATABASE_URL, or to the
// embedded database under DATA_DIR when it is not set.
import { openDatabase, postgresConnectFailure } from '../src/db/database.ts';
import { isDatabaseUnavailable } from '../src/db/unavailable.ts';
import { ConfigError, createDataDir, loadConfig, loadDotEnv } from '../src/env.ts';

let config: ReturnType<typeof loadConfig> | undefined;
try {
  loadDotEnv();
  config = loadConfig();
  if (!config.databaseUrl) createDataDir(config.dataDir);
  const database = await openDatabase(config);
  await database.migrate();
  await database.close();
  console.log(`Migrated the ${database.kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database.`);
} catch (error) {
  // The same one line as start-up for a PostgreSQL that cannot be reached (main.ts).
  if (config?.databaseUrl && isDatabaseUnavailable(error)) {
    console.error(postgresConnectFailure(config.databaseUrl, error));
    process.exit(1);
  }
  console.error(
    error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
