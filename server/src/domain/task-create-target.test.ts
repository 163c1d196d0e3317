import { DEFAULT_ORG_SETTINGS } from '@tasklane/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organizations } from '../db/schema.ts';
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

const read = (projectId: string, assigneeId: string | null = null) =>
  readNewTaskTarget(h.db, { orgId, projectId, assigneeId });

async function storeSettings(settings: Record<string, unknown>) {
  await h.db.update(organizations).set({ settings }).where(eq(organizations.id, orgId));
}

describe('readNewTaskTarget: what tasks.create checks, in one read', () => {
  it("finds only the organization's own projects", async () => {
    expect(await read(board.project.id)).toMatchObject({ archived: false });
    expect(await read(otherProject.id)).toBeUndefined();
    expect(await read('00000000-0000-4000-8000-000000000000')).toBeUndefined();
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
    // The membership is checked in the project's organization, not just anywhere.
    expect(
      await readNewTaskTarget(h.db, {
        orgId: h.world.orgB.id,
        projectId: otherProject.id,
        assigneeId: memberId,
      }),
    ).toMatchObject({ assigneeIsMember: false });
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
