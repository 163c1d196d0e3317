import { asc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, organizations, users } from '../db/schema.ts';
import { testConfig } from '../test/auth-fixture.ts';
import { clerkEventStream, seededRandom, shuffle } from '../test/clerk-event-stream.ts';
import {
  newWebhookSecret,
  resignDelivery,
  type SignedDelivery,
  webhookSender,
} from '../test/clerk-webhooks.ts';
import { createHarness } from '../test/harness.ts';
import { HOSTS, type RunningHost } from '../test/host-server.ts';

/**
 * Clerk delivers at least once and in no fixed order. The same story of events, delivered
 * in order and then shuffled with redeliveries (replayed bytes and Svix's re-signed retries),
 * a few at a time, must leave the same users, organizations and memberships.
 */
const SECRET = newWebhookSecret();
const h = await createHarness(testConfig({ CLERK_WEBHOOK_SIGNING_SECRET: SECRET }));
/** One start for every telling, so the Clerk times the rows keep compare too. */
const START = Date.now() - 3_600_000;
const SEEDS = [1, 2, 3, 4, 5];
/** Deliveries in flight at once: on PostgreSQL their transactions overlap. */
const IN_FLIGHT = 3;

describe.each(HOSTS)('%s host', (kind) => {
  let server: RunningHost;
  let hook: ReturnType<typeof webhookSender>;
  beforeAll(async () => {
    server = await h.startTestHost(kind);
    hook = webhookSender(server.baseUrl, SECRET);
  });
  afterAll(() => server?.close());

  const namespace = (name: string) => `${h.world.suffix}_${kind}_${name}`;

  /** What the mirror holds for one telling, its ids made neutral so tellings compare. */
  async function mirrorOf(ns: string) {
    const { ids } = clerkEventStream(ns, START);
    const userIds = [ids.ada, ids.bob, ids.cy, ids.dee];
    const orgIds = [ids.acme, ids.globex];
    // Across organizations: the app's role sees no organization's rows outside a scope.
    const state = await h.inspect(async (tx) => ({
      users: await tx
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          imageUrl: users.imageUrl,
          clerkUpdatedAt: users.clerkUpdatedAt,
        })
        .from(users)
        .where(inArray(users.id, userIds))
        .orderBy(asc(users.id)),
      organizations: await tx
        .select({
          id: organizations.id,
          name: organizations.name,
          slug: organizations.slug,
          clerkUpdatedAt: organizations.clerkUpdatedAt,
        })
        .from(organizations)
        .where(inArray(organizations.id, orgIds))
        .orderBy(asc(organizations.id)),
      memberships: await tx
        .select({
          orgId: memberships.orgId,
          userId: memberships.userId,
          role: memberships.role,
          clerkUpdatedAt: memberships.clerkUpdatedAt,
        })
        .from(memberships)
        .where(inArray(memberships.orgId, orgIds))
        .orderBy(asc(memberships.orgId), asc(memberships.userId)),
    }));
    return JSON.parse(JSON.stringify(state).replaceAll(ns, 'NS')) as typeof state;
  }

  /** Posts deliveries IN_FLIGHT at a time; every one must be acknowledged. */
  async function post(deliveries: SignedDelivery[]) {
    const answers = [];
    for (let i = 0; i < deliveries.length; i += IN_FLIGHT) {
      answers.push(...(await Promise.all(deliveries.slice(i, i + IN_FLIGHT).map(hook.post))));
    }
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    return answers.map((answer) => (answer.json as { duplicate?: boolean }).duplicate === true);
  }

  let ordered: Awaited<ReturnType<typeof mirrorOf>>;
  beforeAll(async () => {
    const ns = namespace('ordered');
    for (const event of clerkEventStream(ns, START).events) {
      expect((await hook.send(event)).status).toBe(200);
    }
    ordered = await mirrorOf(ns);
  });

  it('delivered in order, ends as Clerk says', () => {
    const byId = <T extends { id: string }>(rows: T[], id: string) =>
      rows.find((row) => row.id === id);
    expect(byId(ordered.organizations, 'org_NS_acme')?.name).toBe('Acme Labs');
    expect(byId(ordered.organizations, 'org_NS_globex')).toBeUndefined();
    expect(byId(ordered.users, 'user_NS_ada')?.name).toBe('Augusta Lovelace');
    expect(byId(ordered.users, 'user_NS_bob')?.name).toBe('Robert');
    expect(byId(ordered.users, 'user_NS_cy')).toMatchObject({ name: 'Deleted user', email: null });
    expect(byId(ordered.users, 'user_NS_dee')?.name).toBe('Dee');
    expect(ordered.memberships.map((m) => [m.orgId, m.userId, m.role])).toEqual([
      ['org_NS_acme', 'user_NS_ada', 'org:member'],
      ['org_NS_acme', 'user_NS_bob', 'org:member'],
    ]);
  });

  it.each(SEEDS)(
    'shuffled with redeliveries (seed %i), ends in the same state, each message applied once',
    async (seed) => {
      const ns = namespace(`seed${seed}`);
      const random = seededRandom(seed);
      const messages = clerkEventStream(ns, START).events.map((event) => hook.sign(event));
      const redeliveries = messages
        .filter(() => random() < 0.5)
        .map((message) => (random() < 0.5 ? message : resignDelivery(message, SECRET)));

      const duplicates = await post(shuffle([...messages, ...redeliveries], random));

      expect(await mirrorOf(ns)).toEqual(ordered);
      expect(duplicates.filter(Boolean)).toHaveLength(redeliveries.length);
    },
  );

  it('reversed, ends in the same state', async () => {
    const ns = namespace('reversed');
    const messages = clerkEventStream(ns, START).events.map((event) => hook.sign(event));
    await post(messages.reverse());
    expect(await mirrorOf(ns)).toEqual(ordered);
  });
});
