import { bigint, timestamp } from 'drizzle-orm/pg-core';

/**
 * `timestamp with time zone`, read as the text PostgreSQL prints: the API answers with ISO
 * strings anyway (domain/iso-timestamp.ts), and a Date in between cost more CPU time than
 * the rest of reading a page of tasks.
 */
export const timestamptz = (name: string) =>
  timestamp(name, { withTimezone: true, mode: 'string' });
export const createdAt = () => timestamptz('created_at').notNull().defaultNow();
export const updatedAt = () => timestamptz('updated_at').notNull().defaultNow();
/**
 * When Clerk last changed what a mirrored row says (milliseconds since the epoch: Clerk's
 * `updated_at`, or a webhook event's `timestamp`). Clerk delivers webhooks at least once
 * and in no fixed order, so an event older than this does not overwrite the row. Null for
 * rows only a session token wrote (identity-sync.ts): any webhook event is newer.
 */
export const clerkUpdatedAt = () => bigint('clerk_updated_at', { mode: 'number' });
