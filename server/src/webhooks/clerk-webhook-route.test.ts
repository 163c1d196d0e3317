import type {
  OrganizationMembershipWebhookEvent,
  OrganizationWebhookEvent,
  UserWebhookEvent,
} from '@clerk/backend';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, organizations, users } from '../db/schema.ts';
import { testConfig } from '../test/auth-fixture.ts';
import {
  clerkEvent,
  clerkMembership,
  clerkOrganization,
  clerkUser,
  newWebhookSecret,
  resignDelivery,
  signDelivery,
  webhookSender,
} from '../test/clerk-webhooks.ts';
import { createHarness } from '../test/harness.ts';
import { HOSTS, type RunningHost } from '../test/host-server.ts';

const SECRET = newWebhookSecret();
const h = await createHarness(testConfig({ CLERK_WEBHOOK_SIGNING_SECRET: SECRET }));

describe.each(HOSTS)('%s host', (kind) => {
  let server: RunningHost;
  let hook: ReturnType<typeof webhookSender>;
  beforeAll(async () => {
    server = await h.startTestHost(kind);
    hook = webhookSender(server.baseUrl, SECRET);
  });
  afterAll(() => server?.close());

  // Fresh ids per host: each host's run starts from an empty slate.
  const s = `${h.world.suffix}_${kind}`;
  const userId = `user_hook_${s}`;
  const orgId = `org_hook_${s}`;
  /** Clerk's times only go forward: each change here happens after the one before. */
  let clock = Date.now();
  const later = () => (clock += 1000);

  const userEvent = (type: 'user.created' | 'user.updated', firstName: string) => {
    const at = later();
    return clerkEvent<UserWebhookEvent>(
      type,
      clerkUser({
        id: userId,
        firstName,
        lastName: 'Lovelace',
        email: 'ada@example.com',
        updatedAt: at,
      }),
      at,
    );
  };
  const organization = (name: string, updatedAt = later()) =>
    clerkOrganization({ id: orgId, name, slug: `hooked-${s}`, updatedAt });
  const orgEvent = (type: 'organization.created' | 'organization.updated', name: string) => {
    const data = organization(name);
    return clerkEvent<OrganizationWebhookEvent>(type, data, data.updated_at);
  };
  const membershipEvent = (type: OrganizationMembershipWebhookEvent['type'], role: string) =>
    clerkEvent<OrganizationMembershipWebhookEvent>(
      type,
      clerkMembership({
        organization: organization('Hooked Org', clock),
        user: { id: userId, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
        role,
        updatedAt: clock,
      }),
      later(),
    );

  const userRow = async () => (await h.db.select().from(users).where(eq(users.id, userId)))[0];
  // Organizations and memberships are rows of an organization: read across them (RLS).
  const orgName = async () =>
    (await h.inspect((tx) => tx.select().from(organizations).where(eq(organizations.id, orgId))))[0]
      ?.name;
  const roles = async () =>
    (
      await h.inspect((tx) => tx.select().from(memberships).where(eq(memberships.orgId, orgId)))
    ).map((m) => m.role);

  describe('POST /webhooks/clerk', () => {
    it('creates and updates users from user.* events', async () => {
      expect(await hook.send(userEvent('user.created', 'Ada'))).toEqual({
        status: 200,
        json: { received: true, type: 'user.created' },
      });
      expect(await userRow()).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
      await hook.send(userEvent('user.updated', 'Augusta'));
      expect((await userRow())?.name).toBe('Augusta Lovelace');
    });

    it('keeps organizations and memberships in sync', async () => {
      await hook.send(orgEvent('organization.created', 'Hooked'));
      await hook.send(orgEvent('organization.updated', 'Hooked Inc'));
      expect(await orgName()).toBe('Hooked Inc');
      await hook.send(membershipEvent('organizationMembership.created', 'org:member'));
      expect(await roles()).toEqual(['org:member']);
      await hook.send(membershipEvent('organizationMembership.updated', 'org:admin'));
      expect(await roles()).toEqual(['org:admin']);
      await hook.send(membershipEvent('organizationMembership.deleted', 'org:admin'));
      expect(await roles()).toEqual([]);
    });

    it('applies a replayed delivery once: the same svix-id, timestamp and signature', async () => {
      const a = hook.sign(orgEvent('organization.updated', 'X1'));
      const b = hook.sign(orgEvent('organization.updated', 'X2'));
      expect((await hook.post(a)).status).toBe(200);
      expect((await hook.post(b)).status).toBe(200);
      expect(await hook.post(a)).toEqual({
        status: 200,
        json: { received: true, type: 'organization.updated', duplicate: true },
      });
      expect(await orgName()).toBe('X2');
      // Svix's own retry: the same message signed again later.
      expect((await hook.post(resignDelivery(a, SECRET))).json).toMatchObject({
        duplicate: true,
      });
      expect(await orgName()).toBe('X2');
    });

    it('does not bring a removed member back when their membership.created is replayed', async () => {
      const created = hook.sign(membershipEvent('organizationMembership.created', 'org:member'));
      await hook.post(created);
      await hook.send(membershipEvent('organizationMembership.deleted', 'org:member'));
      expect(await roles()).toEqual([]);
      expect((await hook.post(created)).status).toBe(200);
      expect(await roles()).toEqual([]);
    });

    it('does not apply a second message under a svix-id already applied', async () => {
      const first = hook.sign(orgEvent('organization.updated', 'First'));
      await hook.post(first);
      // Only the secret's holder can sign this; it is still the message already applied.
      const reused = signDelivery(
        JSON.stringify(orgEvent('organization.updated', 'Reused')),
        SECRET,
        {
          id: first.headers['svix-id'],
        },
      );
      expect((await hook.post(reused)).json).toMatchObject({ duplicate: true });
      expect(await orgName()).toBe('First');
    });

    it('does not roll back to an event older than the state it would overwrite', async () => {
      const older = orgEvent('organization.updated', 'Older');
      const newer = orgEvent('organization.updated', 'Newer');
      await hook.send(newer);
      expect((await hook.send(older)).status).toBe(200);
      expect(await orgName()).toBe('Newer');

      const olderUser = userEvent('user.updated', 'Older');
      await hook.send(userEvent('user.updated', 'Newer'));
      await hook.send(olderUser);
      expect((await userRow())?.name).toBe('Newer Lovelace');
    });

    it('ends a membership deleted then re-created, delivered the other way round, as the newest event says', async () => {
      const deleted = membershipEvent('organizationMembership.deleted', 'org:member');
      const recreated = membershipEvent('organizationMembership.created', 'org:admin');
      await hook.send(recreated);
      await hook.send(deleted);
      expect(await roles()).toEqual(['org:admin']);

      // And a create that Clerk's later removal overtook stays undone.
      const created = membershipEvent('organizationMembership.created', 'org:member');
      const removed = membershipEvent('organizationMembership.deleted', 'org:member');
      await hook.send(removed);
      await hook.send(created);
      expect(await roles()).toEqual([]);
    });

    it('refuses a bad signature with 400 and changes nothing', async () => {
      const before = await userRow();
      const event = userEvent('user.updated', 'Mallory');
      const body = JSON.stringify(event);
      const res = await hook.post(signDelivery(body, newWebhookSecret()));
      expect(res).toEqual({
        status: 400,
        json: {
          error: { code: 'BAD_SIGNATURE', message: 'Webhook signature verification failed.' },
        },
      });
      const tampered = signDelivery(body, SECRET);
      expect((await hook.post({ ...tampered, body: body.replace('Mallory', 'Eve') })).status).toBe(
        400,
      );
      const stale = signDelivery(body, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
      expect((await hook.post(stale)).status).toBe(400);
      expect(await userRow()).toEqual(before);
    });

    it('deletes an organization with its board, for good', async () => {
      await hook.send(membershipEvent('organizationMembership.created', 'org:admin'));
      const lateUpdate = orgEvent('organization.updated', 'Late');
      await hook.send(
        clerkEvent<OrganizationWebhookEvent>(
          'organization.deleted',
          { object: 'organization', id: orgId, deleted: true },
          later(),
        ),
      );
      expect(await orgName()).toBeUndefined();
      expect(await roles()).toEqual([]);
      // An update that happened before the deletion, delivered after it.
      expect((await hook.send(lateUpdate)).status).toBe(200);
      expect(await orgName()).toBeUndefined();
    });

    it('anonymizes a deleted user and accepts unknown event types', async () => {
      const lateUpdate = userEvent('user.updated', 'Late');
      await hook.send(
        clerkEvent<UserWebhookEvent>(
          'user.deleted',
          { object: 'user', id: userId, deleted: true },
          later(),
        ),
      );
      expect(await userRow()).toMatchObject({ name: 'Deleted user', email: null });
      await hook.send(lateUpdate);
      expect(await userRow()).toMatchObject({ name: 'Deleted user', email: null });
      expect(await hook.send({ type: 'session.created', data: { id: 'sess_x' } })).toEqual({
        status: 200,
        json: { received: true, type: 'session.created' },
      });
    });
  });
});
