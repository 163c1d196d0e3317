import { MAX_COMMENTS_PER_TASK } from '@tasklane/shared';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';

const h = await createCallerHarness();
const board = await createBoard(h);

describe('comments', () => {
  it('lists a task’s comments oldest first', async () => {
    const list = await board.member.comments.list({ taskId: board.memberTask.id });
    expect(list.map((c) => c.body)).toEqual(['From admin', 'From member']);
    expect(list[1]).toMatchObject({ authorId: h.world.personas.member!.userId });
  });

  it('refuses an empty or overlong comment', async () => {
    for (const body of ['   ', 'x'.repeat(5001)]) {
      await expect(
        board.member.comments.add({ taskId: board.memberTask.id, body }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it("lets authors delete their own comments but not someone else's", async () => {
    const { member, admin, memberTask } = board;
    const mine = await member.comments.add({ taskId: memberTask.id, body: 'oops' });
    const theirs = await admin.comments.add({ taskId: memberTask.id, body: 'keep' });
    await expect(member.comments.delete({ commentId: theirs.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await member.comments.delete({ commentId: mine.id });
    const ids = (await member.comments.list({ taskId: memberTask.id })).map((c) => c.id);
    expect(ids).toContain(theirs.id);
    expect(ids).not.toContain(mine.id);
  });

  it("lets an admin delete anyone's comment, audited", async () => {
    const { member, admin, memberTask } = board;
    const comment = await member.comments.add({ taskId: memberTask.id, body: 'spam' });
    await admin.comments.delete({ commentId: comment.id });
    const [entry] = (await admin.admin.auditLog({ action: 'comment.deleted_by_admin' })).items;
    expect(entry).toMatchObject({ targetId: comment.id, targetType: 'comment' });
  });

  it('deletes a comment deleted twice at once only once: the other is NOT_FOUND, one audit entry', async () => {
    const { member, admin, memberTask } = board;
    const comment = await member.comments.add({ taskId: memberTask.id, body: 'twice' });
    // Two admin tabs (or the author and an admin) at the same moment: on PostgreSQL both
    // read the comment before either deletes it.
    const results = await Promise.allSettled([
      admin.comments.delete({ commentId: comment.id }),
      admin.comments.delete({ commentId: comment.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'NOT_FOUND' },
    });
    const audit = await admin.admin.auditLog({ action: 'comment.deleted_by_admin' });
    expect(audit.items.filter((e) => e.targetId === comment.id)).toHaveLength(1);
  });

  it(`refuses a comment past ${MAX_COMMENTS_PER_TASK} on one task, so the list always holds them all`, async () => {
    const { member, project } = board;
    const task = await member.tasks.create({ projectId: project.id, title: 'busy' });
    await h.inspect((tx) =>
      tx.execute(sql`
        insert into comments (org_id, task_id, author_id, body)
        select t.org_id, t.id, t.created_by, 'earlier ' || g
          from tasks t, generate_series(1, ${MAX_COMMENTS_PER_TASK - 1}) as g
         where t.id = ${task.id}`),
    );
    const last = await member.comments.add({ taskId: task.id, body: 'the last one' });
    await expect(
      member.comments.add({ taskId: task.id, body: 'one too many' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `This task has ${MAX_COMMENTS_PER_TASK} comments, the most a task can have. Delete some to add more.`,
    });
    const listed = await member.comments.list({ taskId: task.id });
    expect(listed).toHaveLength(MAX_COMMENTS_PER_TASK);
    expect(listed.at(-1)?.id).toBe(last.id);

    await member.comments.delete({ commentId: last.id });
    await member.comments.add({ taskId: task.id, body: 'room again' });
  });

  it('deletes a task’s comments with the task', async () => {
    const { member, project } = board;
    const task = await member.tasks.create({ projectId: project.id, title: 'chatty' });
    const comment = await member.comments.add({ taskId: task.id, body: 'hi' });
    await member.tasks.delete({ taskId: task.id });
    await expect(member.comments.delete({ commentId: comment.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
