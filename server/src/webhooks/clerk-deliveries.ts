import { lt, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { clerkWebhookDeliveries } from '../db/schema.ts';

/**
 * How long a delivery is remembered: well past Svix's retry schedule (about a day), and
 * a replay of an older message fails the signature's timestamp check anyway.
 */
const KEEP = sql`interval '7 days'`;

/**
 * Records a delivery by its `svix-id`, in the transaction that applies it: true the first
 * time, false for a redelivery (already applied, or being applied by a transaction this
 * one waited for). Drops deliveries older than KEEP on the way.
 */
export async function recordDelivery(tx: Tx, svixId: string, eventType: string) {
  const recorded = await tx
    .insert(clerkWebhookDeliveries)
    .values({ svixId, eventType })
    .onConflictDoNothing()
    .returning({ svixId: clerkWebhookDeliveries.svixId });
  await tx
    .delete(clerkWebhookDeliveries)
    .where(lt(clerkWebhookDeliveries.receivedAt, sql`now() - ${KEEP}`));
  return recorded.length > 0;
}
