import { bigint, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';
import { tenantPolicies } from './tenancy.ts';

/** What keeps the mirror true to Clerk: removals, deletions, webhook deliveries. */

/**
 * Memberships Clerk's webhooks removed, and when. A removed member's session token still
 * names the organization until it expires (60 s), and the first request it makes would
 * mirror the membership back (identity-sync.ts): a token issued before the removal does not.
 * Clerk adding the member again (a membership webhook) deletes the record.
 */
export const membershipRemovals = pgTable(
  'membership_removals',
  {
    // No foreign keys: a removal may name an organization or user this database has not
    // mirrored yet, whose first request must not mirror the membership either.
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    removedAt: timestamptz('removed_at').notNull().defaultNow(),
    /** The removal event's `timestamp` (ms): an older membership event does not undo it. */
    clerkRemovedAt: bigint('clerk_removed_at', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), ...tenantPolicies('org_id')],
).enableRLS();

/**
 * Users and organizations Clerk deleted (`object` is `user` or `organization`). Clerk never
 * reuses an id, so a deletion is final: an event about the object that arrives after it
 * (a late or redelivered `organization.updated`, a membership) changes nothing.
 */
export const clerkDeletions = pgTable(
  'clerk_deletions',
  {
    object: text('object').$type<'user' | 'organization'>().notNull(),
    id: text('id').notNull(),
    /** The deletion event's `timestamp` (ms). */
    clerkDeletedAt: bigint('clerk_deleted_at', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.object, t.id] })],
);

/**
 * The Clerk webhook deliveries applied, by their `svix-id` (the same for every retry of a
 * message). Svix delivers at least once: a delivery already here is acknowledged and not
 * applied again. Rows older than the retry window are pruned as new ones arrive.
 */
export const clerkWebhookDeliveries = pgTable(
  'clerk_webhook_deliveries',
  {
    svixId: text('svix_id').primaryKey(),
    eventType: text('event_type').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [index('clerk_webhook_deliveries_received_idx').on(t.receivedAt)],
);
