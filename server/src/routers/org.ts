import { and, asc, eq } from 'drizzle-orm';
import { memberships, organizations, users } from '../db/schema.ts';
import { readOrgSettings } from '../domain/org-settings.ts';
import { orgAdminProcedure, orgProcedure, router } from '../trpc.ts';

export const orgRouter = router({
  /** The active organization: the token's view plus its name and task key prefix. */
  current: orgProcedure.query(async ({ ctx }) => {
    const [org] = await ctx.db
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, ctx.auth.orgId));
    const settings = await readOrgSettings(ctx.db, ctx.auth.orgId);
    return {
      orgId: ctx.auth.orgId,
      orgName: org?.name ?? ctx.auth.orgSlug ?? ctx.auth.orgId,
      orgSlug: ctx.auth.orgSlug ?? null,
      orgRole: ctx.auth.orgRole,
      orgPermissions: ctx.auth.orgPermissions ?? [],
      taskKeyPrefix: settings.taskKeyPrefix,
    };
  }),

  /** People who can be assigned tasks: the organization's members. */
  members: orgProcedure.query(async ({ ctx }) => {
    return ctx.db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, ctx.auth.orgId)))
      .orderBy(asc(users.name), asc(users.id));
  }),

  /** Lets the SPA (and tests) confirm the caller administers the active organization. */
  adminCheck: orgAdminProcedure.query(({ ctx }) => ({
    orgId: ctx.auth.orgId,
    admin: true as const,
  })),
});
