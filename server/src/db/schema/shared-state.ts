import { bigint, index, integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/** State several API instances share, so that any instance can answer any request. */

/**
 * Local auth mode's live sessions (auth/local/session-registry.ts): the signed cookie says
 * who a session is, this row says it still exists. Signing out deletes it.
 */
export const localSessions = pgTable(
  'local_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('local_sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Request counts of the shared rate limit, in the layout `rate-limiter-flexible`'s
 * `RateLimiterPostgres` reads and writes (`tableCreated: true`: the migration made it).
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});
