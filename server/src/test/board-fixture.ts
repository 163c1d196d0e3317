import type { CallerHarness } from './caller-harness.ts';

/**
 * A small board in organization A, made through the API as A's admin and member:
 * a project, two tasks (one each), a comment by each. Returns the ids tests aim at.
 */
export async function createBoard(h: CallerHarness) {
  const admin = await h.callerFor('admin');
  const member = await h.callerFor('member');
  await member.org.current(); // the member's rows exist from first use, as in production
  const project = await admin.projects.create({ name: `Board ${h.world.suffix}` });
  const adminTask = await admin.tasks.create({ projectId: project.id, title: 'Admin task' });
  const memberTask = await member.tasks.create({
    projectId: project.id,
    title: 'Member task',
    assigneeId: h.world.personas.member!.userId,
  });
  const adminComment = await admin.comments.add({ taskId: memberTask.id, body: 'From admin' });
  const memberComment = await member.comments.add({ taskId: memberTask.id, body: 'From member' });
  return { admin, member, project, adminTask, memberTask, adminComment, memberComment };
}
