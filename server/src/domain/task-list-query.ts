import type { TaskStatus } from '@tasklane/shared';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { tasks } from '../db/schema.ts';

/**
 * The board's read: a project's tasks in creation order, filtered, keyset-paged on
 * `number`, one row more than the page (so the caller knows whether another page follows).
 *
 * Every combination of filters (status or not; assignee any, unassigned or one user;
 * after a cursor or from the start) is its own named statement, so each keeps plain,
 * index-friendly SQL instead of `($1 is null or ...)` conditions, and PostgreSQL parses and
 * plans each once per connection.
 */
type Shape = `${'status' | ''}|${'anyone' | 'unassigned' | 'assignee'}|${'after' | 'first'}`;

interface ListFilters {
  status?: TaskStatus;
  /** A user id, or `null` for unassigned tasks; absent for anyone's. */
  assigneeId?: string | null;
  /** The last task number of the previous page. */
  cursor?: number;
}

function shapeOf(input: ListFilters): Shape {
  const assignee =
    input.assigneeId === undefined
      ? 'anyone'
      : input.assigneeId === null
        ? 'unassigned'
        : 'assignee';
  return `${input.status ? 'status' : ''}|${assignee}|${input.cursor ? 'after' : 'first'}`;
}

function statementFor(db: Db, shape: Shape) {
  const [status, assignee, cursor] = shape.split('|');
  const p = sql.placeholder;
  return db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.orgId, p('orgId')),
        eq(tasks.projectId, p('projectId')),
        status ? eq(tasks.status, p('status')) : undefined,
        assignee === 'unassigned'
          ? isNull(tasks.assigneeId)
          : assignee === 'assignee'
            ? eq(tasks.assigneeId, p('assigneeId'))
            : undefined,
        cursor === 'after' ? gt(tasks.number, p('cursor')) : undefined,
      ),
    )
    .orderBy(asc(tasks.number))
    .limit(p('limit'))
    .prepare(`tasks_list_${shape.replaceAll('|', '_')}`);
}

/** Up to `limit + 1` rows of the organization's project, as `tasks.list` pages them. */
export function selectTaskPage(
  db: Db,
  orgId: string,
  input: ListFilters & { projectId: string; limit: number },
) {
  return statementFor(db, shapeOf(input)).execute({
    orgId,
    projectId: input.projectId,
    status: input.status,
    assigneeId: input.assigneeId,
    cursor: input.cursor,
    limit: input.limit + 1,
  });
}
