import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organizations } from '../db/schema.ts';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';

const h = await createCallerHarness();
const board = await createBoard(h);
const memberId = h.world.personas.member!.userId;

describe('tasks.create', () => {
  it('numbers tasks per organization and appends to the end of their column', async () => {
    const { member, project } = board;
    const a = await member.tasks.create({ projectId: project.id, title: 'A', status: 'doing' });
    const b = await member.tasks.create({ projectId: project.id, title: 'B', status: 'doing' });
    expect(b.number).toBe(a.number + 1);
    expect(b.position).toBeGreaterThan(a.position);
    expect(a).toMatchObject({
      version: 1,
      createdBy: memberId,
      updatedBy: memberId,
      dueDate: null,
    });
  });

  it('refuses an assignee from outside the organization and consumes no number', async () => {
    const { admin, project } = board;
    const [before] = await h.db
      .select({ next: organizations.nextTaskNumber })
      .from(organizations)
      .where(eq(organizations.id, h.world.orgA.id));
    await expect(
      admin.tasks.create({
        projectId: project.id,
        title: 'Outsourced',
        assigneeId: h.world.personas.otherAdmin!.userId,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /not a member/ });
    const [after] = await h.db
      .select({ next: organizations.nextTaskNumber })
      .from(organizations)
      .where(eq(organizations.id, h.world.orgA.id));
    expect(after).toEqual(before);
  });

  it('applies the default due date from the organization settings when none is given', async () => {
    const { admin, project } = board;
    await admin.admin.settings.update({ defaultDueInDays: 7 });
    try {
      const task = await admin.tasks.create({ projectId: project.id, title: 'Due soon' });
      const expected = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      expect(task.dueDate).toBe(expected);
      const none = await admin.tasks.create({ projectId: project.id, title: 'x', dueDate: null });
      expect(none.dueDate).toBeNull();
    } finally {
      await admin.admin.settings.update({ defaultDueInDays: null });
    }
  });

  it('rejects impossible dates and unknown statuses', async () => {
    const { member, project } = board;
    await expect(
      member.tasks.create({ projectId: project.id, title: 'x', dueDate: '2026-02-30' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      // @ts-expect-error: not a status
      member.tasks.create({ projectId: project.id, title: 'x', status: 'blocked' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('tasks.update and tasks.move', () => {
  it('updates with the version the client saw and bumps it', async () => {
    const { member, project } = board;
    const task = await member.tasks.create({ projectId: project.id, title: 'Draft' });
    const updated = await member.tasks.update({
      taskId: task.id,
      version: task.version,
      patch: { title: 'Final', dueDate: '2030-05-01', assigneeId: memberId },
    });
    expect(updated).toMatchObject({
      title: 'Final',
      dueDate: '2030-05-01',
      assigneeId: memberId,
      version: task.version + 1,
    });
  });

  it('answers a stale version with CONFLICT and never overwrites', async () => {
    const { member, admin, project } = board;
    const task = await member.tasks.create({ projectId: project.id, title: 'Contested' });
    await admin.tasks.update({ taskId: task.id, version: 1, patch: { title: 'Admin wins' } });
    await expect(
      member.tasks.update({ taskId: task.id, version: 1, patch: { title: 'Member loses' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: /version 2/ });
    await expect(
      member.tasks.move({ taskId: task.id, version: 1, status: 'done', position: 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await member.tasks.get({ taskId: task.id })).toMatchObject({
      title: 'Admin wins',
      status: 'todo',
      version: 2,
    });
  });

  it('lets exactly one of many concurrent updates with the same version win', async () => {
    const { member, project } = board;
    const task = await member.tasks.create({ projectId: project.id, title: 'Race' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        member.tasks.update({ taskId: task.id, version: 1, patch: { title: `Racer ${i}` } }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const r of lost) expect((r as PromiseRejectedResult).reason.code).toBe('CONFLICT');
    const final = await member.tasks.get({ taskId: task.id });
    expect(final.version).toBe(2);
    expect(final.title).toBe((won[0] as PromiseFulfilledResult<{ title: string }>).value.title);
  });

  it('moves a task to another column and position', async () => {
    const { member, project } = board;
    const task = await member.tasks.create({ projectId: project.id, title: 'Mover' });
    const moved = await member.tasks.move({
      taskId: task.id,
      version: 1,
      status: 'doing',
      position: 1.5,
    });
    expect(moved).toMatchObject({ status: 'doing', position: 1.5, version: 2 });
  });

  it('refuses an empty patch and a non-finite position', async () => {
    const { member, memberTask } = board;
    await expect(
      member.tasks.update({ taskId: memberTask.id, version: 1, patch: {} }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      member.tasks.move({ taskId: memberTask.id, version: 1, status: 'done', position: Infinity }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('tasks.list', () => {
  it('filters by status and assignee (including unassigned)', async () => {
    const { member, admin } = board;
    const project = await admin.projects.create({ name: 'Filters' });
    const mine = await member.tasks.create({
      projectId: project.id,
      title: 'mine',
      assigneeId: memberId,
      status: 'doing',
    });
    const free = await member.tasks.create({ projectId: project.id, title: 'free' });
    const ids = async (input: Parameters<typeof member.tasks.list>[0]) =>
      (await member.tasks.list(input)).items.map((t) => t.id);
    expect(await ids({ projectId: project.id, status: 'doing' })).toEqual([mine.id]);
    expect(await ids({ projectId: project.id, assigneeId: memberId })).toEqual([mine.id]);
    expect(await ids({ projectId: project.id, assigneeId: null })).toEqual([free.id]);
    expect(await ids({ projectId: project.id })).toEqual([mine.id, free.id]);
  });

  it('answers every combination of filters and cursor exactly as filtering the whole project would', async () => {
    // Each combination is its own prepared statement (domain/task-list-query.ts): all 24.
    const { member, admin } = board;
    const adminId = h.world.personas.admin!.userId;
    const project = await admin.projects.create({ name: 'Every filter' });
    const statuses = ['todo', 'doing', 'done'] as const;
    const assignees = [memberId, adminId, undefined];
    for (let i = 0; i < 12; i++) {
      await admin.tasks.create({
        projectId: project.id,
        title: `f${i}`,
        status: statuses[i % 3],
        assigneeId: assignees[i % 4 === 3 ? 2 : i % 2],
      });
    }
    const all = (await member.tasks.list({ projectId: project.id, limit: 100 })).items;
    expect(all).toHaveLength(12);
    const middle = all[5]!.number;
    for (const status of [undefined, ...statuses]) {
      for (const assigneeId of [undefined, null, memberId, adminId]) {
        for (const cursor of [undefined, middle]) {
          const input = { projectId: project.id, status, assigneeId, cursor, limit: 100 };
          const expected = all.filter(
            (task) =>
              (status === undefined || task.status === status) &&
              (assigneeId === undefined || task.assigneeId === assigneeId) &&
              (cursor === undefined || task.number > cursor),
          );
          const page = await member.tasks.list(input);
          expect({ input, ids: page.items.map((task) => task.id) }).toEqual({
            input,
            ids: expected.map((task) => task.id),
          });
        }
      }
    }
  });

  it('pages without duplicates or gaps while tasks are being added', async () => {
    const { member, admin } = board;
    const project = await admin.projects.create({ name: 'Paging' });
    const original: string[] = [];
    for (let i = 0; i < 25; i++) {
      original.push((await member.tasks.create({ projectId: project.id, title: `t${i}` })).id);
    }
    const seen: string[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const page = await member.tasks.list({ projectId: project.id, limit: 7, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
      // Someone adds a task between page loads.
      if (pages <= 2) await admin.tasks.create({ projectId: project.id, title: `late ${pages}` });
    } while (cursor !== undefined);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 25)).toEqual(original);
    expect(seen).toHaveLength(27);
  });
});

describe('tasks.delete', () => {
  it("lets the creator delete their task without an audit entry, and refuses another member's", async () => {
    const { member, admin, project } = board;
    const own = await member.tasks.create({ projectId: project.id, title: 'own' });
    const adminsTask = await admin.tasks.create({ projectId: project.id, title: "admin's" });
    await expect(member.tasks.delete({ taskId: adminsTask.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: /creator or an organization admin/,
    });
    await member.tasks.delete({ taskId: own.id });
    await expect(member.tasks.get({ taskId: own.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audit = await admin.admin.auditLog({ action: 'task.deleted_by_admin' });
    expect(audit.items.map((e) => e.targetId)).not.toContain(own.id);
  });

  it("lets an admin delete a member's task, and audits it", async () => {
    const { member, admin, project } = board;
    const task = await member.tasks.create({ projectId: project.id, title: 'moderated' });
    await admin.tasks.delete({ taskId: task.id });
    const [entry] = (await admin.admin.auditLog({ action: 'task.deleted_by_admin' })).items;
    expect(entry).toMatchObject({
      targetId: task.id,
      details: { title: 'moderated', createdBy: memberId },
    });
  });
});

describe('tasks.delete at the same moment twice', () => {
  it('deletes once: the other is NOT_FOUND, and one audit entry is written', async () => {
    const { member, admin, project } = board;
    const task = await member.tasks.create({ projectId: project.id, title: 'twice' });
    // Two admin tabs at once: on PostgreSQL both read the task before either deletes it.
    const results = await Promise.allSettled([
      admin.tasks.delete({ taskId: task.id }),
      admin.tasks.delete({ taskId: task.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'NOT_FOUND' },
    });
    const audit = await admin.admin.auditLog({ action: 'task.deleted_by_admin' });
    expect(audit.items.filter((e) => e.targetId === task.id)).toHaveLength(1);
  });
});

describe('tasks.move: position room', () => {
  // Dozens of moves in a row: about 2 s on a busy CI machine; the timeout is a hang guard.
  it('keeps the chosen order when moves keep splitting the same gap', {
    timeout: 30_000,
  }, async () => {
    const { member, admin } = board;
    const project = await admin.projects.create({ name: 'Crowded column' });
    const first = await member.tasks.create({ projectId: project.id, title: 'first' });
    const last = await member.tasks.create({ projectId: project.id, title: 'last' });
    const movers = [];
    for (let i = 0; i < 60; i++) {
      movers.push(
        await member.tasks.create({ projectId: project.id, title: `m${i}`, status: 'doing' }),
      );
    }
    const todo = async () =>
      (await member.tasks.list({ projectId: project.id, status: 'todo', limit: 100 })).items.sort(
        (a, b) => a.position - b.position,
      );
    // Each task goes right below `first`, at the midpoint a client would compute: 60
    // halvings of one gap exhaust a double's precision.
    for (const mover of movers) {
      const [above, below] = await todo();
      await member.tasks.move({
        taskId: mover.id,
        version: mover.version,
        status: 'todo',
        position: (above!.position + below!.position) / 2,
      });
    }
    const final = await todo();
    expect(final.map((t) => t.id)).toEqual([
      first.id,
      ...movers.map((m) => m.id).reverse(),
      last.id,
    ]);
    expect(new Set(final.map((t) => t.position)).size).toBe(final.length);
  });
});
