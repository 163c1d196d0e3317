import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organizations } from '../db/schema.ts';
import { scopedToOrganization } from '../db/tenant-scope.ts';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { insertTask, type NewTask } from './task-insert.ts';

const h = await createCallerHarness();
const board = await createBoard(h);
const orgId = h.world.orgA.id;
const adminId = h.world.personas.admin!.userId;

async function nextNumber() {
  const [org] = await h.inspect((tx) =>
    tx
      .select({ next: organizations.nextTaskNumber })
      .from(organizations)
      .where(eq(organizations.id, orgId)),
  );
  return org?.next;
}

/** As tasks.create inserts: in a transaction scoped to the task's organization. */
const insertScoped = (task: NewTask) =>
  scopedToOrganization(h.db, task.orgId, (tx) => insertTask(tx, task));

const newTask = (overrides: Partial<NewTask> = {}): NewTask => ({
  orgId,
  projectId: board.project.id,
  title: 'Inserted',
  description: '',
  status: 'todo',
  assigneeId: null,
  dueDate: null,
  userId: adminId,
  ...overrides,
});

describe('insertTask: the number and the row in one statement', () => {
  it('takes the next number and fills in the column defaults', async () => {
    const next = await nextNumber();
    const task = await insertScoped(newTask({ dueDate: '2031-01-02', status: 'doing' }));
    expect(task).toMatchObject({
      orgId,
      number: next,
      status: 'doing',
      dueDate: '2031-01-02',
      version: 1,
      createdBy: adminId,
      updatedBy: adminId,
    });
    expect(task?.id).toMatch(/^[0-9a-f-]{36}$/);
    // The column's default, the moment of the insert, read back as a Date.
    expect(task?.createdAt).toBeInstanceOf(Date);
    expect(task?.createdAt.getTime()).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(await nextNumber()).toBe((next ?? 0) + 1);
  });

  it('uses up no number when the insert fails', async () => {
    const next = await nextNumber();
    // No such user: the assignee's foreign key fails inside the statement.
    await expect(insertScoped(newTask({ assigneeId: 'user_gone' }))).rejects.toMatchObject({
      cause: { code: '23503' },
    });
    expect(await nextNumber()).toBe(next);
    expect((await insertScoped(newTask()))?.number).toBe(next);
  });

  it('inserts nothing for an organization that does not exist', async () => {
    expect(await insertScoped(newTask({ orgId: 'org_gone' }))).toBeUndefined();
    // The statement itself, where row-level security hides no organization.
    expect(await h.inspect((tx) => insertTask(tx, newTask({ orgId: 'org_gone' })))).toBeUndefined();
  });
});
