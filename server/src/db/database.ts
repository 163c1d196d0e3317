import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { redactUrl } from '../env.ts';
import { lockDataDir } from './data-dir-lock.ts';
import {
  listenPglite,
  listenPostgres,
  type NotificationHandlers,
  type NotificationListener,
} from './notifications.ts';
import * as schema from './schema.ts';
import { APP_ROLE, TENANT_SCOPE_OFF } from './tenant-scope.ts';

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
  /** Gathers the planner's statistics (as the tables' owner), e.g. after seeding. */
  analyze(): Promise<void>;
  /** `LISTEN`s on the channels (see notifications.ts); closing the database stops it too. */
  listen(channels: string[], handlers: NotificationHandlers): Promise<NotificationListener>;
  /** Flushes and closes; a PGlite data dir must be closed cleanly before exit. */
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Serializes migrations when several API instances start against one PostgreSQL. */
const MIGRATION_LOCK_ID = 7_305_114_001;

/**
 * The embedded database: one PGlite on this thread, through drizzle's PGlite driver. PGlite
 * is a single PostgreSQL session, so its statements take turns, and code in a transaction
 * must query through its `tx`: a query on `db` there would wait for the very transaction it
 * is in. Closing the database closes the PGlite.
 */
export function openPglite(pglite: PGlite): Database {
  // A plain query waits for an open transaction (both take one PGlite mutex), never runs in it.
  const pgliteDb = drizzlePglite(pglite, { schema });
  const db = pgliteDb as unknown as Db;
  // PGlite's one session is the app's connection: it takes the app's role, which RLS binds,
  // before any other statement (PGlite runs them in order). A database not migrated yet has
  // no such role, and no tables: migrate() takes it after creating it.
  const takeAppRole = () =>
    TENANT_SCOPE_OFF
      ? Promise.resolve()
      : pglite
          .query(
            `select set_config('role', '${APP_ROLE}', false)
              where exists (select from pg_roles where rolname = '${APP_ROLE}')`,
          )
          .then(() => {});
  void takeAppRole().catch(() => {});
  /** Runs `work` as the login role (the owner): migrations, ANALYZE. */
  const asOwner = async (work: () => Promise<void>) => {
    await pglite.exec('reset role');
    try {
      await work();
    } finally {
      await takeAppRole();
    }
  };
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: 'pglite',
    migrate: () => asOwner(() => migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_DIR })),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    analyze: () => asOwner(() => pglite.exec('analyze').then(() => {})),
    listen: (channels, handlers) => listenPglite(pglite, channels, handlers),
    close: () => {
      closing ??= pglite.closed ? Promise.resolve() : pglite.close();
      return closing;
    },
  };
}

/** A fresh, empty PGlite in memory: the bench's and the browser tests' database. */
export async function openPgliteInMemory(): Promise<Database> {
  return openPglite(await PGlite.create());
}

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // Fail fast when the server is unreachable instead of queueing forever.
    connectionTimeoutMillis: 2_000,
    // Every connection runs as the app's role from its first statement (a startup
    // parameter: a connection cannot exist without it), so RLS binds all the app's queries
    // whatever user DATABASE_URL names; that user must be a member of the role (0004).
    ...(TENANT_SCOPE_OFF ? {} : { options: `-c role=${APP_ROLE}` }),
  });
  // The login role's own connection, one at a time: migrations, readiness, ANALYZE. It works
  // before the app's role exists, which the first migration run creates.
  const owner = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 2_000 });
  owner.on('error', (error) => console.error('postgres owner connection error:', error.message));
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error('postgres pool error:', error.message));
  // Nor a client checked out (pg-pool listens only while a client is idle): node-postgres
  // rejects its query and emits the error, which would throw without a listener.
  pool.on('connect', (client) =>
    client.on('error', (error) => console.error('postgres client error:', error.message)),
  );
  const db = drizzleNodePostgres(pool, { schema }) as unknown as Db;
  const listeners = new Set<NotificationListener>();
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      const client = await owner.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migrateNodePostgres(drizzleNodePostgres(client), {
          migrationsFolder: MIGRATIONS_DIR,
        });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await owner.query('select 1');
    },
    analyze: async () => {
      await owner.query('analyze');
    },
    listen: async (channels, handlers) => {
      const listener = await listenPostgres(url, channels, handlers);
      listeners.add(listener);
      return listener;
    },
    close: async () => {
      await Promise.all([...listeners].map((listener) => listener.close()));
      await Promise.all([pool.end(), owner.end()]);
    },
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
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir: dir });
  } catch (error) {
    lock.release();
    throw new Error(
      `The embedded database in ${dir} could not be opened (${describeFailure(error)}). ` +
        'If DATA_DIR was written by another program or version, move it aside or set DATA_DIR to an empty directory.',
      { cause: error },
    );
  }
  const database = openPglite(pglite);
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

/** PGlite's file system throws Emscripten's ErrnoError, which is no Error and has no message. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  const { name, errno } = (error ?? {}) as { name?: unknown; errno?: unknown };
  return `${String(name ?? error)}${errno === undefined ? '' : ` (file system errno ${errno})`}`;
}

/**
 * What start-up prints when the PostgreSQL in DATABASE_URL cannot be reached or refuses the
 * login: one line naming the variable, its URL without the password, the cause, what to check.
 */
export function postgresConnectFailure(url: string, error: unknown): string {
  let cause = connectFailureCause(error);
  const password = passwordOf(url);
  if (password) cause = cause.replaceAll(password, '***');
  return (
    `Cannot connect to the PostgreSQL in DATABASE_URL (${redactUrl(url)}): ${cause}. ` +
    'Check that the server is running and reachable at that host and port, and that the user, ' +
    'password and database name are right; or unset DATABASE_URL to use the embedded database.'
  );
}

/**
 * The innermost cause: Drizzle wraps the driver's error in "Failed query: …". Node reports a
 * refused `localhost` (IPv6 and IPv4) as an AggregateError without a message.
 */
function connectFailureCause(error: unknown): string {
  let e = error as { message?: unknown; code?: unknown; errors?: unknown; cause?: unknown };
  for (let depth = 0; e?.cause && depth < 5; depth++) e = e.cause as typeof e;
  let text = typeof e?.message === 'string' ? e.message : '';
  if (!text && Array.isArray(e?.errors)) text = e.errors.map(connectFailureCause).join('; ');
  if (!text && typeof e?.code === 'string') text = e.code;
  return text.replace(/\s+/g, ' ').trim() || String(error);
}

function passwordOf(url: string): string | undefined {
  try {
    const { password } = new URL(url);
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
