import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';

const h = await createCallerHarness();
const board = await createBoard(h);

/**
 * Runs DDL as the login role, the tables' owner: the app's role (tasklane_app) may neither
 * create functions in schema public nor triggers on the tables. `set local` ends with the
 * transaction, committed or not, so the connection is the app's again afterwards.
 */
async function asOwner(...statements: string[]) {
  await h.db.transaction(async (tx) => {
    await tx.execute(sql`set local role none`);
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
}

async function auditActions() {
  const admin = await h.callerFor('admin');
  return (await admin.admin.auditLog({})).items.map((e) => e.action);
}

describe('projects', () => {
  it('creates, lists with open task counts, gets and renames', async () => {
    const { member } = board;
    const created = await member.projects.create({ name: '  Roadmap  ', description: 'Q3' });
    expect(created).toMatchObject({ name: 'Roadmap', description: 'Q3', archivedAt: null });
    await member.projects.rename({ projectId: created.id, name: 'Roadmap 2' });
    expect((await member.projects.get({ projectId: created.id })).name).toBe('Roadmap 2');
    const list = await member.projects.list();
    expect(list.find((p) => p.id === board.project.id)?.openTaskCount).toBe(2);
    expect(list.map((p) => p.name)).toContain('Roadmap 2');
  });

  it('rejects a blank or overlong name with the zod issues', async () => {
    await expect(board.member.projects.create({ name: '   ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(board.member.projects.create({ name: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('archives and restores (admin), hiding archived projects by default, audited', async () => {
    const { admin } = board;
    const project = await admin.projects.create({ name: 'Old stuff' });
    await admin.projects.archive({ projectId: project.id, archived: true });
    expect((await admin.projects.list()).map((p) => p.id)).not.toContain(project.id);
    const all = await admin.projects.list({ includeArchived: true });
    expect(all.find((p) => p.id === project.id)?.archivedAt).toEqual(expect.any(String));
    await expect(
      admin.tasks.create({ projectId: project.id, title: 'Too late' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'The project is archived.' });
    await admin.projects.archive({ projectId: project.id, archived: false });
    expect((await admin.projects.list()).map((p) => p.id)).toContain(project.id);
    expect((await auditActions()).slice(0, 2)).toEqual(['project.unarchived', 'project.archived']);
  });

  it('deletes a project with its tasks and comments (admin), audited', async () => {
    const { admin } = board;
    const project = await admin.projects.create({ name: 'Doomed' });
    const task = await admin.tasks.create({ projectId: project.id, title: 'Goes too' });
    await admin.comments.add({ taskId: task.id, body: 'bye' });
    await admin.projects.delete({ projectId: project.id });
    await expect(admin.projects.get({ projectId: project.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(admin.tasks.get({ taskId: task.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [entry] = (await admin.admin.auditLog({ action: 'project.deleted' })).items;
    expect(entry).toMatchObject({
      actorId: h.world.personas.admin!.userId,
      targetId: project.id,
      details: { name: 'Doomed', taskCount: 1 },
    });
  });

  it('writes nothing when the delete fails halfway: the transaction rolls back', async () => {
    const { admin } = board;
    const project = await admin.projects.create({ name: 'Survivor' });
    const task = await admin.tasks.create({ projectId: project.id, title: 'Still here' });
    // Make the audit insert (the last write of the delete) fail, for this project only.
    const fn = `fail_audit_${h.world.suffix}`;
    await asOwner(
      `create function ${fn}() returns trigger language plpgsql as $$ begin
        if new.target_id = '${project.id}' then raise exception 'audit unavailable'; end if;
        return new; end $$`,
      `create trigger ${fn} before insert on audit_log for each row execute function ${fn}()`,
    );
    try {
      await expect(admin.projects.delete({ projectId: project.id })).rejects.toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
      });
    } finally {
      await asOwner(`drop trigger ${fn} on audit_log`, `drop function ${fn}()`);
    }
    expect((await admin.projects.get({ projectId: project.id })).name).toBe('Survivor');
    expect((await admin.tasks.get({ taskId: task.id })).title).toBe('Still here');
    expect(
      (await admin.admin.auditLog({ action: 'project.deleted' })).items.map((e) => e.targetId),
    ).not.toContain(project.id);
  });

  it('writes no audit entry for member actions', async () => {
    const before = await auditActions();
    const { member } = board;
    const p = await member.projects.create({ name: 'Member project' });
    await member.projects.rename({ projectId: p.id, name: 'Renamed' });
    const t = await member.tasks.create({ projectId: p.id, title: 'Mine' });
    await member.tasks.delete({ taskId: t.id });
    expect(await auditActions()).toEqual(before);
  });
});
