import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from './database.ts';
import { organizations } from './schema.ts';
import { seedDemoData } from './seed.ts';
import { acrossOrganizations } from './tenant-scope.ts';

/**
 * PostgreSQL only (runs in `npm run test:pg`): several local-mode instances starting at
 * once on one empty database each try to seed it. On a database of this file's own.
 */

const admin = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
const name = `tasklane_seed_${randomBytes(4).toString('hex')}`;
let database: Database;

beforeAll(async () => {
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  database = openPostgres(url.toString(), { max: 4 });
  await database.migrate();
});
afterAll(async () => {
  await database?.close();
  await admin.query(`drop database if exists ${name}`);
  await admin.end();
});

describe('seedDemoData', () => {
  it('seeds once when three instances try at the same time; the others find it done', async () => {
    const outcomes = await Promise.all([0, 1, 2].map(() => seedDemoData(database)));
    expect(outcomes.sort()).toEqual([false, false, true]);
    const seeded = await acrossOrganizations(database.db, 'tests', (tx) =>
      tx.$count(organizations),
    );
    expect(seeded).toBe(2);
  });
});
