import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { memberships } from '../db/schema.ts';

/** Tasks may only be assigned to members of their organization. */
export async function assertMember(db: DbOrTx, orgId: string, userId: string | null | undefined) {
  if (!userId) return;
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!member) throw assigneeNotAMember();
}

export function assigneeNotAMember(): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: 'The assignee is not a member of this organization.',
  });
}
