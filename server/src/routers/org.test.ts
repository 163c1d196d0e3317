import { describe, expect, it } from 'vitest';
import { createTestAuth } from '../test/auth-fixture.ts';
import { callerFor } from '../test/caller.ts';

const testAuth = createTestAuth();

describe('org.current', () => {
  it('refuses a user without an active organization, saying what is missing', async () => {
    const caller = await callerFor(testAuth, 'noOrg');
    await expect(caller.org.current()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/organization/i),
    });
  });

  it("returns the member's organization and role", async () => {
    const caller = await callerFor(testAuth, 'member');
    expect(await caller.org.current()).toEqual({
      orgId: 'org_demo_acme',
      orgSlug: 'acme',
      orgRole: 'org:member',
      orgPermissions: ['org:tasks:write'],
    });
  });
});

describe('org.adminCheck', () => {
  it('refuses a member with FORBIDDEN naming admins', async () => {
    const caller = await callerFor(testAuth, 'member');
    await expect(caller.org.adminCheck()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Organization admins only.',
    });
  });

  it('accepts the admin of the active organization', async () => {
    const caller = await callerFor(testAuth, 'otherAdmin');
    expect(await caller.org.adminCheck()).toEqual({ orgId: 'org_demo_globex', admin: true });
  });
});
