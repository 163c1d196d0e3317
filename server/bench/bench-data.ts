import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { and, count, eq, sql } from 'drizzle-orm';
import { DEMO_ORGS } from '../src/auth/local/demo-directory.ts';
import { type Database, type Db, openPglite, openPostgres } from '../src/db/database.ts';
import { organizations, projects, tasks } from '../src/db/schema.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { acrossOrganizations } from '../src/db/tenant-scope.ts';

/**
 * The benchmark's data: the demo board (as `npm start` seeds it) plus two projects of
 * Acme's that only the benchmark uses, so the demo seed stays small:
 * - LIST_PROJECT with LIST_TASKS tasks: `tasks.list` reads a full page of 20 from it;
 * - CREATE_PROJECT: `tasks.create` appends to it (never to the listed one, so the page
 *   read stays the same however long the run).
 */
export const LIST_PROJECT = 'Bench: backlog';
export const CREATE_PROJECT = 'Bench: inbox';
export const LIST_TASKS = 60;
/** The page `tasks.list` asks for. */
export const PAGE_SIZE = 20;

const ORG = DEMO_ORGS.acme.id;
const CREATOR = 'user_demo_ada';
const ASSIGNEES = ['user_demo_ada', 'user_demo_max', null] as const;
const STATUSES = ['todo', 'doing', 'done'] as const;

export interface BenchBoard {
  listProjectId: string;
  createProjectId: string;
}

export async function findOrCreateProject(
  db: Db,
  name: string,
): Promise<{ id: string; fresh: boolean }> {
  const [existing] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.orgId, ORG), eq(projects.name, name)));
  if (existing) return { id: existing.id, fresh: false };
  const [created] = await db
    .insert(projects)
    .values({ orgId: ORG, name, createdBy: CREATOR })
    .returning({ id: projects.id });
  return { id: created!.id, fresh: true };
}

/** Idempotent: a database that already holds the bench projects is used as it is. */
export async function seedBenchBoard(database: Database): Promise<BenchBoard> {
  await seedDemoData(database);
  return acrossOrganizations(database.db, 'demo-seed', async (tx) => {
    const list = await findOrCreateProject(tx as unknown as Db, LIST_PROJECT);
    const inbox = await findOrCreateProject(tx as unknown as Db, CREATE_PROJECT);
    if (list.fresh) {
      // Numbers come from the organization's counter, as `tasks.create` allocates them.
      const [org] = await tx
        .update(organizations)
        .set({ nextTaskNumber: sql`${organizations.nextTaskNumber} + ${LIST_TASKS}` })
        .where(eq(organizations.id, ORG))
        .returning({ next: organizations.nextTaskNumber });
      const first = org!.next - LIST_TASKS;
      await tx.insert(tasks).values(
        Array.from({ length: LIST_TASKS }, (_, i) => ({
          orgId: ORG,
          projectId: list.id,
          number: first + i,
          title: `Backlog item ${i + 1}: calibrate subsystem ${String.fromCharCode(65 + (i % 26))}`,
          description: i % 3 === 0 ? 'Details in the design doc, section 4.2.' : '',
          status: STATUSES[i % STATUSES.length]!,
          assigneeId: ASSIGNEES[i % ASSIGNEES.length]!,
          dueDate: i % 4 === 0 ? null : `2027-0${1 + (i % 9)}-1${i % 10}`,
          position: 1024 * (i + 1),
          createdBy: CREATOR,
          updatedBy: CREATOR,
        })),
      );
    }
    return { listProjectId: list.id, createProjectId: inbox.id };
  });
}

/** Tasks in the project `tasks.create` appends to: how much the table grew. */
export async function countTasks(db: Db, projectId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tasks).where(eq(tasks.projectId, projectId));
  return row?.n ?? 0;
}

export interface BenchDatabase {
  database: Database;
  board: BenchBoard;
}

/**
 * An in-memory PGlite (on this thread, as the server runs it), migrated and seeded: loaded
 * from `dump` (pgliteDump) when given, which takes a third of the CPU time and half the
 * memory of creating one.
 */
export async function openBenchPglite(dump?: string): Promise<BenchDatabase> {
  const pglite = await PGlite.create(
    dump ? { loadDataDir: new Blob([readFileSync(dump)]) } : undefined,
  );
  const database = openPglite(pglite);
  await database.migrate();
  return { database, board: await seedBenchBoard(database) };
}

/** Creates, migrates and seeds a PGlite once and writes its data directory (a tar) to `file`. */
export async function pgliteDump(file: string): Promise<void> {
  const pglite = await PGlite.create();
  const database = openPglite(pglite);
  await database.migrate();
  await seedBenchBoard(database);
  writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await database.close();
}

/**
 * The PostgreSQL server in `url`, migrated and seeded (idempotent): the demo board and the
 * bench projects are added if missing; rows created by earlier runs stay.
 */
export async function openBenchPostgres(url: string): Promise<BenchDatabase> {
  const database = openPostgres(url);
  await database.migrate();
  return { database, board: await seedBenchBoard(database) };
}
