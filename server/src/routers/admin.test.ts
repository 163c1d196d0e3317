import { describe, expect, it } from 'vitest';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';

const h = await createCallerHarness();
const board = await createBoard(h);
const adminId = h.world.personas.admin!.userId;

describe('admin.settings', () => {
  it('reads defaults, updates with validation, and audits before and after', async () => {
    const { admin } = board;
    expect(await admin.admin.settings.get()).toEqual({
      taskKeyPrefix: 'TASK',
      defaultDueInDays: null,
    });
    await expect(admin.admin.settings.update({ taskKeyPrefix: 'acme!' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(admin.admin.settings.update({})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await admin.admin.settings.update({ taskKeyPrefix: 'ACME' })).toEqual({
      taskKeyPrefix: 'ACME',
      defaultDueInDays: null,
    });
    expect((await board.member.org.current()).taskKeyPrefix).toBe('ACME');
    const [entry] = (await admin.admin.auditLog({ action: 'settings.updated' })).items;
    expect(entry).toMatchObject({
      actorId: adminId,
      details: {
        before: { taskKeyPrefix: 'TASK', defaultDueInDays: null },
        after: { taskKeyPrefix: 'ACME', defaultDueInDays: null },
      },
    });
  });
});

describe('admin.auditLog', () => {
  it('pages newest first without duplicates, filters by action and actor', async () => {
    const { admin } = board;
    const projects = [];
    for (let i = 0; i < 5; i++) projects.push(await admin.projects.create({ name: `P${i}` }));
    for (const p of projects) await admin.projects.archive({ projectId: p.id, archived: true });

    const seen: number[] = [];
    let cursor: number | undefined;
    do {
      const page = await admin.admin.auditLog({ action: 'project.archived', limit: 2, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);

    const byActor = await admin.admin.auditLog({ actorId: adminId });
    expect(byActor.items.every((e) => e.actorId === adminId)).toBe(true);
    const byOther = await admin.admin.auditLog({ actorId: 'user_nobody' });
    expect(byOther.items).toEqual([]);
  });

  it("never shows another organization's entries", async () => {
    const other = await h.callerFor('otherAdmin');
    const p = await other.projects.create({ name: 'Theirs' });
    await other.projects.archive({ projectId: p.id, archived: true });
    const mine = await board.admin.admin.auditLog({ limit: 100 });
    expect(mine.items.map((e) => e.targetId)).not.toContain(p.id);
  });
});
