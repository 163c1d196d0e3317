import { eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { memberships, users } from '../db/schema.ts';
import { isDeleted, markDeleted } from './clerk-deletions.ts';
import type { HandledClerkEvent } from './clerk-event-schema.ts';
import { removeMembership } from './remove-membership.ts';

type UserEvent = Extract<HandledClerkEvent, { type: 'user.created' | 'user.updated' }>;

export const displayName = (
  first?: string | null,
  last?: string | null,
  fallback?: string | null,
) => [first, last].filter(Boolean).join(' ') || fallback || 'Unnamed user';

/** A user as Clerk's `updated_at` says, unless the row already holds a newer state. */
export async function upsertUser(tx: Tx, { data: user }: UserEvent) {
  if (await isDeleted(tx, 'user', user.id)) return;
  const email =
    user.email_addresses?.find((e) => e.id === user.primary_email_address_id)?.email_address ??
    null;
  const row = {
    name: displayName(user.first_name, user.last_name, email),
    email,
    imageUrl: user.image_url ?? null,
    clerkUpdatedAt: user.updated_at,
  };
  await tx
    .insert(users)
    .values({ id: user.id, ...row })
    .onConflictDoUpdate({
      target: users.id,
      set: { ...row, updatedAt: sql`now()` },
      setWhere: or(isNull(users.clerkUpdatedAt), lt(users.clerkUpdatedAt, user.updated_at)),
    });
}

/**
 * Rows they wrote stay (authorship, audit); the person and their access go. The row is
 * written even for a user never seen before, so that a late `user.created` finds it deleted.
 */
export async function deleteUser(tx: Tx, id: string, at: number) {
  await markDeleted(tx, 'user', id, at);
  const orgs = await tx
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, id));
  for (const { orgId } of orgs) await removeMembership(tx, orgId, id, at);
  const gone = { name: 'Deleted user', email: null, imageUrl: null, clerkUpdatedAt: at };
  await tx
    .insert(users)
    .values({ id, ...gone })
    .onConflictDoUpdate({ target: users.id, set: { ...gone, updatedAt: sql`now()` } });
}
