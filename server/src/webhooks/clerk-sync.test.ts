import { describe, expect, it } from 'vitest';
import { createBoard } from '../test/board-fixture.ts';
import { createHarness } from '../test/harness.ts';
import { applyClerkEvent } from './clerk-sync.ts';

const h = await createHarness();
const board = await createBoard(h);
const member = h.world.personas.member!;

describe('applyClerkEvent: a member leaves', () => {
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

    await applyClerkEvent(h.db, {
      type: 'organizationMembership.deleted',
      data: {
        role: 'org:member',
        organization: { id: member.org!.id },
        public_user_data: { user_id: member.userId },
      },
    });

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
