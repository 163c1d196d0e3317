import {
  PERMISSIONS,
  projectArchiveInput,
  projectCreateInput,
  projectIdInput,
  projectListInput,
  projectRenameInput,
} from '@tasklane/shared';
import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { recordBoardEvent } from '../board-events/events.ts';
import type { DbOrTx } from '../db/database.ts';
import { projects, tasks } from '../db/schema.ts';
import { recordAudit } from '../domain/audit.ts';
import { notFound } from '../domain/not-found.ts';
import { serializeProject } from '../domain/serialize.ts';
import { orgAdminProcedure, orgProcedure, permissionProcedure, router } from '../trpc.ts';

/** The project, if it belongs to the organization; NOT_FOUND otherwise. */
export async function findProject(db: DbOrTx, orgId: string, projectId: string) {
  const [project] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.orgId, orgId)));
  if (!project) throw notFound('Project');
  return project;
}

export const projectsRouter = router({
  list: orgProcedure.input(projectListInput).query(async ({ ctx, input }) => {
    const { orgId } = ctx.auth;
    const openTasks = ctx.db
      .select({ projectId: tasks.projectId, open: count().as('open') })
      .from(tasks)
      .where(and(eq(tasks.orgId, orgId), ne(tasks.status, 'done')))
      .groupBy(tasks.projectId)
      .as('open_tasks');
    const rows = await ctx.db
      .select({
        project: projects,
        openTaskCount: sql<number>`coalesce(${openTasks.open}, 0)::int`,
      })
      .from(projects)
      .leftJoin(openTasks, eq(openTasks.projectId, projects.id))
      .where(
        and(
          eq(projects.orgId, orgId),
          input.includeArchived ? undefined : isNull(projects.archivedAt),
        ),
      )
      .orderBy(asc(projects.name), asc(projects.id));
    return rows.map((row) => ({
      ...serializeProject(row.project),
      openTaskCount: row.openTaskCount,
    }));
  }),

  get: orgProcedure.input(projectIdInput).query(async ({ ctx, input }) => {
    return serializeProject(await findProject(ctx.db, ctx.auth.orgId, input.projectId));
  }),

  create: permissionProcedure(PERMISSIONS.tasksWrite)
    .input(projectCreateInput)
    .mutation(async ({ ctx, input }) => {
      const [project] = await ctx.db
        .insert(projects)
        .values({
          orgId: ctx.auth.orgId,
          name: input.name,
          description: input.description,
          createdBy: ctx.auth.userId,
        })
        .returning();
      return serializeProject(project!);
    }),

  rename: permissionProcedure(PERMISSIONS.tasksWrite)
    .input(projectRenameInput)
    .mutation(async ({ ctx, input }) => {
      const { orgId, userId } = ctx.auth;
      const [row] = await ctx.db
        .update(projects)
        .set({ name: input.name, updatedAt: sql`now()` })
        .where(and(eq(projects.id, input.projectId), eq(projects.orgId, orgId)))
        .returning();
      if (!row) throw notFound('Project');
      const project = serializeProject(row);
      const where = { orgId, projectId: project.id, actorId: userId };
      await recordBoardEvent(ctx.db, where, { type: 'project.renamed', project });
      return project;
    }),

  /** Archive (or restore) a project: hidden from the default list, kept with its tasks. */
  archive: orgAdminProcedure.input(projectArchiveInput).mutation(async ({ ctx, input }) => {
    const [project] = await ctx.db
      .update(projects)
      .set({ archivedAt: input.archived ? sql`now()` : null, updatedAt: sql`now()` })
      .where(and(eq(projects.id, input.projectId), eq(projects.orgId, ctx.auth.orgId)))
      .returning();
    if (!project) throw notFound('Project');
    await recordAudit(ctx.db, {
      orgId: ctx.auth.orgId,
      actorId: ctx.auth.userId,
      action: input.archived ? 'project.archived' : 'project.unarchived',
      targetType: 'project',
      targetId: project.id,
      details: { name: project.name },
    });
    const serialized = serializeProject(project);
    const where = { orgId: ctx.auth.orgId, projectId: project.id, actorId: ctx.auth.userId };
    await recordBoardEvent(ctx.db, where, { type: 'project.archived', project: serialized });
    return serialized;
  }),

  /** Delete a project with its tasks and comments, in one transaction with its audit entry. */
  delete: orgAdminProcedure.input(projectIdInput).mutation(async ({ ctx, input }) => {
    const project = await findProject(ctx.db, ctx.auth.orgId, input.projectId);
    const [{ taskCount = 0 } = {}] = await ctx.db
      .select({ taskCount: count() })
      .from(tasks)
      .where(eq(tasks.projectId, project.id));
    await ctx.db.delete(projects).where(eq(projects.id, project.id));
    await recordAudit(ctx.db, {
      orgId: ctx.auth.orgId,
      actorId: ctx.auth.userId,
      action: 'project.deleted',
      targetType: 'project',
      targetId: project.id,
      details: { name: project.name, taskCount },
    });
    const where = { orgId: ctx.auth.orgId, projectId: project.id, actorId: ctx.auth.userId };
    await recordBoardEvent(ctx.db, where, { type: 'project.deleted' });
    return { id: project.id, deleted: true as const };
  }),
});
