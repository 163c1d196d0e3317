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
    const template = inject('pgliteTemplate');
    if (!template) throw new Error('the vitest globalSetup did not build a PGlite template');
    const loadDataDir = new Blob([readFileSync(template)]);
    return openPglite(await PGlite.create({ loadDataDir }));
  })();
  return database;
}
