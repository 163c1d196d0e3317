import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../db/database.ts';

let database: Promise<Database> | undefined;

/** This worker's database: the PGlite template loaded once, or the PostgreSQL under test. */
export function getTestDatabase(): Promise<Database> {
  database ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (url) return openPostgres(url, { max: 5 });
    return openPglite(await createTestPglite());
  })();
  return database;
}

/** A PGlite of its own, loaded from the run's migrated template (about 0.5 s). */
export function createTestPglite(): Promise<PGlite> {
  const template = inject('pgliteTemplate');
  if (!template) throw new Error('the vitest globalSetup did not build a PGlite template');
  return PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) });
}
