import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { ACCESS_REVOKED_CHANNEL } from './event-hub.ts';

/**
 * Tells every instance, at commit, that a user's access to an organization ended (`'*'`:
 * every user of it, or every organization of the user). Their open board streams check
 * their membership again and end with FORBIDDEN if it is gone (board-stream.ts).
 */
export async function notifyAccessRevoked(tx: Tx, orgId: string | '*', userId: string | '*') {
  await tx.execute(sql`select pg_notify(${ACCESS_REVOKED_CHANNEL}, ${`${orgId} ${userId}`})`);
}
