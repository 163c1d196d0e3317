import { bigint, timestamp } from 'drizzle-orm/pg-core';

/** `timestamp with time zone`, read as a `Date`; the API answers with ISO strings. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => timestamptz('created_at').notNull().defaultNow();
export const updatedAt = () => timestamptz('updated_at').notNull().defaultNow();
/**
 * When Clerk last changed what a mirrored row says (milliseconds since the epoch: Clerk's
 * `updated_at`, or a webhook event's `timestamp`). Clerk delivers webhooks at least once
 * and in no fixed order, so an event older than this does not overwrite the row. Null for
 * rows only a session token wrote (identity-sync.ts): any webhook event is newer.
 */
export const clerkUpdatedAt = () => bigint('clerk_updated_at', { mode: 'number' });
