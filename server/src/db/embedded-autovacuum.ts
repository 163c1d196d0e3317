import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';

/**
 * Autovacuum's job, done in-process for PGlite.
 *
 * PostgreSQL's autovacuum launcher is a background worker, and PGlite runs PostgreSQL as one
 * single-user backend (`max_worker_processes=0`): nothing ever vacuums or analyzes an
 * embedded database. Dead rows from updates and deletes then stay in tables and indexes,
 * and the planner keeps the statistics of an empty table: on a board of 200,000 tasks never
 * analyzed, the generic plan of `tasks.list`'s page ANDed two bitmap index scans and took
 * 31 ms; analyzed, it walks `tasks_project_number_idx` in 0.2 ms.
 *
 * A pass decides per table as autovacuum does (`relation_needs_vacanalyze`), from the same
 * settings and the same statistics (PGlite keeps them: the backend reports them when idle,
 * at most once a second), and runs VACUUM and ANALYZE on the tables that need them. Per-table
 * storage parameters (`autovacuum_enabled` and the like) are not read: this app sets none. Here
 * they run on the API's one database session: requests wait while a table is processed,
 * which for this app's tables takes milliseconds (VACUUM skips pages the visibility map
 * knows are unchanged; ANALYZE reads a sample of at most 30,000 rows).
 */

/** As often as autovacuum looks at each database by default (`autovacuum_naptime`). */
export const AUTOVACUUM_INTERVAL_MS = 60_000;

export interface TableMaintenance {
  /** As `regclass` prints it: quoted where needed, schema-qualified outside the search path. */
  table: string;
  vacuum: boolean;
  analyze: boolean;
}

const setting = (name: string) => sql.raw(`current_setting('${name}')::float8`);
/** `reltuples` is -1 until a table is first vacuumed or analyzed; autovacuum counts it as 0. */
const tuples = sql.raw('greatest(c.reltuples, 0)');

const needsVacuum = sql`(
  s.n_dead_tup > ${setting('autovacuum_vacuum_threshold')}
    + ${setting('autovacuum_vacuum_scale_factor')} * ${tuples}
  or (${setting('autovacuum_vacuum_insert_threshold')} >= 0
    and s.n_ins_since_vacuum > ${setting('autovacuum_vacuum_insert_threshold')}
      + ${setting('autovacuum_vacuum_insert_scale_factor')} * ${tuples})
  or age(c.relfrozenxid) > ${setting('autovacuum_freeze_max_age')}
  or mxid_age(c.relminmxid) > ${setting('autovacuum_multixact_freeze_max_age')}
)`;

const needsAnalyze = sql`(
  s.n_mod_since_analyze > ${setting('autovacuum_analyze_threshold')}
    + ${setting('autovacuum_analyze_scale_factor')} * ${tuples}
)`;

/** The tables autovacuum would process now, and what each needs. */
export async function tablesNeedingMaintenance(db: Db): Promise<TableMaintenance[]> {
  const result = await db.execute(sql`
    select c.oid::regclass::text as "table", ${needsVacuum} as "vacuum", ${needsAnalyze} as "analyze"
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
     where ${needsVacuum} or ${needsAnalyze}
     order by c.oid`);
  // The Db type covers both drivers, so its `execute` result is not typed: node-postgres's.
  return (result as unknown as { rows: TableMaintenance[] }).rows;
}

/** One pass: VACUUM and/or ANALYZE each table that needs it, one at a time. What it did. */
export async function runAutovacuumPass(db: Db): Promise<TableMaintenance[]> {
  const tables = await tablesNeedingMaintenance(db);
  for (const { table, vacuum, analyze } of tables) {
    // The name comes from the catalog, already quoted by `regclass`.
    const command = vacuum ? (analyze ? 'vacuum (analyze)' : 'vacuum') : 'analyze';
    await db.execute(sql.raw(`${command} ${table}`));
  }
  return tables;
}

/**
 * Runs a pass every `intervalMs` until stopped; a pass never overlaps the previous one. A
 * failed pass is logged and the next one tries again. The timer does not keep the process
 * alive.
 */
export function startEmbeddedAutovacuum(
  db: Db,
  {
    intervalMs = AUTOVACUUM_INTERVAL_MS,
    log = console,
  }: { intervalMs?: number; log?: Pick<Console, 'info' | 'error'> } = {},
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const pass = async () => {
    const started = performance.now();
    try {
      const done = await runAutovacuumPass(db);
      if (done.length > 0) {
        const what = done
          .map(({ table, vacuum, analyze }) =>
            [vacuum && `vacuumed ${table}`, analyze && `analyzed ${table}`]
              .filter(Boolean)
              .join(', '),
          )
          .join(', ');
        log.info(`PGlite autovacuum: ${what} (${Math.round(performance.now() - started)} ms)`);
      }
    } catch (error) {
      log.error('PGlite autovacuum pass failed:', error);
    }
  };
  const timer = setInterval(() => {
    running ??= pass().finally(() => {
      running = undefined;
    });
  }, intervalMs);
  timer.unref();
  return {
    /** Stops the timer and waits for a pass under way, so the database can close after it. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
