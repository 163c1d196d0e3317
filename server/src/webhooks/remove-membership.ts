import { and, eq, ne, sql } from 'drizzle-orm';
import { recordBoardEvent } from '../board-events/events.ts';
import type { Tx } from '../db/database.ts';
import { membershipRemovals, memberships, tasks } from '../db/schema.ts';
import { serializeTask } from '../domain/serialize.ts';

/** The actor of board changes Clerk's webhooks make (no user of ours made them). */
const CLERK_ACTOR = 'clerk';

/**
 * Removes a membership as of a Clerk event's `timestamp` (`at`). A member who leaves keeps
 * authorship; their open assignments in that org are released. Done tasks keep their
 * assignee: the record of who finished them (a deleted user's name becomes "Deleted user").
 */
export async function removeMembership(tx: Tx, orgId: string, userId: string, at: number) {
  await tx
    .delete(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  // So that the member's still-valid token does not mirror the membership back, and an
  // older membership event does not either.
  await tx
    .insert(membershipRemovals)
    .values({ orgId, userId, clerkRemovedAt: at })
    .onConflictDoUpdate({
      target: [membershipRemovals.orgId, membershipRemovals.userId],
      set: { removedAt: sql`now()`, clerkRemovedAt: at },
    });
  const released = await tx
    .update(tasks)
    .set({ assigneeId: null, version: sql`${tasks.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.assigneeId, userId), ne(tasks.status, 'done')))
    .returning();
  for (const row of released) {
    const task = serializeTask(row);
    const where = { orgId, projectId: task.projectId, actorId: CLERK_ACTOR };
    await recordBoardEvent(tx, where, { type: 'task.updated', task });
  }
}
