import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestPgliteWorker } from '../test/test-db.ts';
import { type Db, openDatabase, openPglite } from './database.ts';
import { PgliteWorker } from './pglite-worker.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

async function rows<Row>(db: Db, query: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

const scratch = await mkdtemp(join(tmpdir(), 'tasklane-pglite-worker-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

// Each test starts PGlite anew (a data dir on disk is created by initdb: seconds on a busy machine).
describe('PGlite in a thread of its own (PgliteWorker)', { timeout: 60_000 }, () => {
  it('runs the app’s queries, and refuses them with a clear error once closed', async () => {
    const backend = createTestPgliteWorker();
    const database = await openPglite(backend, { autovacuum: false });
    expect(await rows(database.db, sql`select count(*)::int as n from tasks`)).toEqual([{ n: 0 }]);
    // Several statements on their way at once come back each to its own caller.
    const values = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rows<{ v: number }>(database.db, sql`select ${i}::int as v`).then(([row]) => row?.v),
      ),
    );
    expect(values).toEqual(Array.from({ length: 12 }, (_, i) => i));
    await database.close();
    expect(backend.closed).toBe(true);
    // Closed on purpose is not lost: /healthz stays up while the server shuts down.
    expect(backend.lost).toBeUndefined();
    await expect(backend.exchange(new Uint8Array([0x53, 0, 0, 0, 4]))).rejects.toThrow(
      'PGlite is closed',
    );
  });

  it('keeps the data of a data dir on disk across a close and a new thread', async () => {
    const dataDir = join(scratch, 'pgdata');
    const first = await openPglite(new PgliteWorker({ dataDir }), { autovacuum: false });
    await first.db.execute(sql`create table kept (v text)`);
    await first.db.execute(sql`insert into kept values ('still here')`);
    await first.close();
    const second = await openPglite(new PgliteWorker({ dataDir }), { autovacuum: false });
    expect(await rows(second.db, sql`select v from kept`)).toEqual([{ v: 'still here' }]);
    await second.close();
  });

  it('fails to start with an Error naming the problem when the data dir is unusable, and ends its thread', async () => {
    const notADirectory = join(scratch, 'a-file');
    writeFileSync(notADirectory, 'not a data dir');
    const backend = new PgliteWorker({ dataDir: notADirectory });
    const failure = await backend.waitReady.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^PGlite could not start: ErrnoError/);
    expect(backend.closed).toBe(true);
    await backend.close();
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

  it('fails what was waiting, and everything after, as "database unavailable" when its thread dies', async () => {
    const backend = new PgliteWorker(
      {},
      new URL('../test/pglite-thread-that-exits.mjs', import.meta.url),
    );
    await backend.waitReady;
    const failure = await backend.exchange(new Uint8Array([0x53, 0, 0, 0, 4])).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((failure as Error).message).toBe('PGlite is closed: its thread exited (code 3)');
    // What the API answers for it: 503, as for a PostgreSQL server that went away.
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(backend.closed).toBe(true);
    expect(backend.lost).toBe(failure);
    await expect(backend.exchange(new Uint8Array([0x53, 0, 0, 0, 4]))).rejects.toThrow(
      'PGlite is closed',
    );
    await backend.close();
  });

  it('closes even with a client drizzle never released (its BEGIN failed as the thread died)', async () => {
    const database = await openPglite(
      new PgliteWorker({}, new URL('../test/pglite-thread-that-exits.mjs', import.meta.url)),
      { autovacuum: false },
    );
    await database.db.transaction(async () => {}).catch(() => {});
    expect(database.lost?.()).toBeInstanceOf(Error);
    // pg-pool's end() waits for every checked-out client: it would wait forever here.
    await database.close();
  });

  it('does not keep a process alive while idle (a script that never closes still exits)', async () => {
    const script = `
      import { PgliteWorker } from ${JSON.stringify(new URL('./pglite-worker.ts', import.meta.url).href)};
      const backend = new PgliteWorker();
      await backend.waitReady;
      console.log('ready');`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { timeout: 30_000 },
    );
    expect(stdout.trim()).toBe('ready');
  });
});
