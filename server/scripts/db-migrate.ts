// `npm run db:migrate`: apply the committed migrations to DATABASE_URL, or to the
// embedded database under DATA_DIR when it is not set.
import { openDatabase } from '../src/db/database.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../src/env.ts';

try {
  loadDotEnv();
  const config = loadConfig();
  const database = await openDatabase(config);
  await database.migrate();
  await database.close();
  console.log(`Migrated the ${database.kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database.`);
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
