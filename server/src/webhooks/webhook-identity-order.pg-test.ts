import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { expect, it } from 'vitest';
import { memberships, organizations, users } from '../db/schema.ts';
import { APP_ROLE } from '../db/tenant-scope.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import {
  asHandled,
  clerkEvent,
  clerkMembership,
  clerkOrganization,
  newSvixId,
} from '../test/clerk-webhooks.ts';
import { applyClerkDelivery } from './clerk-sync.ts';

/**
 * PostgreSQL only (runs in `npm run test:pg`): a membership webhook arrives while the same
 * user's first request is mirroring them (identity-sync.ts writes the user row, then the
 * organization's). Both upsert the same two rows; taken in opposite orders, each waited for
 * the other's uncommitted row and PostgreSQL aborted one of them as a deadlock.
 */
const h = await createCallerHarness();
const orgId = `org_order_${h.world.suffix}`;
const userId = `user_order_${h.world.suffix}`;

it('a membership webhook and a first request of the same user do not deadlock', async () => {
  await h.inspect(async (tx) => {
    await tx.insert(organizations).values({ id: orgId, name: 'Ordered' });
    await tx.insert(users).values({ id: userId, name: 'Orla' });
  });

  // The first request, by hand and held open: identity sync's user upsert, then (below) its
  // organization upsert, as the app's role in a transaction scoped to the organization
  // (the app's own connections: database.ts, tenant-scope.ts).
  const request = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    options: `-c role=${APP_ROLE}`,
  });
  await request.connect();
  try {
    await request.query('begin');
    await request.query(`select set_config('app.org_id', $1, true)`, [orgId]);
    await request.query(
      `insert into users (id, name) values ($1, 'Orla') on conflict (id) do update set name = excluded.name`,
      [userId],
    );
    const now = Date.now();
    const event = clerkEvent(
      'organizationMembership.created',
      clerkMembership({
        organization: clerkOrganization({
          id: orgId,
          name: 'Ordered Inc',
          slug: 'ordered',
          updatedAt: now,
        }),
        user: { id: userId, firstName: 'Orla', email: 'orla@example.com' },
        role: 'org:member',
        updatedAt: now,
      }),
      now,
    );
    const webhook = applyClerkDelivery(h.db, newSvixId(), asHandled(event));
    await sleep(300); // the webhook's transaction is under way and waits where it must
    await request.query(
      `insert into organizations (id, name) values ($1, $1) on conflict do nothing`,
      [orgId],
    );
    await request.query('commit');
    await webhook;
  } finally {
    await request.end();
  }

  const [membership] = await h.inspect((tx) =>
    tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))),
  );
  expect(membership?.role).toBe('org:member');
  const [org] = await h.inspect((tx) =>
    tx.select().from(organizations).where(eq(organizations.id, orgId)),
  );
  expect(org?.name).toBe('Ordered Inc');
}, 30_000);
