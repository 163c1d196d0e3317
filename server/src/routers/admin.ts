import { auditLogInput, orgSettingsUpdateInput } from '@tasklane/shared';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { auditLog, organizations } from '../db/schema.ts';
import { recordAudit } from '../domain/audit.ts';
import { readOrgSettings } from '../domain/org-settings.ts';
import { orgAdminProcedure, router } from '../trpc.ts';

export const adminRouter = router({
  /** Newest first, one page at a time (keyset on the monotonic id). */
  auditLog: orgAdminProcedure.input(auditLogInput).query(async ({ ctx, input }) => {
    const rows = await ctx.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.orgId, ctx.auth.orgId),
          input.action ? eq(auditLog.action, input.action) : undefined,
          input.actorId ? eq(auditLog.actorId, input.actorId) : undefined,
          input.cursor ? lt(auditLog.id, input.cursor) : undefined,
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        actorId: row.actorId,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        details: row.details,
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }),

  settings: router({
    get: orgAdminProcedure.query(({ ctx }) => readOrgSettings(ctx.db, ctx.auth.orgId)),

    update: orgAdminProcedure.input(orgSettingsUpdateInput).mutation(async ({ ctx, input }) => {
      // Lock the row so concurrent updates apply one after the other, each fully.
      await ctx.db.execute(
        sql`select 1 from ${organizations} where ${organizations.id} = ${ctx.auth.orgId} for update`,
      );
      const before = await readOrgSettings(ctx.db, ctx.auth.orgId);
      const after = { ...before, ...input };
      await ctx.db
        .update(organizations)
        .set({ settings: after, updatedAt: sql`now()` })
        .where(eq(organizations.id, ctx.auth.orgId));
      await recordAudit(ctx.db, {
        orgId: ctx.auth.orgId,
        actorId: ctx.auth.userId,
        action: 'settings.updated',
        targetType: 'organization',
        targetId: ctx.auth.orgId,
        details: { before, after },
      });
      return after;
    }),
  }),
});
