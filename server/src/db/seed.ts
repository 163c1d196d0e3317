import { DEFAULT_ORG_SETTINGS, type TaskStatus } from '@tasklane/shared';
import { eq, sql } from 'drizzle-orm';
import { DEMO_ORGS, DEMO_USERS } from '../auth/local/demo-directory.ts';
import type { Database, Db } from './database.ts';
import { comments, memberships, organizations, projects, tasks, users } from './schema.ts';
import { acrossOrganizations } from './tenant-scope.ts';

/**
 * Demo data for local mode: the demo directory's people and organizations, each
 * organization with a few projects and a realistic spread of tasks and comments.
 */

type SeedTask = [
  title: string,
  status: TaskStatus,
  assignee: string | null,
  dueInDays: number | null,
];

const BOARDS: Record<string, { prefix: string; projects: Record<string, SeedTask[]> }> = {
  [DEMO_ORGS.acme.id]: {
    prefix: 'ACME',
    projects: {
      'Launch site': [
        ['Pour the launch pad foundation', 'done', 'user_demo_ada', -10],
        ['Install the fuel lines', 'doing', 'user_demo_max', 3],
        ['Fence off the blast zone', 'todo', 'user_demo_max', 7],
        ['Order the countdown clock', 'todo', null, 14],
        ['Permit from the county', 'doing', 'user_demo_ada', 1],
      ],
      'Rocket R2': [
        ['Fix the gyroscope drift', 'doing', 'user_demo_max', 2],
        ['Paint the nose cone', 'todo', null, null],
        ['Static fire test', 'todo', 'user_demo_ada', 21],
        ['Write the pre-flight checklist', 'done', 'user_demo_max', -3],
      ],
      Hiring: [
        ['Post the propulsion engineer job', 'done', 'user_demo_ada', -20],
        ['Interview shortlist', 'todo', 'user_demo_ada', 5],
      ],
    },
  },
  [DEMO_ORGS.globex.id]: {
    prefix: 'GLX',
    projects: {
      'Lab renovation': [
        ['Choose the fume hoods', 'doing', 'user_demo_gina', 4],
        ['Move the centrifuge', 'todo', 'user_demo_gina', 9],
        ['Safety inspection', 'todo', null, 30],
      ],
      'Quarterly report': [
        ['Collect the numbers', 'done', 'user_demo_gina', -2],
        ['Draft the summary', 'doing', 'user_demo_gina', 2],
      ],
    },
  },
};

const COMMENTS = [
  'I can pick this up after lunch.',
  'Blocked on the supplier, chasing them today.',
  'Done a first pass, please have a look.',
  'Moved the due date: the parts arrive next week.',
];

function daysFromNow(days: number | null) {
  if (days === null) return null;
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Seeds the demo data once; returns false if it was already there. One transaction, then
 * ANALYZE: PGlite runs no autovacuum, so nothing else gathers the statistics the planner
 * picks its plans by. Once is enough for a demo board.
 */
export async function seedDemoData(database: Database): Promise<boolean> {
  const seeded = await insertDemoData(database.db);
  if (seeded) await database.analyze();
  return seeded;
}

/** Serializes seeding when several API instances first start on one empty database. */
const SEED_LOCK_ID = 7_305_114_003;

function insertDemoData(db: Db): Promise<boolean> {
  return acrossOrganizations(db, 'demo-seed', async (tx) => {
    // Held to commit: an instance that waited finds the demo data and leaves it be.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`);
    const [existing] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, DEMO_ORGS.acme.id));
    if (existing) return false;

    await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ id: u.id, name: u.name, email: u.email })));
    for (const org of Object.values(DEMO_ORGS)) {
      const board = BOARDS[org.id]!;
      await tx.insert(organizations).values({
        id: org.id,
        name: org.name,
        slug: org.slug,
        settings: { ...DEFAULT_ORG_SETTINGS, taskKeyPrefix: board.prefix },
      });
    }
    await tx
      .insert(memberships)
      .values(
        DEMO_USERS.flatMap((u) =>
          u.memberships.map((m) => ({ orgId: m.orgId, userId: u.id, role: m.role })),
        ),
      );

    let commentIndex = 0;
    for (const [orgId, board] of Object.entries(BOARDS)) {
      const members = DEMO_USERS.filter((u) => u.memberships.some((m) => m.orgId === orgId));
      const creator = members[0]!.id;
      let number = 0;
      for (const [name, seedTasks] of Object.entries(board.projects)) {
        const [project] = await tx
          .insert(projects)
          .values({ orgId, name, createdBy: creator })
          .returning();
        const positions: Record<TaskStatus, number> = { todo: 0, doing: 0, done: 0 };
        const rows = await tx
          .insert(tasks)
          .values(
            seedTasks.map(([title, status, assignee, due]) => {
              positions[status] += 1024;
              number += 1;
              return {
                orgId,
                projectId: project!.id,
                number,
                title,
                status,
                assigneeId: assignee,
                dueDate: daysFromNow(due),
                position: positions[status],
                createdBy: creator,
                updatedBy: creator,
              };
            }),
          )
          .returning();
        const discussed = rows.filter((_, i) => i % 2 === 0);
        await tx.insert(comments).values(
          discussed.map((task, i) => ({
            orgId,
            taskId: task.id,
            authorId: members[i % members.length]!.id,
            body: COMMENTS[commentIndex++ % COMMENTS.length]!,
          })),
        );
      }
      await tx
        .update(organizations)
        .set({ nextTaskNumber: sql`${number + 1}` })
        .where(eq(organizations.id, orgId));
    }
    return true;
  });
}
