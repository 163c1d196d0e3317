import type { OrganizationMembershipWebhookEvent } from '@clerk/backend';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships } from '../db/schema.ts';
import { createIdentitySync } from '../identity/identity-sync.ts';
import { localProfileSource } from '../identity/profile-source.ts';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import {
  asHandled,
  clerkEvent,
  clerkMembership,
  clerkOrganization,
  newSvixId,
} from '../test/clerk-webhooks.ts';
import type { TestIdentity } from '../test/personas.ts';
import { applyClerkDelivery } from './clerk-sync.ts';

const h = await createCallerHarness();
const board = await createBoard(h);
const member = h.world.personas.member!;

/** Clerk's times only go forward: each event here happens after the one before. */
let clock = Date.now();
const later = () => (clock += 1000);

function membershipEvent(type: OrganizationMembershipWebhookEvent['type'], who: TestIdentity) {
  const organization = clerkOrganization({
    id: who.org!.id,
    slug: who.org!.slug,
    name: 'Acme',
    updatedAt: clock,
  });
  return asHandled(
    clerkEvent<OrganizationMembershipWebhookEvent>(
      type,
      clerkMembership({
        organization,
        user: { id: who.userId, firstName: 'Pat', email: `${who.userId}@example.com` },
        role: who.org!.role,
        updatedAt: clock,
      }),
      later(),
    ),
  );
}

describe('applyClerkDelivery: a member leaves', () => {
  it('releases their open assignments and leaves done tasks assigned to them', async () => {
    const { admin, project } = board;
    const open = await admin.tasks.create({
      projectId: project.id,
      title: 'Still to do',
      assigneeId: member.userId,
    });
    const finished = await admin.tasks.create({
      projectId: project.id,
      title: 'Finished',
      assigneeId: member.userId,
      status: 'done',
    });

    await applyClerkDelivery(
      h.db,
      newSvixId(),
      membershipEvent('organizationMembership.deleted', member),
    );

    expect(await admin.tasks.get({ taskId: open.id })).toMatchObject({
      assigneeId: null,
      version: open.version + 1,
    });
    expect(await admin.tasks.get({ taskId: finished.id })).toMatchObject({
      assigneeId: member.userId,
      version: finished.version,
    });
  });
});

describe('applyClerkDelivery and identity sync: a removed member', () => {
  const leaver = h.world.personas.admin!; // A's admin, so the member test above is unaffected
  const orgId = leaver.org!.id;
  const apply = (type: OrganizationMembershipWebhookEvent['type']) =>
    applyClerkDelivery(h.db, newSvixId(), membershipEvent(type, leaver));
  const membership = async () =>
    (
      await h.inspect((tx) =>
        tx
          .select()
          .from(memberships)
          .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, leaver.userId))),
      )
    )[0];
  const seconds = () => Math.floor(Date.now() / 1000);
  /** The first request of a token issued at `iat`, still naming the organization. */
  const request = (iat: number) =>
    createIdentitySync(h.db, localProfileSource()).ensure({
      userId: leaver.userId,
      orgId,
      orgRole: 'org:admin',
      sessionClaims: { iat },
    });

  it('is not mirrored back by a token issued before the removal, but is once Clerk adds them again', async () => {
    const issuedBefore = seconds() - 30;
    expect(await membership()).toMatchObject({ role: 'org:admin' });
    await apply('organizationMembership.deleted');
    expect(await membership()).toBeUndefined();

    await request(issuedBefore);
    expect(await membership()).toBeUndefined();

    await apply('organizationMembership.created');
    expect(await membership()).toMatchObject({ role: 'org:admin' });
    await apply('organizationMembership.deleted');
    // A token issued after the removal that names the organization is Clerk's word again.
    await request(seconds() + 30);
    expect(await membership()).toMatchObject({ role: 'org:admin' });
  });
});
