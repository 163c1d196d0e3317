import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

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
});
