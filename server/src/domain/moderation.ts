import { PERMISSIONS } from '@tasklane/shared';
import { TRPCError } from '@trpc/server';

interface Caller {
  userId: string;
  has(check: { permission: string }): boolean;
}

/**
 * Authors may delete what they wrote; anyone else's only a moderator (the
 * `org:tasks:moderate` permission, held by admins). Returns whether this is moderation,
 * which the caller then records in the audit log, in the same transaction.
 */
export function authorizeDeletion(
  caller: Caller,
  authorId: string,
  refusal: string,
): { moderated: boolean } {
  if (authorId === caller.userId) return { moderated: false };
  if (!caller.has({ permission: PERMISSIONS.tasksModerate })) {
    throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
  }
  return { moderated: true };
}
