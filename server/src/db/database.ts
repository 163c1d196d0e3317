import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { startEmbeddedAutovacuum } from './embedded-autovacuum.ts';
import type { PgliteBackend } from './pglite-backend.ts';
import { pgliteClient } from './pglite-pg-connection.ts';
import { PgliteWorker } from './pglite-worker.ts';
import * as schema from './schema.ts';

/** The Drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction, or the database itself when a single statement needs no transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed SQL migrations in drizzle/ (idempotent). */
  migrate(): Promise<void>;
  /** A round trip to the database: readiness checks. */
  ping(): Promise<void>;
  /** Flushes and closes; a PGlite data dir must be closed cleanly before exit. */
  close(): Promise<void>;
  /**
   * Why the database is gone for good, if it is: PGlite's thread stopped, and only a new
   * process brings it back (a PostgreSQL server that is down is only unavailable).
   */
  lost?(): Error | undefined;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Serializes migrations when several API instances start against one PostgreSQL. */
const MIGRATION_LOCK_ID = 7_305_114_001;

/**
 * The embedded database: PGlite behind the same driver as PostgreSQL (node-postgres and
 * drizzle's node-postgres session), through a pool of clients of its one session, with
 * autovacuum's work done in-process (PGlite has no autovacuum: see embedded-autovacuum.ts).
 * Closing it closes the backend too.
 */
export async function openPglite(
  backend: PgliteBackend,
  { autovacuum = true }: { autovacuum?: boolean } = {},
): Promise<Database> {
  await backend.waitReady;
  const pool = new pg.Pool({
    Client: pgliteClient(backend),
    // Clients of one session (see pglite-pg-connection.ts): as many as PostgreSQL's pool,
    // so that a request's statement goes to PGlite's thread as soon as it is made.
    max: 10,
    idleTimeoutMillis: 0,
  });
  const database = overPool(pool, 'pglite');
  const maintenance = autovacuum ? startEmbeddedAutovacuum(database.db) : undefined;
  return {
    ...database,
    close: async () => {
      await maintenance?.stop();
      // With PGlite gone there is nothing to flush, and the pool could wait forever for a
      // client that drizzle never releases (one whose BEGIN failed).
      if (backend.lost) database.close().catch(() => {});
      else await database.close();
      await backend.close();
    },
    lost: () => backend.lost,
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // Fail fast when the server is unreachable instead of queueing forever.
    connectionTimeoutMillis: 2_000,
  });
  return overPool(pool, 'postgres');
}

function overPool(pool: pg.Pool, kind: Database['kind']): Database {
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error(`${kind} pool error:`, error.message));
  // Nor a client checked out (pg-pool listens only while a client is idle): node-postgres
  // rejects its query and emits the error, which would throw without a listener.
  pool.on('connect', (client) =>
    client.on('error', (error) => console.error(`${kind} client error:`, error.message)),
  );
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    kind,
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

/**
 * `DATABASE_URL` selects PostgreSQL; otherwise PGlite keeps its data under `dataDir`, for
 * one process at a time (see data-dir-lock.ts): closing the database lets the next one in.
 */
export async function openDatabase(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const dir = join(config.dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  const lock = lockDataDir(join(config.dataDir, 'pgdata.lock'));
  let database: Database;
  const backend = new PgliteWorker({ dataDir: dir });
  try {
    database = await openPglite(backend);
  } catch (error) {
    await backend.close().catch(() => {});
    lock.release();
    throw new Error(
      `The embedded database in ${dir} could not be opened (${(error as Error).message}). ` +
        'If DATA_DIR was written by another program or version, move it aside or set DATA_DIR to an empty directory.',
      { cause: error },
    );
  }
  return {
    ...database,
    close: async () => {
      try {
        await database.close();
      } finally {
        lock.release();
      }
    },
  };
}
