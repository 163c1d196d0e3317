import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tasks } from '../db/schema.ts';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { createCallerFactory, createContextInner, orgProcedure, router } from '../trpc.ts';

/**
 * What a forgotten `where org_id = …` does: nothing harmful. These procedures query and
 * update tasks with no organization filter at all, and row-level security keeps each
 * caller to their own organization's rows.
 */
const careless = router({
  allTasks: orgProcedure.query(({ ctx }) => ctx.db.select().from(tasks)),
  retitleEverything: orgProcedure.mutation(({ ctx }) =>
    ctx.db
      .update(tasks)
      .set({ title: sql`${tasks.title} || ' (touched)'` })
      .returning({ id: tasks.id }),
  ),
});
const createCaller = createCallerFactory(careless);

const h = await createCallerHarness();
const board = await createBoard(h);
const callerFor = async (persona: 'admin' | 'otherAdmin') =>
  createCaller(createContextInner({ auth: await h.authFor(persona), deps: h.deps }));

// Organization B has a board of its own.
const other = await h.callerFor('otherAdmin');
const theirProject = await other.projects.create({ name: 'B board' });
const theirTask = await other.tasks.create({ projectId: theirProject.id, title: 'B task' });
const orgB = h.world.personas.otherAdmin!.org!.id;

describe('a procedure that forgets to filter by organization', () => {
  it("reads only the caller's organization", async () => {
    const seenByA = await (await callerFor('admin')).allTasks();
    expect(seenByA.map((t) => t.id).sort()).toEqual(
      [board.adminTask.id, board.memberTask.id].sort(),
    );
    const seenByB = await (await callerFor('otherAdmin')).allTasks();
    expect(seenByB.map((t) => t.id)).toEqual([theirTask.id]);
  });

  it("writes only the caller's organization", async () => {
    const touched = await (await callerFor('otherAdmin')).retitleEverything();
    expect(touched.map((t) => t.id)).toEqual([theirTask.id]);
    const aTitles = await h.inspect((tx) =>
      tx.select({ title: tasks.title }).from(tasks).where(eq(tasks.orgId, h.world.orgA.id)),
    );
    expect(aTitles.map((t) => t.title).sort()).toEqual(['Admin task', 'Member task']);
    const [b] = await h.inspect((tx) => tx.select().from(tasks).where(eq(tasks.orgId, orgB)));
    expect(b?.title).toBe('B task (touched)');
  });
});
