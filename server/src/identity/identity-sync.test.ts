import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Tx } from '../db/database.ts';
import { clerkDeletions, memberships, organizations, users } from '../db/schema.ts';
import { acrossOrganizations } from '../db/tenant-scope.ts';
import { createWorld } from '../test/personas.ts';
import { getTestDatabase } from '../test/test-db.ts';
import { createIdentitySync } from './identity-sync.ts';
import type { ProfileSource } from './profile-source.ts';

const { db } = await getTestDatabase();
const { suffix } = createWorld();
const userId = `user_sync_${suffix}`;
const orgId = `org_sync_${suffix}`;

function countingProfiles(name: string | undefined) {
  const calls: string[] = [];
  const source: ProfileSource = {
    fetchProfile: async (id) => {
      calls.push(id);
      return name === undefined ? undefined : { name, email: `${id}@example.com`, imageUrl: null };
    },
  };
  return { source, calls };
}

/** Reads rows of any organization: the app's role sees none outside a scope (RLS). */
const inspect = <T>(work: (tx: Tx) => Promise<T>) => acrossOrganizations(db, 'tests', work);

const membership = async () =>
  (
    await inspect((tx) =>
      tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))),
    )
  )[0];

describe('identity sync', () => {
  it('creates the user, organization and membership on first use, then remembers', async () => {
    const profiles = countingProfiles('Sam Sync');
    const sync = createIdentitySync(db, profiles.source);
    const identity = { userId, orgId, orgSlug: `sync-${suffix}`, orgRole: 'org:member' };
    await sync.ensure(identity);
    await sync.ensure(identity);
    expect(profiles.calls).toEqual([userId]);
    expect((await db.select().from(users).where(eq(users.id, userId)))[0]).toMatchObject({
      name: 'Sam Sync',
      email: `${userId}@example.com`,
    });
    expect(
      (
        await inspect((tx) => tx.select().from(organizations).where(eq(organizations.id, orgId)))
      )[0],
    ).toMatchObject({
      slug: `sync-${suffix}`,
    });
    expect((await membership())?.role).toBe('org:member');
  });

  it("refreshes the membership's role when the token carries a new one", async () => {
    const sync = createIdentitySync(db, countingProfiles('Sam Sync').source);
    await sync.ensure({ userId, orgId, orgRole: 'org:admin' });
    expect((await membership())?.role).toBe('org:admin');
  });

  it('keeps the known name when the profile source has none', async () => {
    const sync = createIdentitySync(db, countingProfiles(undefined).source);
    await sync.ensure({ userId });
    expect((await db.select().from(users).where(eq(users.id, userId)))[0]?.name).toBe('Sam Sync');
  });

  it('forget() forgets the remembered profile too', async () => {
    const forgotten: (string | undefined)[] = [];
    const profiles = countingProfiles('Sam Sync');
    const sync = createIdentitySync(db, {
      ...profiles.source,
      forget: (id) => forgotten.push(id),
    });
    sync.forget(userId);
    sync.forget();
    expect(forgotten).toEqual([userId, undefined]);
  });

  it('asks again after forget()', async () => {
    const profiles = countingProfiles('Sam Renamed');
    const sync = createIdentitySync(db, profiles.source);
    await sync.ensure({ userId });
    sync.forget(userId);
    await sync.ensure({ userId });
    expect(profiles.calls).toEqual([userId, userId]);
    expect((await db.select().from(users).where(eq(users.id, userId)))[0]?.name).toBe(
      'Sam Renamed',
    );
  });

  it('writes nothing back for a user or organization Clerk deleted, while its token is valid', async () => {
    const sync = createIdentitySync(db, countingProfiles('Gone').source);
    const goneUser = `user_gone_${suffix}`;
    const goneOrg = `org_gone_${suffix}`;
    await db.insert(clerkDeletions).values([
      { object: 'user', id: goneUser, clerkDeletedAt: Date.now() },
      { object: 'organization', id: goneOrg, clerkDeletedAt: Date.now() },
    ]);
    await sync.ensure({ userId: goneUser, orgId, orgSlug: 'x', orgRole: 'org:member' });
    expect(await db.select().from(users).where(eq(users.id, goneUser))).toEqual([]);

    const liveUser = `user_live_${suffix}`;
    await sync.ensure({ userId: liveUser, orgId: goneOrg, orgSlug: 'gone', orgRole: 'org:admin' });
    expect(await db.select().from(users).where(eq(users.id, liveUser))).toHaveLength(1);
    expect(
      await inspect((tx) => tx.select().from(organizations).where(eq(organizations.id, goneOrg))),
    ).toEqual([]);
    expect(
      await inspect((tx) => tx.select().from(memberships).where(eq(memberships.orgId, goneOrg))),
    ).toEqual([]);
  });
});
