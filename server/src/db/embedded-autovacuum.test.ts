import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPgliteWorker } from '../test/test-db.ts';
import type { Database, Db } from './database.ts';
import { openPglite } from './database.ts';
import {
  runAutovacuumPass,
  startEmbeddedAutovacuum,
  tablesNeedingMaintenance,
} from './embedded-autovacuum.ts';

let database: Database;
let db: Db;

beforeAll(async () => {
  // Passes are run by hand here; the timer has a test of its own.
  database = await openPglite(createTestPgliteWorker(), { autovacuum: false });
  db = database.db;
});

afterAll(async () => {
  await database.close();
});

async function rows<Row>(query: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

/**
 * PostgreSQL reports a session's table statistics when it goes idle, at most once a
 * second: after a second, any statement's end reports what came before it.
 */
async function reportStatistics() {
  await sleep(1_100);
  await db.execute(sql`select 1`);
}

/** A table of `count` rows, each updated `updates` times (one dead row per update). */
async function tableWithUpdates(name: string, count: number, updates: number) {
  await db.execute(sql.raw(`create table ${name} (id int primary key, v int not null)`));
  await db.execute(
    sql.raw(`insert into ${name} select g, 0 from generate_series(1, ${count}) as g`),
  );
  for (let i = 0; i < updates; i++) await db.execute(sql.raw(`update ${name} set v = v + 1`));
}

function tableStatistics(name: string) {
  return rows<{ deadRows: number; vacuumed: boolean; analyzed: boolean; tuples: number }>(sql`
    select s.n_dead_tup::int as "deadRows", s.last_vacuum is not null as vacuumed,
           s.last_analyze is not null as analyzed, c.reltuples::int as tuples
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
     where s.relname = ${name}`).then((found) => found[0]);
}

// Statistics reach PostgreSQL a second after the fact, and a grown board takes seconds to fill
// on a busy machine.
describe('embedded autovacuum (PGlite has no autovacuum worker)', { timeout: 60_000 }, () => {
  it('vacuums and analyzes a table once its dead rows pass autovacuum’s thresholds', async () => {
    await tableWithUpdates('churned', 1_000, 2);
    await reportStatistics();
    expect(await tableStatistics('churned')).toMatchObject({ deadRows: 2_000, vacuumed: false });
    expect(await tablesNeedingMaintenance(db)).toContainEqual({
      table: 'churned',
      vacuum: true,
      analyze: true,
    });

    const done = await runAutovacuumPass(db);

    expect(done).toContainEqual({ table: 'churned', vacuum: true, analyze: true });
    expect(await tableStatistics('churned')).toEqual({
      deadRows: 0,
      vacuumed: true,
      analyzed: true,
      tuples: 1_000,
    });
    await reportStatistics();
    expect((await tablesNeedingMaintenance(db)).map(({ table }) => table)).not.toContain('churned');
  });

  it('leaves a table below the thresholds alone', async () => {
    await tableWithUpdates('quiet', 10, 1);
    await reportStatistics();
    expect((await tablesNeedingMaintenance(db)).map(({ table }) => table)).not.toContain('quiet');
    await runAutovacuumPass(db);
    expect(await tableStatistics('quiet')).toMatchObject({ vacuumed: false, analyzed: false });
  });

  it('gives the board’s page query its index once a grown board is analyzed', async () => {
    await db.execute(sql`insert into organizations (id, name) values ('org_grown', 'Grown')`);
    await db.execute(sql`insert into users (id, name) values ('user_grown', 'Grower')`);
    await db.execute(sql`
      insert into projects (org_id, name, created_by)
      select 'org_grown', 'Project ' || g, 'user_grown' from generate_series(1, 20) as g`);
    await db.execute(sql`
      insert into tasks (org_id, project_id, number, title, position, created_by, updated_by)
      select 'org_grown', p.id, row_number() over (), 'Task', 1, 'user_grown', 'user_grown'
        from projects p, generate_series(1, 1_000)
       where p.org_id = 'org_grown'`);
    // The plan a named statement settles on after its first executions (see prepared.ts).
    const pagePlan = async () =>
      (
        await rows<{ 'QUERY PLAN': string }>(sql`explain (generic_plan)
          select * from tasks where org_id = $1 and project_id = $2 order by number limit $3`)
      )
        .map((line) => line['QUERY PLAN'])
        .join('\n');
    const indexWalk = 'Index Scan using tasks_project_number_idx';
    expect(await pagePlan()).not.toContain(indexWalk);

    await reportStatistics();
    expect(await runAutovacuumPass(db)).toContainEqual({
      table: 'tasks',
      vacuum: true,
      analyze: true,
    });

    expect(await pagePlan()).toContain(indexWalk);
  });
});

describe('startEmbeddedAutovacuum', { timeout: 30_000 }, () => {
  it('runs passes on its interval, logs what they did, and stops', async () => {
    await tableWithUpdates('timed', 500, 1);
    await reportStatistics();
    const log = { info: vi.fn(), error: vi.fn() };
    const autovacuum = startEmbeddedAutovacuum(db, { intervalMs: 20, log });
    await vi.waitFor(() => expect(log.info).toHaveBeenCalled(), { timeout: 4_000 });
    await autovacuum.stop();
    expect(log.info.mock.calls[0]?.[0]).toMatch(
      /^PGlite autovacuum: .*vacuumed timed, analyzed timed.* \(\d+ ms\)$/,
    );
    const calls = log.info.mock.calls.length;
    await sleep(100);
    expect(log.info.mock.calls.length).toBe(calls);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('logs a failed pass and tries again on the next interval', async () => {
    const failing = {
      execute: () => Promise.reject(new Error('database unavailable')),
    } as unknown as Db;
    const log = { info: vi.fn(), error: vi.fn() };
    const autovacuum = startEmbeddedAutovacuum(failing, { intervalMs: 10, log });
    await vi.waitFor(() => expect(log.error.mock.calls.length).toBeGreaterThanOrEqual(2), {
      timeout: 4_000,
    });
    await autovacuum.stop();
    expect(log.error).toHaveBeenCalledWith(
      'PGlite autovacuum pass failed:',
      expect.objectContaining({ message: 'database unavailable' }),
    );
    expect(log.info).not.toHaveBeenCalled();
  });
});
