import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createBoard } from '../test/board-fixture.ts';
import { createHarness } from '../test/harness.ts';
import { comments, projects, tasks } from './schema.ts';

/**
 * scripts/dependency-patches/drizzle-orm.mjs maps flat rows from a plan made once per query
 * (keys and decoders), skipping decoders that return their input. Rows must come out exactly
 * as before: every decoder that changes a value still runs, nulls stay null, keys keep the
 * selection's order, a prepared statement's plan fits each of its executions, and nested
 * selections (joined tables as objects) still nest and turn an unmatched table into null.
 */
const h = await createHarness();
const board = await createBoard(h);
const orgId = h.world.orgA.id;

describe("drizzle's row mapping (patched: a plan per query for flat rows)", () => {
  it('maps every column of a flat row, decoders applied and nulls kept, in selection order', async () => {
    const [row] = await h.db
      .select({
        title: tasks.title,
        number: tasks.number,
        assigneeId: tasks.assigneeId,
        dueDate: tasks.dueDate,
        createdAt: tasks.createdAt,
        // A decoder that changes the value (text from PostgreSQL, a number out) ...
        doubled: sql`(${tasks.number} * 2)::text`.mapWith(Number),
        // ... and one whose value is null: null, not Number(null).
        nothing: sql`null::text`.mapWith(Number),
        aliased: sql<string>`upper(${tasks.title})`.as('aliased'),
      })
      .from(tasks)
      .where(eq(tasks.id, board.adminTask.id));
    expect(row).toEqual({
      title: 'Admin task',
      number: board.adminTask.number,
      assigneeId: null,
      dueDate: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/),
      doubled: board.adminTask.number * 2,
      nothing: null,
      aliased: 'ADMIN TASK',
    });
    expect(Object.keys(row ?? {})).toEqual([
      'title',
      'number',
      'assigneeId',
      'dueDate',
      'createdAt',
      'doubled',
      'nothing',
      'aliased',
    ]);
  });

  it('reuses a prepared statement for rows of every shape it returns', async () => {
    const statement = h.db
      .select({
        id: tasks.id,
        assigneeId: tasks.assigneeId,
        weight: sql`${tasks.number}::text`.mapWith(Number),
      })
      .from(tasks)
      .where(and(eq(tasks.orgId, sql.placeholder('orgId')), eq(tasks.id, sql.placeholder('id'))))
      .prepare('drizzle_row_mapping_test');
    const first = await statement.execute({ orgId, id: board.adminTask.id });
    const second = await statement.execute({ orgId, id: board.memberTask.id });
    expect(first).toEqual([
      { id: board.adminTask.id, assigneeId: null, weight: board.adminTask.number },
    ]);
    expect(second).toEqual([
      {
        id: board.memberTask.id,
        assigneeId: h.world.personas.member!.userId,
        weight: board.memberTask.number,
      },
    ]);
  });

  it('still nests joined tables, and an unmatched left-joined table is null', async () => {
    const rows = await h.db
      .select({ task: { id: tasks.id, title: tasks.title }, comment: { body: comments.body } })
      .from(tasks)
      .leftJoin(comments, eq(comments.taskId, tasks.id))
      .where(eq(tasks.projectId, board.project.id))
      .orderBy(asc(tasks.number), asc(comments.body));
    expect(rows).toEqual([
      { task: { id: board.adminTask.id, title: 'Admin task' }, comment: null },
      { task: { id: board.memberTask.id, title: 'Member task' }, comment: { body: 'From admin' } },
      { task: { id: board.memberTask.id, title: 'Member task' }, comment: { body: 'From member' } },
    ]);
  });

  it('maps whole tables of a join as nested objects', async () => {
    const [row] = await h.db
      .select()
      .from(tasks)
      .innerJoin(projects, eq(projects.id, tasks.projectId))
      .where(eq(tasks.id, board.adminTask.id));
    expect(row?.tasks).toMatchObject({ id: board.adminTask.id, title: 'Admin task', version: 1 });
    expect(row?.projects).toMatchObject({ id: board.project.id, archivedAt: null });
  });
});
