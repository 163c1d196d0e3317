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
    if (!inject('pgliteTemplate')) {
      throw new Error('the vitest globalSetup did not build a PGlite template');
    }
    return openPglite(await createTestPglite());
  })();
  return database;
}

/**
 * A PGlite of its own: the run's migrated template when there is one (about 0.5 s), an
 * empty database otherwise (about 3 s; on PostgreSQL runs, which build no template).
 */
export function createTestPglite(): Promise<PGlite> {
  const template = inject('pgliteTemplate');
  return template
    ? PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) })
    : PGlite.create();
}
