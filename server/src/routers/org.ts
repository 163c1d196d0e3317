import { orgAdminProcedure, orgProcedure, router } from '../trpc.ts';

export const orgRouter = router({
  /** The active organization as the token states it. */
  current: orgProcedure.query(({ ctx }) => ({
    orgId: ctx.auth.orgId,
    orgSlug: ctx.auth.orgSlug ?? null,
    orgRole: ctx.auth.orgRole,
    orgPermissions: ctx.auth.orgPermissions ?? [],
  })),

  /** Lets the SPA (and tests) confirm the caller administers the active organization. */
  adminCheck: orgAdminProcedure.query(({ ctx }) => ({
    orgId: ctx.auth.orgId,
    admin: true as const,
  })),
});
