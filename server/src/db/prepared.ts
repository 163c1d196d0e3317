import type { Db } from './database.ts';

/**
 * `TASKLANE_BENCH_OFF=prepared`, read once at start and set only by `npm run bench`: every
 * call builds its statement again, so the benchmark can measure what keeping them saves.
 */
const BUILD_EVERY_CALL = process.env.TASKLANE_BENCH_OFF?.split(',').includes('prepared') ?? false;

/**
 * Drizzle prepared statements, each made once per database and key, then reused.
 *
 * Building a query's SQL is more CPU than PostgreSQL takes to run a small indexed read:
 * `tasks.list`'s page of 20 costs the Node process about 720 µs built each time and 340 µs
 * prepared on PostgreSQL (a named statement, parsed and planned once per connection). On
 * PGlite only the building is saved: drizzle's PGlite driver ignores the name, and PGlite
 * parses every statement afresh. A statement belongs to the database object it was prepared
 * on (tests open many), so the statements are kept per database, and go with it.
 */
export function preparedPerDatabase<Key extends string, Statement>(
  prepare: (db: Db, key: Key) => Statement,
): (db: Db, key: Key) => Statement {
  if (BUILD_EVERY_CALL) return prepare;
  const byDatabase = new WeakMap<Db, Map<Key, Statement>>();
  return (db, key) => {
    let statements = byDatabase.get(db);
    if (!statements) {
      statements = new Map();
      byDatabase.set(db, statements);
    }
    let statement = statements.get(key);
    if (!statement) {
      statement = prepare(db, key);
      statements.set(key, statement);
    }
    return statement;
  };
}
