import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, organizations, users } from '../db/schema.ts';
import { testConfig } from '../test/auth-fixture.ts';
import { createHarness } from '../test/harness.ts';
import { HOSTS, type RunningHost } from '../test/host-server.ts';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const h = await createHarness(testConfig({ CLERK_WEBHOOK_SIGNING_SECRET: SECRET }));

describe.each(HOSTS)('%s host', (kind) => {
  let server: RunningHost;
  beforeAll(async () => {
    server = await h.startTestHost(kind);
  });
  afterAll(() => server?.close());

  /** Signs like Svix/Clerk: HMAC-SHA256 over `id.timestamp.body` with the secret's key bytes. */
  function signed(body: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) {
    const id = `msg_${randomBytes(8).toString('hex')}`;
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const signature = createHmac('sha256', key)
      .update(`${id}.${timestamp}.${body}`)
      .digest('base64');
    return {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(timestamp),
      'svix-signature': `v1,${signature}`,
    };
  }

  async function deliver(event: unknown, headers?: Record<string, string>) {
    const body = JSON.stringify(event);
    const res = await fetch(`${server.baseUrl}/webhooks/clerk`, {
      method: 'POST',
      headers: headers ?? signed(body),
      body,
    });
    return { status: res.status, json: await res.json() };
  }

  // Fresh ids per host: each host's run starts from an empty slate.
  const s = `${h.world.suffix}_${kind}`;
  const userId = `user_hook_${s}`;
  const orgId = `org_hook_${s}`;
  const userEvent = (type: string, first: string) => ({
    type,
    object: 'event',
    data: {
      id: userId,
      first_name: first,
      last_name: 'Lovelace',
      image_url: 'https://img.example/ada.png',
      primary_email_address_id: 'idn_1',
      email_addresses: [{ id: 'idn_1', email_address: 'ada@example.com' }],
    },
  });
  const membershipEvent = (type: string, role: string) => ({
    type,
    object: 'event',
    data: {
      id: `orgmem_${s}`,
      role,
      organization: { id: orgId, name: 'Hooked Org', slug: `hooked-${s}` },
      public_user_data: {
        user_id: userId,
        first_name: 'Ada',
        last_name: 'Lovelace',
        identifier: 'ada@example.com',
      },
    },
  });

  const userRow = async () => (await h.db.select().from(users).where(eq(users.id, userId)))[0];
  const membershipRows = () => h.db.select().from(memberships).where(eq(memberships.orgId, orgId));

  describe('POST /webhooks/clerk', () => {
    it('creates and updates users from user.* events', async () => {
      expect((await deliver(userEvent('user.created', 'Ada'))).status).toBe(200);
      expect(await userRow()).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
      await deliver(userEvent('user.updated', 'Augusta'));
      expect((await userRow())?.name).toBe('Augusta Lovelace');
    });

    it('keeps organizations and memberships in sync', async () => {
      await deliver({
        type: 'organization.created',
        data: { id: orgId, name: 'Hooked', slug: `hooked-${s}` },
      });
      await deliver({
        type: 'organization.updated',
        data: { id: orgId, name: 'Hooked Inc', slug: `hooked-${s}` },
      });
      const [org] = await h.db.select().from(organizations).where(eq(organizations.id, orgId));
      expect(org?.name).toBe('Hooked Inc');
      await deliver(membershipEvent('organizationMembership.created', 'org:member'));
      expect((await membershipRows()).map((m) => m.role)).toEqual(['org:member']);
      await deliver(membershipEvent('organizationMembership.updated', 'org:admin'));
      expect((await membershipRows()).map((m) => m.role)).toEqual(['org:admin']);
      await deliver(membershipEvent('organizationMembership.deleted', 'org:admin'));
      expect(await membershipRows()).toEqual([]);
    });

    it('refuses a bad signature with 400 and changes nothing', async () => {
      const before = await userRow();
      const event = userEvent('user.updated', 'Mallory');
      const body = JSON.stringify(event);
      const forgedSecret = `whsec_${randomBytes(24).toString('base64')}`;
      const res = await deliver(event, signed(body, forgedSecret));
      expect(res).toEqual({
        status: 400,
        json: {
          error: { code: 'BAD_SIGNATURE', message: 'Webhook signature verification failed.' },
        },
      });
      const tampered = await fetch(`${server.baseUrl}/webhooks/clerk`, {
        method: 'POST',
        headers: signed(body),
        body: body.replace('Mallory', 'Eve'),
      });
      expect(tampered.status).toBe(400);
      const stale = await deliver(
        event,
        signed(body, SECRET, Math.floor(Date.now() / 1000) - 3600),
      );
      expect(stale.status).toBe(400);
      expect(await userRow()).toEqual(before);
    });

    it('deletes an organization with its board', async () => {
      await deliver(membershipEvent('organizationMembership.created', 'org:admin'));
      await deliver({ type: 'organization.deleted', data: { id: orgId, deleted: true } });
      expect(await h.db.select().from(organizations).where(eq(organizations.id, orgId))).toEqual(
        [],
      );
      expect(await membershipRows()).toEqual([]);
    });

    it('anonymizes a deleted user and accepts unknown event types', async () => {
      await deliver({ type: 'user.deleted', data: { id: userId, deleted: true, object: 'user' } });
      expect(await userRow()).toMatchObject({ name: 'Deleted user', email: null });
      expect(await deliver({ type: 'session.created', data: { id: 'sess_x' } })).toEqual({
        status: 200,
        json: { received: true, type: 'session.created' },
      });
    });
  });
});
