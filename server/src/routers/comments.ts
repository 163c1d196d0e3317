import {
  commentAddInput,
  commentIdInput,
  commentListInput,
  MAX_COMMENTS_PER_TASK,
  PERMISSIONS,
} from '@tasklane/shared';
import { TRPCError } from '@trpc/server';
import { and, asc, count, eq } from 'drizzle-orm';
import { recordBoardEvent } from '../board-events/events.ts';
import { comments, tasks } from '../db/schema.ts';
import { recordAudit } from '../domain/audit.ts';
import { authorizeDeletion } from '../domain/moderation.ts';
import { notFound } from '../domain/not-found.ts';
import { serializeComment } from '../domain/serialize.ts';
import { orgProcedure, permissionProcedure, router } from '../trpc.ts';
import { findTask } from './tasks.ts';

export const commentsRouter = router({
  list: orgProcedure.input(commentListInput).query(async ({ ctx, input }) => {
    const task = await findTask(ctx.db, ctx.auth.orgId, input.taskId);
    const rows = await ctx.db
      .select()
      .from(comments)
      .where(and(eq(comments.taskId, task.id), eq(comments.orgId, ctx.auth.orgId)))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      // Never more than this: adds stop there (a bound, should rows come some other way).
      .limit(MAX_COMMENTS_PER_TASK);
    return rows.map(serializeComment);
  }),

  add: permissionProcedure(PERMISSIONS.tasksWrite)
    .input(commentAddInput)
    .mutation(async ({ ctx, input }) => {
      const { orgId, userId } = ctx.auth;
      // The task's row is locked, so adds to one task count one after the other: two at
      // once cannot both see room for one more.
      const [task] = await ctx.db
        .select({ id: tasks.id, projectId: tasks.projectId })
        .from(tasks)
        .where(and(eq(tasks.id, input.taskId), eq(tasks.orgId, orgId)))
        .for('update');
      if (!task) throw notFound('Task');
      const [existing] = await ctx.db
        .select({ n: count() })
        .from(comments)
        .where(eq(comments.taskId, task.id));
      if ((existing?.n ?? 0) >= MAX_COMMENTS_PER_TASK) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `This task has ${MAX_COMMENTS_PER_TASK} comments, the most a task can have. Delete some to add more.`,
        });
      }
      const [comment] = await ctx.db
        .insert(comments)
        .values({ orgId, taskId: task.id, authorId: userId, body: input.body })
        .returning();
      const added = serializeComment(comment!);
      const where = { orgId, projectId: task.projectId, actorId: userId };
      await recordBoardEvent(ctx.db, where, {
        type: 'comment.added',
        taskId: task.id,
        comment: added,
      });
      return added;
    }),

  /** Authors delete their own comments; moderators (admins) any, which is audited. */
  delete: orgProcedure.input(commentIdInput).mutation(async ({ ctx, input }) => {
    const { orgId, userId } = ctx.auth;
    const [found] = await ctx.db
      .select({ comment: comments, projectId: tasks.projectId })
      .from(comments)
      .innerJoin(tasks, eq(tasks.id, comments.taskId))
      .where(and(eq(comments.id, input.commentId), eq(comments.orgId, orgId)));
    if (!found) throw notFound('Comment');
    const { comment } = found;
    const { moderated } = authorizeDeletion(
      ctx.auth,
      comment.authorId,
      'Only the author or an organization admin can delete this comment.',
    );
    // Someone else (another admin, the author) may have deleted it since the read: then
    // this delete removes nothing, and must neither succeed nor be audited.
    const deleted = await ctx.db
      .delete(comments)
      .where(eq(comments.id, comment.id))
      .returning({ id: comments.id });
    if (deleted.length === 0) throw notFound('Comment');
    const where = { orgId, projectId: found.projectId, actorId: userId };
    const change = { type: 'comment.deleted' as const, taskId: comment.taskId };
    await recordBoardEvent(ctx.db, where, { ...change, commentId: comment.id });
    if (moderated) {
      await recordAudit(ctx.db, {
        orgId,
        actorId: userId,
        action: 'comment.deleted_by_admin',
        targetType: 'comment',
        targetId: comment.id,
        details: { taskId: comment.taskId, authorId: comment.authorId },
      });
    }
    return { id: comment.id, deleted: true as const };
  }),
});
