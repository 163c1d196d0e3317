import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { clerkDeletions } from '../db/schema.ts';

type DeletedObject = 'user' | 'organization';

/** Remembers that Clerk deleted a user or organization (final: Clerk never reuses ids). */
export async function markDeleted(tx: Tx, object: DeletedObject, id: string, at: number) {
  await tx.insert(clerkDeletions).values({ object, id, clerkDeletedAt: at }).onConflictDoNothing();
}

/** Whether Clerk deleted it: then no event about it, however late, writes it back. */
export async function isDeleted(tx: Tx, object: DeletedObject, id: string) {
  const [row] = await tx
    .select({ id: clerkDeletions.id })
    .from(clerkDeletions)
    .where(and(eq(clerkDeletions.object, object), eq(clerkDeletions.id, id)));
  return row !== undefined;
}
