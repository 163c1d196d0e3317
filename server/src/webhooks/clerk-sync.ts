import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { membershipRemovals, memberships, organizations, tasks, users } from '../db/schema.ts';

/**
 * Applies one Clerk webhook event to the database, in one transaction. Every write is an
 * upsert or a delete, so redelivered or out-of-order events converge on Clerk's state.
 * Returns the user whose cached identity should be forgotten, if any.
 */

interface ClerkUserData {
  id: string;
  first_name?: string | null;
  last_name?: string | null;
  image_url?: string | null;
  primary_email_address_id?: string | null;
  email_addresses?: { id: string; email_address: string }[];
}
interface ClerkOrgData {
  id: string;
  name?: string | null;
  slug?: string | null;
}
interface ClerkMembershipData {
  role: string;
  organization: ClerkOrgData;
  public_user_data: {
    user_id: string;
    first_name?: string | null;
    last_name?: string | null;
    identifier?: string | null;
    image_url?: string | null;
  };
}

export interface ClerkEvent {
  type: string;
  data: unknown;
}

const displayName = (first?: string | null, last?: string | null, fallback?: string | null) =>
  [first, last].filter(Boolean).join(' ') || fallback || 'Unnamed user';

async function upsertUser(tx: Tx, row: typeof users.$inferInsert, overwrite: boolean) {
  const query = tx.insert(users).values(row);
  await (overwrite
    ? query.onConflictDoUpdate({
        target: users.id,
        set: { name: row.name, email: row.email, imageUrl: row.imageUrl, updatedAt: sql`now()` },
      })
    : query.onConflictDoNothing());
}

async function upsertOrg(tx: Tx, org: ClerkOrgData) {
  await tx
    .insert(organizations)
    .values({ id: org.id, name: org.name ?? org.id, slug: org.slug ?? null })
    .onConflictDoUpdate({
      target: organizations.id,
      set: { name: org.name ?? org.id, slug: org.slug ?? null, updatedAt: sql`now()` },
    });
}

/**
 * A member who leaves keeps authorship; their open assignments in that org are released.
 * Done tasks keep their assignee: the record of who finished them (a deleted user's name
 * becomes "Deleted user").
 */
async function removeMembership(tx: Tx, orgId: string, userId: string) {
  await tx
    .delete(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  // So that the member's still-valid token does not mirror the membership back.
  await tx
    .insert(membershipRemovals)
    .values({ orgId, userId })
    .onConflictDoUpdate({
      target: [membershipRemovals.orgId, membershipRemovals.userId],
      set: { removedAt: sql`now()` },
    });
  await tx
    .update(tasks)
    .set({ assigneeId: null, version: sql`${tasks.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.assigneeId, userId), ne(tasks.status, 'done')));
}

export async function applyClerkEvent(db: Db, event: ClerkEvent): Promise<{ userId?: string }> {
  return db.transaction(async (tx) => {
    switch (event.type) {
      case 'user.created':
      case 'user.updated': {
        const user = event.data as ClerkUserData;
        const email =
          user.email_addresses?.find((e) => e.id === user.primary_email_address_id)
            ?.email_address ?? null;
        await upsertUser(
          tx,
          {
            id: user.id,
            name: displayName(user.first_name, user.last_name, email),
            email,
            imageUrl: user.image_url ?? null,
          },
          true,
        );
        return { userId: user.id };
      }
      case 'user.deleted': {
        // Rows they wrote stay (authorship, audit); the person and their access go.
        const { id } = event.data as { id: string };
        const orgs = await tx
          .select({ orgId: memberships.orgId })
          .from(memberships)
          .where(eq(memberships.userId, id));
        for (const { orgId } of orgs) await removeMembership(tx, orgId, id);
        await tx
          .update(users)
          .set({ name: 'Deleted user', email: null, imageUrl: null, updatedAt: sql`now()` })
          .where(eq(users.id, id));
        return { userId: id };
      }
      case 'organization.created':
      case 'organization.updated':
        await upsertOrg(tx, event.data as ClerkOrgData);
        return {};
      case 'organization.deleted': {
        // Deleting the organization deletes its board (foreign keys cascade).
        const { id } = event.data as { id: string };
        await tx.delete(organizations).where(eq(organizations.id, id));
        return {};
      }
      case 'organizationMembership.created':
      case 'organizationMembership.updated': {
        const m = event.data as ClerkMembershipData;
        const u = m.public_user_data;
        // The user before the organization, in the order identity sync writes them: in the
        // other order, this and a first request of the same user deadlocked on PostgreSQL
        // (each upsert waits for the row the other has written and not yet committed).
        await upsertUser(
          tx,
          {
            id: u.user_id,
            name: displayName(u.first_name, u.last_name, u.identifier),
            email: u.identifier ?? null,
            imageUrl: u.image_url ?? null,
          },
          false,
        );
        await upsertOrg(tx, m.organization);
        await tx
          .insert(memberships)
          .values({ orgId: m.organization.id, userId: u.user_id, role: m.role })
          .onConflictDoUpdate({
            target: [memberships.orgId, memberships.userId],
            set: { role: m.role, updatedAt: sql`now()` },
          });
        // Clerk says they are a member (again): their tokens may mirror it.
        await tx
          .delete(membershipRemovals)
          .where(
            and(
              eq(membershipRemovals.orgId, m.organization.id),
              eq(membershipRemovals.userId, u.user_id),
            ),
          );
        return { userId: u.user_id };
      }
      case 'organizationMembership.deleted': {
        const m = event.data as ClerkMembershipData;
        await removeMembership(tx, m.organization.id, m.public_user_data.user_id);
        return { userId: m.public_user_data.user_id };
      }
      default:
        return {};
    }
  });
}
