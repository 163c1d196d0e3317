import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite } from '../test/test-db.ts';
import { DataDirInUseError } from './data-dir-lock.ts';
import {
  type Database,
  type Db,
  openDatabase,
  openPglite,
  postgresConnectFailure,
} from './database.ts';
import { sqlStateOf } from './sql-state.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

async function rows<Row>(db: Db, query: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

const scratch = await mkdtemp(join(tmpdir(), 'tasklane-database-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the embedded database (PGlite through drizzle)', () => {
  let database: Database;
  beforeAll(async () => {
    database = openPglite(await createTestPglite());
  });
  afterAll(() => database?.close());

  it('answers statements made at once each to its own caller', async () => {
    const values = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rows<{ v: number }>(database.db, sql`select ${i}::int as v`).then(([row]) => row?.v),
      ),
    );
    expect(values).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('rejects a failing statement with PostgreSQL’s SQLSTATE, and goes on', async () => {
    const failure = await database.db.execute(sql`select 1 / 0`).catch((error: unknown) => error);
    expect(sqlStateOf(failure)).toBe('22012');
    await database.ping();
  });

  // The app's role (tasklane_app) may not create tables in schema public: scratch tables
  // are temporary, which it may create, and which PGlite's one session keeps until closed.
  it('rolls back a transaction that throws, and goes on', async () => {
    await database.db.execute(sql`create temp table rolled (v int)`);
    const failure = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into rolled values (1)`);
        throw new Error('changed my mind');
      })
      .catch((error: unknown) => error);
    expect((failure as Error).message).toBe('changed my mind');
    expect(await rows(database.db, sql`select count(*)::int as n from rolled`)).toEqual([{ n: 0 }]);
  });

  it('runs a plain query after another request’s open transaction, not inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let opened!: () => void;
    const open = new Promise<void>((resolve) => {
      opened = resolve;
    });
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`create temp table waited (v int)`);
      await tx.execute(sql`insert into waited values (1)`);
      opened();
      await held;
      await tx.execute(sql`insert into waited values (2)`);
    });
    await open;
    let answered = false;
    const plain = rows(database.db, sql`select count(*)::int as n from waited`).finally(() => {
      answered = true;
    });
    await sleep(100);
    expect(answered).toBe(false);
    release();
    await transaction;
    // Inside the transaction it would have answered at once, with n = 1.
    expect(await plain).toEqual([{ n: 2 }]);
  });

  it('refuses statements once closed with an error the API answers as "unavailable"', async () => {
    const own = openPglite(await createTestPglite());
    await own.close();
    await own.close();
    const failure = await own.ping().catch((error: unknown) => error);
    // Drizzle wraps the driver's error: PGlite's is its cause.
    expect(failure).toHaveProperty(['cause', 'message'], 'PGlite is closed');
    expect(isDatabaseUnavailable(failure)).toBe(true);
  });
});

// A data dir on disk is created by initdb: seconds on a busy machine.
describe('openDatabase without DATABASE_URL (a data dir on disk)', { timeout: 60_000 }, () => {
  it('keeps the data across a close, for one process at a time', async () => {
    const dataDir = join(scratch, 'kept');
    const config = { databaseUrl: undefined, dataDir };
    const first = await openDatabase(config);
    await expect(openDatabase(config)).rejects.toThrow(DataDirInUseError);
    await first.db.execute(sql`create table kept (v text)`);
    await first.db.execute(sql`insert into kept values ('still here')`);
    await first.close();
    expect(existsSync(join(dataDir, 'pgdata.lock'))).toBe(false);

    const second = await openDatabase(config);
    expect(await rows(second.db, sql`select v from kept`)).toEqual([{ v: 'still here' }]);
    await second.close();
  });

  it('fails to open a data dir PGlite cannot read with a message naming the directory, and frees its lock', async () => {
    const dataDir = join(scratch, 'foreign');
    mkdirSync(join(dataDir, 'pgdata'), { recursive: true });
    // A data dir of another PostgreSQL major version, as far as PGlite can tell.
    writeFileSync(join(dataDir, 'pgdata', 'PG_VERSION'), '9\n');
    await expect(openDatabase({ databaseUrl: undefined, dataDir })).rejects.toThrow(
      `The embedded database in ${join(dataDir, 'pgdata')} could not be opened`,
    );
    expect(existsSync(join(dataDir, 'pgdata.lock'))).toBe(false);
  });
});

describe('postgresConnectFailure: the start-up line for an unreachable DATABASE_URL', () => {
  const url = 'postgres://app:hunter2@db.example.test:5432/tasklane';

  it.each([
    [Object.assign(new Error('getaddrinfo ENOTFOUND db.example.test'), { code: 'ENOTFOUND' })],
    [
      Object.assign(new AggregateError([new Error('connect ECONNREFUSED ::1:5432')], ''), {
        code: 'ECONNREFUSED',
      }),
    ],
    [new Error('password authentication failed for user "app" (hunter2)\n  detail')],
    [
      new Error('Failed query: select 1', {
        cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), {
          code: 'ECONNREFUSED',
        }),
      }),
    ],
  ])('names DATABASE_URL, the URL without its password, the cause and what to check', (error) => {
    const line = postgresConnectFailure(url, error);
    expect(line).toContain('DATABASE_URL (postgres://app:***@db.example.test:5432/tasklane): ');
    expect(line).toMatch(/ENOTFOUND|ECONNREFUSED|password authentication failed/);
    expect(line).toContain('Check that the server is running and reachable');
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('\n');
  });
});
