import { eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { organizations } from '../db/schema.ts';
import { isDeleted, markDeleted } from './clerk-deletions.ts';

interface ClerkOrganization {
  id: string;
  name: string;
  slug?: string | null | undefined;
  /** Clerk's `updated_at`; without it the organization is only created if missing. */
  updated_at?: number | undefined;
}

/** An organization as Clerk's `updated_at` says, unless the row already holds a newer state. */
export async function upsertOrganization(tx: Tx, org: ClerkOrganization) {
  if (await isDeleted(tx, 'organization', org.id)) return;
  const row = { name: org.name, slug: org.slug ?? null, clerkUpdatedAt: org.updated_at ?? null };
  const insert = tx.insert(organizations).values({ id: org.id, ...row });
  const updatedAt = org.updated_at;
  await (updatedAt === undefined
    ? insert.onConflictDoNothing()
    : insert.onConflictDoUpdate({
        target: organizations.id,
        set: { ...row, updatedAt: sql`now()` },
        setWhere: or(
          isNull(organizations.clerkUpdatedAt),
          lt(organizations.clerkUpdatedAt, updatedAt),
        ),
      }));
}

/** Deleting the organization deletes its board (foreign keys cascade), for good. */
export async function deleteOrganization(tx: Tx, id: string, at: number) {
  await markDeleted(tx, 'organization', id, at);
  await tx.delete(organizations).where(eq(organizations.id, id));
}
