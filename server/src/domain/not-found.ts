import { TRPCError } from '@trpc/server';

/**
 * Missing and belonging-to-another-organization look the same: every lookup is scoped by
 * the caller's organization, so a foreign id simply finds nothing (no existence leak).
 */
export function notFound(what: 'Project' | 'Task' | 'Comment'): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${what} not found.` });
}
