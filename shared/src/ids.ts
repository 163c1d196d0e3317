import { z } from 'zod';

/** Row ids of Tasklane's own tables. */
export const idSchema = z.uuid({ error: 'a valid id (UUID)' });

/** Clerk ids: `user_…`, `org_…`. Bounded so a hostile value cannot bloat a query. */
export const clerkUserIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^user_[A-Za-z0-9_]+$/, 'a Clerk user id (user_…)');

/** Keyset cursors are positive integers (task numbers, audit ids). */
export const cursorSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const pageLimitSchema = z.number().int().min(1).max(100);
