import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../db/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dumped, migrated PGlite data dir each worker loads for a PGlite of its own. */
    pgliteTemplate: string;
  }
}

/**
 * Runs once per test run: builds one migrated PGlite and dumps it, so a worker loads the
 * dump (~0.5 s) instead of creating a database (~3 s, far more on a loaded machine). Built
 * on PostgreSQL runs too, for the tests of the embedded database itself. With
 * `DATABASE_URL`, the PostgreSQL server is migrated once as well.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const [template, postgres] = await Promise.allSettled([
    buildPgliteTemplate(),
    url && migratePostgres(url),
  ]);
  if (template.status === 'rejected') throw template.reason;
  const file = template.value;
  const removeTemplate = () => rmSync(file, { force: true });
  if (postgres.status === 'rejected') {
    removeTemplate();
    throw postgres.reason;
  }
  project.provide('pgliteTemplate', file);
  return removeTemplate;
}

async function buildPgliteTemplate(): Promise<string> {
  const client = await PGlite.create();
  const database = openPglite(client);
  await database.migrate();
  const dump = await client.dumpDataDir('none');
  const file = join(tmpdir(), `tasklane-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return file;
}

async function migratePostgres(url: string): Promise<void> {
  const database = openPostgres(url, { max: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
}
