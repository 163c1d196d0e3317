import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../db/database.ts';
import { PgliteWorker } from '../db/pglite-worker.ts';

let database: Promise<Database> | undefined;

/**
 * This worker's database: the PGlite template loaded once, in its own thread as the server
 * runs it, or the PostgreSQL under test.
 */
export function getTestDatabase(): Promise<Database> {
  database ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (url) return openPostgres(url, { max: 5 });
    // No autovacuum passes at random points of the tests: embedded-autovacuum.test.ts runs them.
    return openPglite(createTestPgliteWorker(), { autovacuum: false });
  })();
  return database;
}

function templateBytes(): Uint8Array {
  const template = inject('pgliteTemplate');
  if (!template) throw new Error('the vitest globalSetup did not build a PGlite template');
  return readFileSync(template);
}

/** A PGlite of its own on this thread, loaded from the run's migrated template (about 0.5 s). */
export function createTestPglite(): Promise<PGlite> {
  return PGlite.create({ loadDataDir: new Blob([templateBytes()]) });
}

/** The same in a thread of its own, as the server runs it. */
export function createTestPgliteWorker(): PgliteWorker {
  return new PgliteWorker({ loadDataDir: templateBytes() });
}
