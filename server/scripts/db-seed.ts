// `npm run db:seed`: load the demo organizations, users and board (once; safe to re-run).
import { openDatabase } from '../src/db/database.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../src/env.ts';

try {
  loadDotEnv();
  const config = loadConfig();
  const database = await openDatabase(config);
  await database.migrate();
  const seeded = await seedDemoData(database.db);
  await database.close();
  console.log(seeded ? 'Seeded the demo data.' : 'The demo data is already there.');
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Seeding failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
