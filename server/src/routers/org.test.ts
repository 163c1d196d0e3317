import { describe, expect, it } from 'vitest';
import { createCallerHarness } from '../test/caller-harness.ts';

const h = await createCallerHarness();
const { personas, orgA, orgB } = h.world;

describe('org.current', () => {
  it('refuses a user without an active organization, saying what is missing', async () => {
    const caller = await h.callerFor('noOrg');
    await expect(caller.org.current()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/organization/i),
    });
  });

  it("returns the member's organization, role and task key prefix", async () => {
    const caller = await h.callerFor('member');
    expect(await caller.org.current()).toEqual({
      orgId: orgA.id,
      orgName: orgA.slug,
      orgSlug: orgA.slug,
      orgRole: 'org:member',
      orgPermissions: ['org:tasks:write'],
      taskKeyPrefix: 'TASK',
    });
  });
});

describe('org.members', () => {
  it('lists the members of the active organization only, created on first use', async () => {
    await (await h.callerFor('member')).org.current();
    await (await h.callerFor('otherAdmin')).org.current();
    const members = await (await h.callerFor('admin')).org.members();
    expect(members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [personas.admin!.userId, 'org:admin'],
        [personas.member!.userId, 'org:member'],
      ].sort(),
    );
    const other = await (await h.callerFor('otherAdmin')).org.members();
    expect(other.map((m) => m.userId)).toEqual([personas.otherAdmin!.userId]);
    expect(orgB.id).not.toBe(orgA.id);
  });
});

describe('org.adminCheck', () => {
  it('refuses a member with FORBIDDEN naming admins', async () => {
    const caller = await h.callerFor('member');
    await expect(caller.org.adminCheck()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Organization admins only.',
    });
  });

  it('accepts the admin of the active organization', async () => {
    const caller = await h.callerFor('otherAdmin');
    expect(await caller.org.adminCheck()).toEqual({ orgId: orgB.id, admin: true });
  });
});
