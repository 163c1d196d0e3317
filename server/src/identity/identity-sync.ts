import { and, eq, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import {
  clerkDeletions,
  membershipRemovals,
  memberships,
  organizations,
  users,
} from '../db/schema.ts';
import { scopedToOrganization } from '../db/tenant-scope.ts';
import type { ProfileSource } from './profile-source.ts';

/** The part of Clerk's auth object identity sync reads. */
export interface VerifiedIdentity {
  userId: string;
  orgId?: string | undefined;
  orgSlug?: string | undefined;
  orgRole?: string | undefined;
  /** The token's claims: `iat` (seconds) tells a token issued before a removal. */
  sessionClaims?: { iat?: number } | null | undefined;
}

export interface IdentitySync {
  /** Makes sure the caller's user, organization and membership rows exist and are current. */
  ensure(identity: VerifiedIdentity): Promise<void>;
  /** Forget what was synced (webhooks call it when Clerk says something changed). */
  forget(userId?: string): void;
}

/**
 * Mirrors verified token claims into the database on first use: a user row (named from
 * the profile source), the organization, and the membership with its current role. A
 * bounded memory of what was synced keeps this off the hot path after the first request.
 */
export function createIdentitySync(
  db: Db,
  profiles: ProfileSource,
  options: { ttlMs?: number; maxEntries?: number } = {},
): IdentitySync {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const synced = new Map<string, number>();

  return {
    async ensure(identity) {
      const key = `${identity.userId}|${identity.orgId ?? ''}|${identity.orgRole ?? ''}`;
      const until = synced.get(key);
      if (until !== undefined && until > Date.now()) return;

      const profile = await profiles.fetchProfile(identity.userId);
      // The caller's own organization only: its row and membership are rows of that
      // organization, which row-level security admits in its scope.
      const { orgId } = identity;
      const inScope = (work: (tx: Tx) => Promise<void>) =>
        orgId ? scopedToOrganization(db, orgId, work) : db.transaction(work);
      await inScope(async (tx) => {
        // Clerk deleted the user or organization (its webhook says so) while a token naming
        // it is still valid: its rows are not written back. Clerk never reuses ids.
        const deleted = await tx
          .select({ object: clerkDeletions.object })
          .from(clerkDeletions)
          .where(
            or(
              and(eq(clerkDeletions.object, 'user'), eq(clerkDeletions.id, identity.userId)),
              identity.orgId
                ? and(
                    eq(clerkDeletions.object, 'organization'),
                    eq(clerkDeletions.id, identity.orgId),
                  )
                : undefined,
            ),
          );
        if (deleted.some((row) => row.object === 'user')) return;
        const orgDeleted = deleted.length > 0;
        await tx
          .insert(users)
          .values({
            id: identity.userId,
            name: profile?.name ?? identity.userId,
            email: profile?.email ?? null,
            imageUrl: profile?.imageUrl ?? null,
          })
          .onConflictDoUpdate({
            target: users.id,
            set: profile
              ? {
                  name: profile.name,
                  email: profile.email,
                  imageUrl: profile.imageUrl,
                  updatedAt: sql`now()`,
                }
              : { updatedAt: sql`${users.updatedAt}` },
          });
        if (identity.orgId && identity.orgRole && !orgDeleted) {
          await tx
            .insert(organizations)
            .values({
              id: identity.orgId,
              name: identity.orgSlug ?? identity.orgId,
              slug: identity.orgSlug ?? null,
            })
            .onConflictDoNothing();
          // Not from a token issued before Clerk's webhook removed this membership: the
          // token still names the organization until it expires (see membershipRemovals).
          const issuedAt = identity.sessionClaims?.iat ?? 0;
          await tx.execute(sql`
            insert into ${memberships} (org_id, user_id, role)
            select ${identity.orgId}, ${identity.userId}, ${identity.orgRole}
             where not exists (
               select 1 from ${membershipRemovals} r
                where r.org_id = ${identity.orgId} and r.user_id = ${identity.userId}
                  and r.removed_at >= to_timestamp(${issuedAt}))
            on conflict (org_id, user_id)
            do update set role = excluded.role, updated_at = now()`);
        }
      });
      synced.delete(key);
      synced.set(key, Date.now() + ttlMs);
      if (synced.size > maxEntries) synced.delete(synced.keys().next().value as string);
    },
    forget(userId) {
      // The profile too: a user.updated webhook's name must not be overwritten by the
      // profile remembered before it on the user's next request.
      profiles.forget?.(userId);
      if (!userId) return synced.clear();
      for (const key of synced.keys()) if (key.startsWith(`${userId}|`)) synced.delete(key);
    },
  };
}
