import {
  type OrgSettings,
  PERMISSIONS,
  taskCreateInput,
  taskIdInput,
  taskListInput,
  taskMoveInput,
  taskUpdateInput,
} from '@tasklane/shared';
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { recordBoardEvent } from '../board-events/events.ts';
import type { DbOrTx } from '../db/database.ts';
import { tasks } from '../db/schema.ts';
import { recordAudit } from '../domain/audit.ts';
import { rebalanceColumnIfCrowded } from '../domain/column-positions.ts';
import { assertMember, assigneeNotAMember } from '../domain/members.ts';
import { authorizeDeletion } from '../domain/moderation.ts';
import { notFound } from '../domain/not-found.ts';
import { serializeTask } from '../domain/serialize.ts';
import { readNewTaskTarget } from '../domain/task-create-target.ts';
import { insertTask } from '../domain/task-insert.ts';
import { selectTaskPage } from '../domain/task-list-query.ts';
import { orgProcedure, permissionProcedure, router } from '../trpc.ts';
import { findProject } from './projects.ts';

export async function findTask(db: DbOrTx, orgId: string, taskId: string) {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.orgId, orgId)));
  if (!task) throw notFound('Task');
  return task;
}

/**
 * Applies `set` only if the task is still at `version`. No row updated means either the
 * task is gone (or another organization's: NOT_FOUND) or someone changed it (CONFLICT).
 */
async function updateAtVersion(
  db: DbOrTx,
  where: { orgId: string; taskId: string; version: number; userId: string },
  set: Partial<typeof tasks.$inferInsert>,
) {
  const [row] = await db
    .update(tasks)
    .set({
      ...set,
      version: sql`${tasks.version} + 1`,
      updatedBy: where.userId,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(tasks.id, where.taskId),
        eq(tasks.orgId, where.orgId),
        eq(tasks.version, where.version),
      ),
    )
    .returning();
  if (row) return serializeTask(row);
  const current = await findTask(db, where.orgId, where.taskId);
  throw new TRPCError({
    code: 'CONFLICT',
    message: `Someone else changed this task (it is now at version ${current.version}). Reload it and try again.`,
  });
}

/** The organization's default due date for a new task (`YYYY-MM-DD`, UTC), if it has one. */
function defaultDueDate(settings: OrgSettings): string | null {
  if (!settings.defaultDueInDays) return null;
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + settings.defaultDueInDays);
  return date.toISOString().slice(0, 10);
}

export const tasksRouter = router({
  /** A project's tasks in creation order, filtered, one page at a time (keyset on `number`). */
  list: orgProcedure.input(taskListInput).query(async ({ ctx, input }) => {
    const { orgId } = ctx.auth;
    const rows = await selectTaskPage(ctx.db, orgId, input);
    // Rows scoped by organization prove the project is the caller's; only an empty page
    // needs the second query that tells "no such project" (NOT_FOUND) from "no tasks".
    if (rows.length === 0) await findProject(ctx.db, orgId, input.projectId);
    const page = rows.slice(0, input.limit);
    return {
      items: page.map(serializeTask),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.number ?? null) : null,
    };
  }),

  get: orgProcedure.input(taskIdInput).query(async ({ ctx, input }) => {
    return serializeTask(await findTask(ctx.db, ctx.auth.orgId, input.taskId));
  }),

  create: permissionProcedure(PERMISSIONS.tasksWrite)
    .input(taskCreateInput)
    .mutation(async ({ ctx, input }) => {
      const { orgId, userId } = ctx.auth;
      const { projectId, assigneeId = null } = input;
      // Two statements: what the checks need, read at once, then the insert.
      const target = await readNewTaskTarget(ctx.db, { orgId, projectId, assigneeId });
      if (!target) throw notFound('Project');
      if (target.archived) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'The project is archived.' });
      }
      if (assigneeId && !target.assigneeIsMember) throw assigneeNotAMember();
      const dueDate = input.dueDate !== undefined ? input.dueDate : defaultDueDate(target.settings);
      // The number and the row in one statement (see task-insert.ts).
      const row = await insertTask(ctx.db, {
        orgId,
        projectId,
        title: input.title,
        description: input.description,
        status: input.status,
        assigneeId,
        dueDate,
        userId,
      });
      if (!row) throw notFound('Project');
      const task = serializeTask(row);
      await recordBoardEvent(
        ctx.db,
        { orgId, projectId, actorId: userId },
        { type: 'task.created', task },
      );
      return task;
    }),

  update: permissionProcedure(PERMISSIONS.tasksWrite)
    .input(taskUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const { orgId, userId } = ctx.auth;
      await assertMember(ctx.db, orgId, input.patch.assigneeId);
      const task = await updateAtVersion(
        ctx.db,
        { orgId, userId, taskId: input.taskId, version: input.version },
        input.patch,
      );
      const where = { orgId, projectId: task.projectId, actorId: userId };
      await recordBoardEvent(ctx.db, where, { type: 'task.updated', task });
      return task;
    }),

  move: permissionProcedure(PERMISSIONS.tasksWrite)
    .input(taskMoveInput)
    .mutation(async ({ ctx, input }) => {
      const { orgId, userId } = ctx.auth;
      const moved = await updateAtVersion(
        ctx.db,
        { orgId, userId, taskId: input.taskId, version: input.version },
        { status: input.status, position: input.position },
      );
      const where = { orgId, projectId: moved.projectId, actorId: userId };
      const positions = await rebalanceColumnIfCrowded(ctx.db, moved);
      const task = positions ? serializeTask(await findTask(ctx.db, orgId, moved.id)) : moved;
      await recordBoardEvent(ctx.db, where, { type: 'task.moved', task });
      if (positions) {
        await recordBoardEvent(ctx.db, where, {
          type: 'column.rebalanced',
          status: task.status,
          positions,
        });
      }
      return task;
    }),

  /** Its creator may delete a task; so may a moderator (admin), which is audited. */
  delete: permissionProcedure(PERMISSIONS.tasksWrite)
    .input(taskIdInput)
    .mutation(async ({ ctx, input }) => {
      const { orgId, userId } = ctx.auth;
      const task = await findTask(ctx.db, orgId, input.taskId);
      const { moderated } = authorizeDeletion(
        ctx.auth,
        task.createdBy,
        'Only the task creator or an organization admin can delete this task.',
      );
      // Someone else may have deleted it since the read: then this delete removes nothing,
      // and must neither succeed nor be audited.
      const deleted = await ctx.db
        .delete(tasks)
        .where(eq(tasks.id, task.id))
        .returning({ id: tasks.id });
      if (deleted.length === 0) throw notFound('Task');
      const where = { orgId, projectId: task.projectId, actorId: userId };
      await recordBoardEvent(ctx.db, where, { type: 'task.deleted', taskId: task.id });
      if (moderated) {
        await recordAudit(ctx.db, {
          orgId,
          actorId: userId,
          action: 'task.deleted_by_admin',
          targetType: 'task',
          targetId: task.id,
          details: { title: task.title, number: task.number, createdBy: task.createdBy },
        });
      }
      return { id: task.id, deleted: true as const };
    }),
});
