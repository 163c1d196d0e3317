import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { tasks } from '../db/schema.ts';
import { serializeTask } from '../domain/serialize.ts';
import { orgProcedure, protectedProcedure, publicProcedure, router } from '../trpc.ts';

/** "My open tasks" is a worklist, not an archive: the first 200 by due date are plenty. */
const MAX_OPEN_TASKS = 200;

export const meRouter = router({
  /** Who the server thinks the caller is; signed-out callers get `signedIn: false`. */
  whoami: publicProcedure.query(({ ctx }) => {
    const { auth } = ctx;
    return {
      signedIn: auth.isAuthenticated,
      userId: auth.userId ?? null,
      orgId: auth.orgId ?? null,
      orgRole: auth.orgRole ?? null,
    };
  }),

  /** The caller's session as verified from the token. */
  session: protectedProcedure.query(({ ctx }) => {
    const { auth } = ctx;
    return {
      userId: auth.userId,
      sessionId: auth.sessionId,
      orgId: auth.orgId ?? null,
      orgSlug: auth.orgSlug ?? null,
      orgRole: auth.orgRole ?? null,
      orgPermissions: auth.orgPermissions ?? [],
      expiresAt: auth.sessionClaims.exp * 1000,
    };
  }),

  /** My open tasks in the active organization, soonest due first. */
  openTasks: orgProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db
      .select()
      .from(tasks)
      .where(
        and(
          eq(tasks.orgId, ctx.auth.orgId),
          eq(tasks.assigneeId, ctx.auth.userId),
          ne(tasks.status, 'done'),
        ),
      )
      .orderBy(sql`${tasks.dueDate} asc nulls last`, asc(tasks.number))
      .limit(MAX_OPEN_TASKS);
    return rows.map(serializeTask);
  }),
});
