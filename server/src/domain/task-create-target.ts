import type { OrgSettings } from '@tasklane/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { memberships, organizations, projects } from '../db/schema.ts';
import { orgSettingsFrom } from './org-settings.ts';

/** What `tasks.create` checks and uses before it inserts. */
export interface NewTaskTarget {
  archived: boolean;
  /** Whether the given assignee is a member of the project's organization (false for none). */
  assigneeIsMember: boolean;
  /** The organization's settings, defaults filled in (the default due date). */
  settings: OrgSettings;
}

/**
 * The project (of the caller's organization only), the assignee's membership and the
 * organization's settings, in one statement.
 *
 * Why one: every statement is a round trip that costs the API more CPU than these indexed
 * reads cost the database (on PostgreSQL a socket write and read, on PGlite a call into
 * WebAssembly and its reply), and read one by one they made a create four statements.
 * Nothing here is locked: the insert that follows takes the task number in a statement of
 * its own (task-insert.ts).
 */
function targetStatement(db: Db) {
  const p = sql.placeholder;
  const assigneeIsMember = sql<boolean>`exists (select 1 from ${memberships}
    where ${memberships.orgId} = ${projects.orgId} and ${memberships.userId} = ${p('assigneeId')})`;
  return db
    .select({ archivedAt: projects.archivedAt, settings: organizations.settings, assigneeIsMember })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.orgId))
    .where(and(eq(projects.id, p('projectId')), eq(projects.orgId, p('orgId'))))
    .prepare('tasks_create_target');
}

/** Undefined when the organization has no such project. */
export async function readNewTaskTarget(
  db: Db,
  where: { orgId: string; projectId: string; assigneeId: string | null },
): Promise<NewTaskTarget | undefined> {
  const [row] = await targetStatement(db).execute(where);
  if (!row) return undefined;
  return {
    archived: row.archivedAt !== null,
    assigneeIsMember: row.assigneeIsMember,
    settings: orgSettingsFrom(row.settings),
  };
}
