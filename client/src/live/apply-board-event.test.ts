import { QueryClient } from '@tanstack/react-query';
import type { AppRouter } from '@tasklane/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTrpcClient } from '../api/create-trpc-client.ts';
import { boardTasksOptions, findBoardTask } from '../board/board-query.ts';
import type { Comment, Task } from '../tasks/task-types.ts';
import { DEMO_PROJECT, demoTask, PROJECT_ID, taskId } from '../test/demo-domain.ts';
import { applyBoardEvent } from './apply-board-event.ts';
import type { BoardEvent } from './board-event.ts';

/**
 * The cache after each event, with no request made: the client's fetch is the setup's,
 * which fails the test if anything is fetched.
 */
let queryClient: QueryClient;
const trpc = createTRPCOptionsProxy<AppRouter>({
  client: createTrpcClient({ getToken: async () => 't' }),
  queryClient: () => queryClient,
});
const boardKey = boardTasksOptions(trpc, PROJECT_ID).queryKey;

const by = { projectId: PROJECT_ID, actorId: 'user_demo_ada', at: '2026-01-02T00:00:00.000Z' };
const apply = (event: BoardEvent, moving: string[] = []) =>
  applyBoardEvent({ queryClient, trpc, moving: new Set(moving) }, event);

function seedBoard(tasks: Task[], pages = 1) {
  const size = Math.ceil(tasks.length / pages);
  queryClient.setQueryData(boardKey, {
    pages: Array.from({ length: pages }, (_, i) => ({
      items: tasks.slice(i * size, (i + 1) * size),
      nextCursor: null,
    })),
    pageParams: Array.from({ length: pages }, (_, i) => (i === 0 ? null : i * size)),
  });
}
const boardTask = (n: number) => findBoardTask(queryClient, trpc, PROJECT_ID, taskId(n));
const boardIds = () =>
  queryClient.getQueryData(boardKey)?.pages.flatMap((page) => page.items.map((t) => t.number));
const at = (task: Task, changes: Partial<Task>): Task => ({ ...task, ...changes });

beforeEach(() => {
  queryClient = new QueryClient();
  seedBoard([demoTask(1, 'todo', 1024), demoTask(2, 'todo', 2048), demoTask(3, 'doing', 1024)]);
});

describe('applyBoardEvent: tasks', () => {
  it('adds a created task to the last page, once, however often the event comes', () => {
    seedBoard([demoTask(1, 'todo', 1024), demoTask(2, 'todo', 2048)], 2);
    const created = demoTask(9, 'todo', 3072);
    apply({ ...by, type: 'task.created', task: created });
    apply({ ...by, type: 'task.created', task: created });
    expect(queryClient.getQueryData(boardKey)?.pages.map((p) => p.items.length)).toEqual([1, 2]);
    expect(boardTask(9)).toEqual(created);
  });

  it('replaces a task by a higher version: a move, then an edit', () => {
    apply({ ...by, type: 'task.moved', task: at(demoTask(1, 'done', 512), { version: 2 }) });
    expect(boardTask(1)).toMatchObject({ status: 'done', position: 512, version: 2 });
    apply({ ...by, type: 'task.updated', task: at(boardTask(1)!, { title: 'New', version: 3 }) });
    expect(boardTask(1)).toMatchObject({ status: 'done', title: 'New', version: 3 });
  });

  it('ignores an event whose version the cache already has or has passed (stale, or own)', () => {
    const newer = at(demoTask(1, 'doing', 4096), { title: 'Newer', version: 5 });
    apply({ ...by, type: 'task.updated', task: newer });
    // The user's own move, answered before its event came: same version, nothing to do.
    apply({ ...by, type: 'task.moved', task: newer });
    apply({ ...by, type: 'task.moved', task: at(demoTask(1, 'done', 1), { version: 4 }) });
    apply({ ...by, type: 'task.created', task: demoTask(1, 'todo', 1024) });
    expect(boardTask(1)).toEqual(newer);
  });

  it("updates a task's cached detail the same way, and never creates one", () => {
    const detailKey = trpc.tasks.get.queryKey({ taskId: taskId(1) });
    queryClient.setQueryData(detailKey, at(demoTask(1, 'todo', 1024), { version: 3 }));
    apply({ ...by, type: 'task.updated', task: at(demoTask(1, 'todo', 1024), { version: 2 }) });
    expect(queryClient.getQueryData(detailKey)?.version).toBe(3);
    apply({ ...by, type: 'task.updated', task: at(demoTask(1, 'todo', 1024), { version: 4 }) });
    expect(queryClient.getQueryData(detailKey)?.version).toBe(4);
    apply({ ...by, type: 'task.updated', task: at(demoTask(2, 'todo', 2048), { version: 2 }) });
    expect(queryClient.getQueryData(trpc.tasks.get.queryKey({ taskId: taskId(2) }))).toBe(
      undefined,
    );
  });

  it('leaves updates of a task not loaded yet to the page that will bring it', () => {
    apply({ ...by, type: 'task.moved', task: at(demoTask(7, 'done', 1024), { version: 2 }) });
    expect(boardIds()).toEqual([1, 2, 3]);
  });

  it('removes a deleted task, and a second delete changes nothing', () => {
    apply({ ...by, type: 'task.deleted', taskId: taskId(2) });
    apply({ ...by, type: 'task.deleted', taskId: taskId(2) });
    expect(boardIds()).toEqual([1, 3]);
  });
});

describe('applyBoardEvent: column.rebalanced', () => {
  const rebalance = (positions: [number, number][]): BoardEvent => ({
    ...by,
    type: 'column.rebalanced',
    status: 'todo',
    positions: positions.map(([n, position]) => ({ id: taskId(n), position })),
  });

  it("gives every task of the column its new position, leaving other columns' alone", () => {
    apply(
      rebalance([
        [2, 1024],
        [1, 2048],
        [3, 3072],
      ]),
    );
    expect([boardTask(1), boardTask(2), boardTask(3)].map((t) => t?.position)).toEqual([
      2048, 1024, 1024,
    ]);
  });

  it('leaves a task the user is moving where the user put it (the move settles it)', () => {
    apply(
      rebalance([
        [2, 1024],
        [1, 2048],
      ]),
      [taskId(1)],
    );
    expect(boardTask(1)?.position).toBe(1024);
    expect(boardTask(2)?.position).toBe(1024);
  });

  it('changes nothing cached when no position differs', () => {
    const before = queryClient.getQueryData(boardKey);
    apply(
      rebalance([
        [1, 1024],
        [2, 2048],
      ]),
    );
    expect(queryClient.getQueryData(boardKey)).toBe(before);
  });
});

describe('applyBoardEvent: comments and the project', () => {
  const comment = (id: string): Comment => ({
    id,
    taskId: taskId(1),
    authorId: 'user_demo_ada',
    body: `Comment ${id}`,
    createdAt: '2026-01-02T00:00:00.000Z',
  });
  const listKey = trpc.comments.list.queryKey({ taskId: taskId(1) });

  it('adds and removes comments by id, so repeated events change nothing', () => {
    queryClient.setQueryData(listKey, [comment('c1')]);
    const added: BoardEvent = {
      ...by,
      type: 'comment.added',
      taskId: taskId(1),
      comment: comment('c2'),
    };
    apply(added);
    apply(added);
    expect(queryClient.getQueryData(listKey)?.map((c) => c.id)).toEqual(['c1', 'c2']);
    const deleted: BoardEvent = {
      ...by,
      type: 'comment.deleted',
      taskId: taskId(1),
      commentId: 'c1',
    };
    apply(deleted);
    apply(deleted);
    expect(queryClient.getQueryData(listKey)?.map((c) => c.id)).toEqual(['c2']);
  });

  it('renames and archives the cached project', () => {
    const key = trpc.projects.get.queryKey({ projectId: PROJECT_ID });
    queryClient.setQueryData(key, DEMO_PROJECT);
    apply({ ...by, type: 'project.renamed', project: { ...DEMO_PROJECT, name: 'Orbit' } });
    const archivedAt = '2026-01-03T00:00:00.000Z';
    apply({
      ...by,
      type: 'project.archived',
      project: { ...DEMO_PROJECT, name: 'Orbit', archivedAt },
    });
    expect(queryClient.getQueryData(key)).toMatchObject({ name: 'Orbit', archivedAt });
  });
});
