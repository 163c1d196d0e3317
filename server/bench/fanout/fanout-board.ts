import { DEMO_ORGS } from '../../src/auth/local/demo-directory.ts';
import type { Db } from '../../src/db/database.ts';
import { scopedToOrganization } from '../../src/db/tenant-scope.ts';
import { findOrCreateProject, openBenchPostgres } from '../bench-data.ts';

/**
 * The project the fan-out streams watch and its writes go to: one of Acme's that only this
 * scenario uses, so no other scenario's writes reach its streams and the other scenarios'
 * pages stay as they are. The tasks it gets stay (the database is a throwaway one).
 */
export const FANOUT_PROJECT = 'Bench: live board';

/** Migrates and seeds PostgreSQL (bench-data.ts), adds the project; returns its id. */
export async function seedFanoutBoard(databaseUrl: string): Promise<string> {
  const { database } = await openBenchPostgres(databaseUrl);
  try {
    // Acme's alone: row-level security admits it in Acme's scope, as the app writes.
    const project = await scopedToOrganization(database.db, DEMO_ORGS.acme.id, (tx) =>
      findOrCreateProject(tx as unknown as Db, FANOUT_PROJECT),
    );
    return project.id;
  } finally {
    await database.close();
  }
}
