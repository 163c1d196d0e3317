import type { TaskStatus } from '@tasklane/shared';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { tasks } from '../db/schema.ts';

/** Gap between positions after a rebalance, as between tasks appended to a column. */
export const POSITION_STEP = 1024;
/**
 * Clients move a task to the midpoint between its new neighbours. After ~50 moves into
 * the same gap, doubles can no longer tell neighbours apart; below this gap the column
 * is renumbered, keeping its order.
 */
const MIN_GAP = 1e-6;

/**
 * If the task's new position is (nearly) equal to another's in its column, renumber the
 * column to multiples of POSITION_STEP in its current order (ties broken by task number).
 * Runs in the move's transaction. Versions are left alone: this keeps the order the users
 * chose, it changes nothing they edited. Returns the column's new positions, if it did.
 */
export async function rebalanceColumnIfCrowded(
  tx: DbOrTx,
  task: { id: string; projectId: string; status: TaskStatus; position: number },
) {
  const [crowded] = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.projectId, task.projectId),
        eq(tasks.status, task.status),
        ne(tasks.id, task.id),
        sql`abs(${tasks.position} - ${task.position}) < ${MIN_GAP}`,
      ),
    )
    .limit(1);
  if (!crowded) return undefined;
  await tx.execute(sql`
    update ${tasks} set position = ranked.rank * ${POSITION_STEP}
    from (
      select id, row_number() over (order by position, number) as rank
      from ${tasks}
      where project_id = ${task.projectId} and status = ${task.status}
    ) as ranked
    where ${tasks.id} = ranked.id`);
  return tx
    .select({ id: tasks.id, position: tasks.position })
    .from(tasks)
    .where(and(eq(tasks.projectId, task.projectId), eq(tasks.status, task.status)))
    .orderBy(asc(tasks.position));
}
