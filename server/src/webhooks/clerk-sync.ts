import { sql } from 'drizzle-orm';
import { notifyAccessRevoked } from '../board-events/access-revoked.ts';
import type { Db, Tx } from '../db/database.ts';
import { acrossOrganizations } from '../db/tenant-scope.ts';
import { recordDelivery } from './clerk-deliveries.ts';
import type { HandledClerkEvent } from './clerk-event-schema.ts';
import { deleteMembership, upsertMembership } from './mirror-memberships.ts';
import { deleteOrganization, upsertOrganization } from './mirror-organizations.ts';
import { deleteUser, upsertUser } from './mirror-users.ts';

/**
 * Webhook transactions take turns: each reads what the mirror holds (a removal, a
 * deletion, a row's Clerk time) before it writes, and two events about the same
 * membership applied side by side could each miss the other's write. Clerk's events are
 * few, so one lock for all of them costs nothing. Identity sync does not take it.
 */
const WEBHOOK_LOCK_ID = 7_305_114_002;

export interface DeliveryOutcome {
  /** The `svix-id` was applied before: nothing was written this time. */
  duplicate: boolean;
  /** The user whose cached identity should be forgotten, if any. */
  userId?: string;
}

/**
 * Applies one verified, validated Clerk webhook delivery, recording its `svix-id` in the
 * same transaction: a redelivery is acknowledged without being applied again, and a
 * failure leaves neither the record nor any write, so Clerk's retry applies it whole.
 */
export async function applyClerkDelivery(
  db: Db,
  svixId: string,
  event: HandledClerkEvent,
): Promise<DeliveryOutcome> {
  return acrossOrganizations(db, 'clerk-webhooks', async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${WEBHOOK_LOCK_ID})`);
    if (!(await recordDelivery(tx, svixId, event.type))) return { duplicate: true };
    return { duplicate: false, userId: await applyClerkEvent(tx, event) };
  });
}

/** Writes one event; every write yields to a newer state (see the mirror-* files). */
async function applyClerkEvent(tx: Tx, event: HandledClerkEvent): Promise<string | undefined> {
  switch (event.type) {
    case 'user.created':
    case 'user.updated':
      await upsertUser(tx, event);
      return event.data.id;
    case 'user.deleted':
      await deleteUser(tx, event.data.id, event.timestamp);
      await notifyAccessRevoked(tx, '*', event.data.id);
      return event.data.id;
    case 'organization.created':
    case 'organization.updated':
      await upsertOrganization(tx, event.data);
      return undefined;
    case 'organization.deleted':
      await deleteOrganization(tx, event.data.id, event.timestamp);
      await notifyAccessRevoked(tx, event.data.id, '*');
      return undefined;
    case 'organizationMembership.created':
    case 'organizationMembership.updated':
      await upsertMembership(tx, event.data, event.timestamp);
      return event.data.public_user_data.user_id;
    case 'organizationMembership.deleted':
      await deleteMembership(tx, event.data, event.timestamp);
      await notifyAccessRevoked(
        tx,
        event.data.organization.id,
        event.data.public_user_data.user_id,
      );
      return event.data.public_user_data.user_id;
  }
}
