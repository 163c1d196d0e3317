import { z } from 'zod';
import { ORG_ROLES } from './roles.ts';

/** What the server tells the SPA about how to sign in (GET /api/client-config). */
export const clientConfigSchema = z.discriminatedUnion('authMode', [
  z.object({ authMode: z.literal('local') }),
  z.object({ authMode: z.literal('clerk'), publishableKey: z.string().min(1) }),
]);
export type ClientConfig = z.infer<typeof clientConfigSchema>;

export const localMembershipSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgSlug: z.string(),
  role: z.enum([ORG_ROLES.admin, ORG_ROLES.member]),
});

/** A demo identity offered by the local sign-in page. */
export const localUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  memberships: z.array(localMembershipSchema),
});
export type LocalUser = z.infer<typeof localUserSchema>;

export const localSignInInputSchema = z.object({
  userId: z.string().min(1).max(64),
  orgId: z.string().min(1).max(64).nullable().optional(),
});

export const localSwitchOrgInputSchema = z.object({
  orgId: z.string().min(1).max(64).nullable(),
});

/** A local session and a fresh session token for it. */
export const localSessionSchema = z.object({
  sessionId: z.string(),
  userId: z.string(),
  orgId: z.string().nullable(),
  orgRole: z.string().nullable(),
  token: z.string(),
  /** Token expiry, epoch milliseconds. */
  expiresAt: z.number(),
});
export type LocalSession = z.infer<typeof localSessionSchema>;
