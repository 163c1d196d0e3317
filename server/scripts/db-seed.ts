// `npm run db:seed`: load the demo organizations, users and board (once; safe to re-run).
import { openDatabase, postgresConnectFailure } from '../src/db/database.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { isDatabaseUnavailable } from '../src/db/unavailable.ts';
import { ConfigError, createDataDir, loadConfig, loadDotEnv } from '../src/env.ts';

let config: ReturnType<typeof loadConfig> | undefined;
try {
  loadDotEnv();
  config = loadConfig();
  if (!config.databaseUrl) createDataDir(config.dataDir);
  const database = await openDatabase(config);
  await database.migrate();
  const seeded = await seedDemoData(database);
  await database.close();
  console.log(seeded ? 'Seeded the demo data.' : 'The demo data is already there.');
} catch (error) {
  // The same one line as start-up for a PostgreSQL that cannot be reached (main.ts).
  if (config?.databaseUrl && isDatabaseUnavailable(error)) {
    console.error(postgresConnectFailure(config.databaseUrl, error));
    process.exit(1);
  }
  console.error(
    error instanceof ConfigError ? error.message : `Seeding failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
