import { DEFAULT_ORG_SETTINGS } from '@tasklane/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organizations } from '../db/schema.ts';
import { scopedToOrganization } from '../db/tenant-scope.ts';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { readNewTaskTarget } from './task-create-target.ts';

const h = await createCallerHarness();
const board = await createBoard(h);
const orgId = h.world.orgA.id;
const memberId = h.world.personas.member!.userId;
const outsiderId = h.world.personas.otherAdmin!.userId;
const otherAdmin = await h.callerFor('otherAdmin');
const otherProject = await otherAdmin.projects.create({ name: 'Not A’s' });

/** As tasks.create reads it: in a transaction scoped to the caller's organization. */
const read = (projectId: string, assigneeId: string | null = null) =>
  scopedToOrganization(h.db, orgId, (tx) =>
    readNewTaskTarget(tx, { orgId, projectId, assigneeId }),
  );

/**
 * The statement alone, across organizations (row-level security admits every row): what
 * its own organization filter keeps out, should a scope ever be missing.
 */
const readUnscoped = (where: Parameters<typeof readNewTaskTarget>[1]) =>
  h.inspect((tx) => readNewTaskTarget(tx, where));

async function storeSettings(settings: Record<string, unknown>) {
  await h.inspect((tx) =>
    tx.update(organizations).set({ settings }).where(eq(organizations.id, orgId)),
  );
}

describe('readNewTaskTarget: what tasks.create checks, in one read', () => {
  it("finds only the organization's own projects", async () => {
    expect(await read(board.project.id)).toMatchObject({ archived: false });
    expect(await read(otherProject.id)).toBeUndefined();
    expect(await read('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    // The statement's own filter, where row-level security would let the project through.
    const where = { orgId, projectId: otherProject.id, assigneeId: null };
    expect(await readUnscoped({ ...where, orgId: h.world.orgB.id })).toMatchObject({
      archived: false,
    });
    expect(await readUnscoped(where)).toBeUndefined();
  });

  it('says whether the project is archived', async () => {
    const project = await board.admin.projects.create({ name: 'Shelved' });
    await board.admin.projects.archive({ projectId: project.id, archived: true });
    expect(await read(project.id)).toMatchObject({ archived: true });
  });

  it("says whether the assignee is a member of the project's organization", async () => {
    expect(await read(board.project.id, memberId)).toMatchObject({ assigneeIsMember: true });
    expect(await read(board.project.id, outsiderId)).toMatchObject({ assigneeIsMember: false });
    expect(await read(board.project.id, 'user_nobody')).toMatchObject({ assigneeIsMember: false });
    expect(await read(board.project.id, null)).toMatchObject({ assigneeIsMember: false });
    // The membership is checked in the project's organization, not just anywhere: in B's
    // scope, and by the statement itself, where row-level security admits A's memberships.
    const inB = { orgId: h.world.orgB.id, projectId: otherProject.id, assigneeId: memberId };
    expect(
      await scopedToOrganization(h.db, inB.orgId, (tx) => readNewTaskTarget(tx, inB)),
    ).toMatchObject({ assigneeIsMember: false });
    expect(await readUnscoped(inB)).toMatchObject({ assigneeIsMember: false });
    expect(await readUnscoped({ ...inB, assigneeId: outsiderId })).toMatchObject({
      assigneeIsMember: true,
    });
  });

  it('reads the settings with defaults for what is unset or invalid', async () => {
    try {
      await storeSettings({ defaultDueInDays: 3 });
      expect((await read(board.project.id))?.settings).toEqual({
        ...DEFAULT_ORG_SETTINGS,
        defaultDueInDays: 3,
      });
      await storeSettings({ defaultDueInDays: 'soon' });
      expect((await read(board.project.id))?.settings).toEqual(DEFAULT_ORG_SETTINGS);
    } finally {
      await storeSettings({});
    }
  });
});
