import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { membershipRemovals, memberships, users } from '../db/schema.ts';
import { isDeleted } from './clerk-deletions.ts';
import type { ClerkMembershipData } from './clerk-event-schema.ts';
import { upsertOrganization } from './mirror-organizations.ts';
import { displayName } from './mirror-users.ts';
import { removeMembership } from './remove-membership.ts';

/**
 * Membership events are ordered by the event's `timestamp` (`at`): a membership row keeps
 * the time of the event that wrote it, a removal the time of the event that removed it,
 * and an event older than either changes nothing. A removal wins a tie.
 */

const pair = (orgId: string, userId: string) => ({
  membership: and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)),
  removal: and(eq(membershipRemovals.orgId, orgId), eq(membershipRemovals.userId, userId)),
});

async function removedSince(tx: Tx, orgId: string, userId: string, at: number) {
  const [removal] = await tx
    .select({ at: membershipRemovals.clerkRemovedAt })
    .from(membershipRemovals)
    .where(pair(orgId, userId).removal);
  // A removal recorded before removals carried Clerk's time counts as older than any event.
  return removal?.at != null && removal.at >= at;
}

export async function upsertMembership(tx: Tx, m: ClerkMembershipData, at: number) {
  const u = m.public_user_data;
  const orgId = m.organization.id;
  // The user and organization first, each by its own rules (a user is only created here,
  // user.* events say who they are; an organization yields to a newer state), whatever
  // becomes of the membership: that keeps the mirror the same in any delivery order.
  // The user before the organization, in the order identity sync writes them: in the
  // other order, this and a first request of the same user deadlocked on PostgreSQL
  // (each upsert waits for the row the other has written and not yet committed).
  const userDeleted = await isDeleted(tx, 'user', u.user_id);
  if (!userDeleted) {
    await tx
      .insert(users)
      .values({
        id: u.user_id,
        name: displayName(u.first_name, u.last_name, u.identifier),
        email: u.identifier ?? null,
        imageUrl: u.image_url ?? null,
      })
      .onConflictDoNothing();
  }
  await upsertOrganization(tx, m.organization);
  if (userDeleted || (await isDeleted(tx, 'organization', orgId))) return;
  if (await removedSince(tx, orgId, u.user_id, at)) return;
  await tx
    .insert(memberships)
    .values({ orgId, userId: u.user_id, role: m.role, clerkUpdatedAt: at })
    .onConflictDoUpdate({
      target: [memberships.orgId, memberships.userId],
      set: { role: m.role, clerkUpdatedAt: at, updatedAt: sql`now()` },
      setWhere: or(isNull(memberships.clerkUpdatedAt), lt(memberships.clerkUpdatedAt, at)),
    });
  // Clerk says they are a member (again): their tokens may mirror it.
  await tx.delete(membershipRemovals).where(pair(orgId, u.user_id).removal);
}

export async function deleteMembership(tx: Tx, m: ClerkMembershipData, at: number) {
  const orgId = m.organization.id;
  const userId = m.public_user_data.user_id;
  const [current] = await tx
    .select({ at: memberships.clerkUpdatedAt })
    .from(memberships)
    .where(pair(orgId, userId).membership);
  // Re-created (or changed) after this removal: the newer event stands.
  if (current?.at != null && current.at > at) return;
  if (await removedSince(tx, orgId, userId, at)) return;
  await removeMembership(tx, orgId, userId, at);
}
