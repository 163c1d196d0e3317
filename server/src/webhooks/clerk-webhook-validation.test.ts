import { formatWithOptions } from 'node:util';
import type {
  OrganizationMembershipWebhookEvent,
  OrganizationWebhookEvent,
  UserWebhookEvent,
} from '@clerk/backend';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clerkWebhookDeliveries, memberships, organizations, users } from '../db/schema.ts';
import { testConfig } from '../test/auth-fixture.ts';
import {
  clerkEvent,
  clerkMembership,
  clerkOrganization,
  clerkUser,
  newWebhookSecret,
  webhookSender,
} from '../test/clerk-webhooks.ts';
import { createHarness } from '../test/harness.ts';
import { HOSTS, type RunningHost } from '../test/host-server.ts';

/**
 * Correctly signed events of a shape the app does not read: 400 in the shape of every
 * non-tRPC error, nothing written (not even the delivery), nothing logged.
 */
const SECRET = newWebhookSecret();
const h = await createHarness(testConfig({ CLERK_WEBHOOK_SIGNING_SECRET: SECRET }));

describe.each(HOSTS)('%s host', (kind) => {
  let server: RunningHost;
  let hook: ReturnType<typeof webhookSender>;
  const s = `${h.world.suffix}_${kind}`;
  const userId = `user_shape_${s}`;
  const orgId = `org_shape_${s}`;
  const at = Date.now();
  const user = clerkUser({
    id: userId,
    firstName: 'Vera',
    email: 'vera@example.com',
    updatedAt: at,
  });
  const org = clerkOrganization({ id: orgId, name: 'Shapes', slug: `shapes-${s}`, updatedAt: at });
  const membership = clerkMembership({
    organization: org,
    user: { id: userId, firstName: 'Vera', email: 'vera@example.com' },
    role: 'org:member',
    updatedAt: at,
  });

  /** The rows these events could touch. */
  /** Across organizations: the app's role sees no organization's rows outside a scope. */
  const snapshot = () =>
    h.inspect(async (tx) => ({
      users: await tx.select().from(users).where(eq(users.id, userId)),
      organizations: await tx.select().from(organizations).where(eq(organizations.id, orgId)),
      memberships: await tx.select().from(memberships).where(eq(memberships.orgId, orgId)),
    }));
  const recorded = (svixId: string) =>
    h.db.select().from(clerkWebhookDeliveries).where(eq(clerkWebhookDeliveries.svixId, svixId));

  beforeAll(async () => {
    server = await h.startTestHost(kind);
    hook = webhookSender(server.baseUrl, SECRET);
    await hook.send(clerkEvent<UserWebhookEvent>('user.created', user, at));
    await hook.send(clerkEvent<OrganizationWebhookEvent>('organization.created', org, at));
    await hook.send(
      clerkEvent<OrganizationMembershipWebhookEvent>(
        'organizationMembership.created',
        membership,
        at,
      ),
    );
  });
  afterAll(() => server?.close());
  afterEach(() => vi.restoreAllMocks());

  const later = at + 60_000;
  const envelope = (type: string, data: unknown) => ({
    ...clerkEvent<UserWebhookEvent>('user.updated', user, later),
    type,
    data,
  });
  const { public_user_data: _dropped, ...membershipWithoutUser } = membership;
  const MALFORMED: [string, unknown, string][] = [
    ['user.created with data {}', envelope('user.created', {}), 'data.id'],
    [
      'a membership without public_user_data',
      envelope('organizationMembership.created', membershipWithoutUser),
      'data.public_user_data',
    ],
    [
      'a membership deletion without public_user_data',
      envelope('organizationMembership.deleted', membershipWithoutUser),
      'data.public_user_data',
    ],
    ['organization.updated with data null', envelope('organization.updated', null), 'data'],
    [
      'a NUL byte in a user id',
      envelope('user.updated', { ...user, id: `${userId}\u0000` }),
      'data.id',
    ],
    [
      'a NUL byte in a membership organization id',
      envelope('organizationMembership.created', {
        ...membership,
        organization: { ...org, id: `${orgId}\u0000x` },
      }),
      'data.organization.id',
    ],
    [
      'a NUL byte in a name',
      envelope('organization.updated', { ...org, name: 'Sh\u0000pes', updated_at: later }),
      'data.name',
    ],
    [
      'organization.deleted without an id',
      envelope('organization.deleted', { deleted: true }),
      'data.id',
    ],
    [
      'a handled event without its timestamp',
      { ...envelope('user.updated', { ...user, updated_at: later }), timestamp: undefined },
      'timestamp',
    ],
    [
      'an updated_at that is not a number',
      envelope('user.updated', { ...user, updated_at: '1' }),
      'data.updated_at',
    ],
    ['a type that is not a string', { type: 42, data: {} }, 'type'],
    ['an array', [], 'type'],
  ];

  it.each(MALFORMED)('%s: 400, nothing written, nothing logged', async (_name, event, path) => {
    const logged = vi.spyOn(console, 'error');
    const before = await snapshot();
    // The rows the events could touch are there to be compared, not hidden (RLS).
    expect([before.organizations, before.memberships].map((rows) => rows.length)).toEqual([1, 1]);
    const delivery = hook.sign(event);
    const res = await hook.post(delivery);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: { code: 'INVALID_EVENT', message: expect.stringContaining(`${path} `) },
    });
    // The refusal names the field, never the value it held.
    const { message } = (res.json as { error: { message: string } }).error;
    expect(message).not.toContain('\u0000');
    expect(message).not.toMatch(/Vera|Shapes/);
    expect(await snapshot()).toEqual(before);
    expect(await recorded(delivery.headers['svix-id']!)).toEqual([]);
    expect(logged.mock.calls.map((args) => formatWithOptions({ colors: false }, ...args))).toEqual(
      [],
    );
  });

  it('still applies the well-formed event after them', async () => {
    const renamed = { ...org, name: 'Shapes Renamed', updated_at: later };
    await hook.send(clerkEvent<OrganizationWebhookEvent>('organization.updated', renamed, later));
    const rows = await h.inspect((tx) =>
      tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, [orgId])),
    );
    expect(rows).toEqual([{ name: 'Shapes Renamed' }]);
  });
});
