import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { boardEvents } from '../db/schema.ts';
import type { serializeComment, serializeProject, serializeTask } from '../domain/serialize.ts';

type Task = ReturnType<typeof serializeTask>;
type Comment = ReturnType<typeof serializeComment>;
type Project = ReturnType<typeof serializeProject>;

/**
 * What changed on a board, with everything a client needs to apply it without a refetch.
 * `board.events` yields each as `tracked(id, event)`.
 */
export type BoardChange =
  | { type: 'task.created' | 'task.updated' | 'task.moved'; task: Task }
  | { type: 'task.deleted'; taskId: string }
  /** A crowded column renumbered: every task of it with its new position. */
  | {
      type: 'column.rebalanced';
      status: Task['status'];
      positions: { id: string; position: number }[];
    }
  | { type: 'comment.added'; taskId: string; comment: Comment }
  | { type: 'comment.deleted'; taskId: string; commentId: string }
  | { type: 'project.renamed' | 'project.archived'; project: Project }
  | { type: 'project.deleted' }
  /**
   * Not stored: sent instead of the missed events when a reconnect's `lastEventId` is no
   * longer kept (pruned, or never existed). The client refetches the board.
   */
  | { type: 'board.resync' };

export type BoardEvent = BoardChange & {
  projectId: string;
  /** Who made the change (a user id). */
  actorId: string;
  /** When, ISO 8601. */
  at: string;
};

/**
 * Events of one organization are numbered in the order they commit: writers of the same
 * organization take this lock (held to commit) before taking an id, so a subscriber that
 * has read up to id N never sees an event below N commit later.
 */
const ORDER_LOCK = 'board_events';

/**
 * Records a board change. Call it inside the transaction that makes the change (the
 * outbox): the event exists exactly when the change committed, and the table's trigger
 * notifies every instance at commit.
 */
export async function recordBoardEvent(
  tx: DbOrTx,
  where: { orgId: string; projectId: string; actorId: string },
  change: Exclude<BoardChange, { type: 'board.resync' }>,
) {
  const event: BoardEvent = {
    ...change,
    projectId: where.projectId,
    actorId: where.actorId,
    at: new Date().toISOString(),
  };
  // One statement: the lock is taken as the row is formed, before its id (the column's
  // default) is drawn, in a single round trip.
  await tx.execute(sql`
    insert into ${boardEvents} (org_id, project_id, type, payload, actor_id)
    select ${where.orgId}, ${where.projectId}::uuid, ${change.type}, ${JSON.stringify(event)}::jsonb,
           ${where.actorId}
      from (select pg_advisory_xact_lock(hashtext(${ORDER_LOCK}), hashtext(${where.orgId}))) as ordered`);
}
