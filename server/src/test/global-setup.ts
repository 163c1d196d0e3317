import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../db/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dumped, migrated PGlite data dir every test worker loads (absent on PostgreSQL). */
    pgliteTemplate: string | undefined;
  }
}

/**
 * Runs once per test run. PostgreSQL (`DATABASE_URL`): migrate it once. PGlite: build
 * one migrated database and dump it; each worker loads the dump (~0.5 s instead of ~3 s).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = openPostgres(url, { max: 1 });
    await database.migrate();
    await database.close();
    project.provide('pgliteTemplate', undefined);
    return;
  }
  const client = await PGlite.create();
  const database = await openPglite(client);
  await database.migrate();
  const dump = await client.dumpDataDir('none');
  const file = join(tmpdir(), `tasklane-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
}
