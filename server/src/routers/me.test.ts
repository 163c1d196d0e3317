import { describe, expect, it } from 'vitest';
import { createCallerHarness } from '../test/caller-harness.ts';

const h = await createCallerHarness();
const { personas, orgA } = h.world;

describe('me.whoami', () => {
  it('reports a signed-out caller as signed out', async () => {
    const caller = await h.callerFor('anon');
    expect(await caller.me.whoami()).toEqual({
      signedIn: false,
      userId: null,
      orgId: null,
      orgRole: null,
    });
  });

  it('reports the user, organization and role from the token', async () => {
    const caller = await h.callerFor('member');
    expect(await caller.me.whoami()).toEqual({
      signedIn: true,
      userId: personas.member!.userId,
      orgId: orgA.id,
      orgRole: 'org:member',
    });
  });
});

describe('me.session', () => {
  it('refuses a signed-out caller with UNAUTHORIZED', async () => {
    const caller = await h.callerFor('anon');
    await expect(caller.me.session()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('returns the session without an organization for a user with none', async () => {
    const caller = await h.callerFor('noOrg');
    const session = await caller.me.session();
    expect(session).toMatchObject({
      userId: personas.noOrg!.userId,
      sessionId: `sess_test_${personas.noOrg!.userId}`,
      orgId: null,
      orgRole: null,
      orgPermissions: [],
    });
    expect(session.expiresAt).toBeGreaterThan(Date.now());
  });

  it("lists the admin's permissions exactly as Clerk decodes them from the token", async () => {
    const caller = await h.callerFor('admin');
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

describe('me.openTasks', () => {
  it("lists only the caller's open tasks in the active organization, soonest due first", async () => {
    const admin = await h.callerFor('admin');
    const member = await h.callerFor('member');
    const memberId = personas.member!.userId;
    // A user's rows are created on first signed-in use; only members can be assignees.
    await member.org.current();
    const project = await admin.projects.create({ name: 'Open tasks' });
    const later = await admin.tasks.create({
      projectId: project.id,
      title: 'later',
      assigneeId: memberId,
      dueDate: '2031-01-02',
    });
    const sooner = await admin.tasks.create({
      projectId: project.id,
      title: 'sooner',
      assigneeId: memberId,
      dueDate: '2031-01-01',
    });
    const done = await admin.tasks.create({
      projectId: project.id,
      title: 'done',
      assigneeId: memberId,
      status: 'done',
    });
    await admin.tasks.create({ projectId: project.id, title: 'not mine' });
    const open = await member.me.openTasks();
    expect(open.map((t) => t.id)).toEqual([sooner.id, later.id]);
    expect(open.map((t) => t.id)).not.toContain(done.id);
  });
});
