import { describe, expect, it } from 'vitest';
import { createTestAuth } from '../test/auth-fixture.ts';
import { callerFor } from '../test/caller.ts';

const testAuth = createTestAuth();

describe('me.whoami', () => {
  it('reports a signed-out caller as signed out', async () => {
    const caller = await callerFor(testAuth, 'anon');
    expect(await caller.me.whoami()).toEqual({
      signedIn: false,
      userId: null,
      orgId: null,
      orgRole: null,
    });
  });

  it('reports the user, organization and role from the token', async () => {
    const caller = await callerFor(testAuth, 'member');
    expect(await caller.me.whoami()).toEqual({
      signedIn: true,
      userId: 'user_demo_max',
      orgId: 'org_demo_acme',
      orgRole: 'org:member',
    });
  });
});

describe('me.session', () => {
  it('refuses a signed-out caller with UNAUTHORIZED', async () => {
    const caller = await callerFor(testAuth, 'anon');
    await expect(caller.me.session()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('returns the session without an organization for a user with none', async () => {
    const caller = await callerFor(testAuth, 'noOrg');
    const session = await caller.me.session();
    expect(session).toMatchObject({
      userId: 'user_demo_nora',
      sessionId: 'sess_test_noOrg',
      orgId: null,
      orgRole: null,
      orgPermissions: [],
    });
    expect(session.expiresAt).toBeGreaterThan(Date.now());
  });

  it("lists the admin's permissions exactly as Clerk decodes them from the token", async () => {
    const caller = await callerFor(testAuth, 'admin');
    const session = await caller.me.session();
    expect(session.orgPermissions.sort()).toEqual(
      [
        'org:audit:read',
        'org:projects:manage',
        'org:settings:manage',
        'org:tasks:moderate',
        'org:tasks:write',
      ].sort(),
    );
  });
});
