import type { QueryClient } from '@tanstack/react-query';
import type { useTRPC } from '../api/trpc.ts';
import {
  appendBoardTask,
  boardTasksOptions,
  findBoardTask,
  removeBoardTask,
  updateBoardTask,
} from '../board/board-query.ts';
import type { Task } from '../tasks/task-types.ts';
import type { BoardEvent } from './board-event.ts';

type Trpc = ReturnType<typeof useTRPC>;

export interface ApplyContext {
  queryClient: QueryClient;
  trpc: Trpc;
  /**
   * Tasks the user is moving right now: their place on the board is the optimistic one
   * until the move settles, so a rebalance does not reposition them.
   */
  moving: ReadonlySet<string>;
}

/**
 * Applies one board event to what is cached, without a refetch: the board's tasks, a task's
 * detail and comments, the project. Applying an event twice (the user's own changes arrive
 * both as a mutation's answer and as an event) changes nothing the second time: tasks are
 * replaced only by a higher `version`, comments are added and removed by id.
 *
 * `board.resync` and `project.deleted` need the page (a reload, leaving): see useLiveProject.
 */
export function applyBoardEvent(context: ApplyContext, event: BoardEvent): void {
  const { queryClient, trpc } = context;
  switch (event.type) {
    case 'task.created':
    case 'task.updated':
    case 'task.moved':
      applyTask(context, event.task, event.type === 'task.created');
      invalidateTaskLists(context);
      return;
    case 'task.deleted':
      removeBoardTask(queryClient, trpc, event.projectId, event.taskId);
      invalidateTaskLists(context);
      return;
    case 'column.rebalanced': {
      const positions = new Map(event.positions.map(({ id, position }) => [id, position]));
      editBoardTasks(context, event.projectId, (task) => {
        const position = positions.get(task.id);
        if (position === undefined || task.status !== event.status) return task;
        if (context.moving.has(task.id) || task.position === position) return task;
        return { ...task, position };
      });
      return;
    }
    case 'comment.added':
      queryClient.setQueryData(trpc.comments.list.queryKey({ taskId: event.taskId }), (list) =>
        list && !list.some((comment) => comment.id === event.comment.id)
          ? [...list, event.comment]
          : list,
      );
      return;
    case 'comment.deleted':
      queryClient.setQueryData(trpc.comments.list.queryKey({ taskId: event.taskId }), (list) =>
        list?.some((comment) => comment.id === event.commentId)
          ? list.filter((comment) => comment.id !== event.commentId)
          : list,
      );
      return;
    case 'project.renamed':
    case 'project.archived':
      queryClient.setQueryData(
        trpc.projects.get.queryKey({ projectId: event.projectId }),
        (project) => project && { ...project, ...event.project },
      );
      void queryClient.invalidateQueries(trpc.projects.list.pathFilter());
      return;
    case 'project.deleted':
      void queryClient.invalidateQueries(trpc.projects.list.pathFilter());
      return;
    case 'board.resync':
      return;
  }
}

/** A task as the server has it now, where the cache holds an older version (or none). */
function applyTask(context: ApplyContext, task: Task, created: boolean) {
  const { queryClient, trpc } = context;
  const onBoard = findBoardTask(queryClient, trpc, task.projectId, task.id);
  if (onBoard) {
    if (onBoard.version < task.version) {
      updateBoardTask(queryClient, trpc, task.projectId, task.id, () => task);
    }
  } else if (created) {
    // Updates of a task not loaded yet are left to its page, which is on its way.
    appendBoardTask(queryClient, trpc, task);
  }
  queryClient.setQueryData(trpc.tasks.get.queryKey({ taskId: task.id }), (cached) =>
    cached && cached.version < task.version ? task : cached,
  );
}

function editBoardTasks(context: ApplyContext, projectId: string, edit: (task: Task) => Task) {
  const { queryClient, trpc } = context;
  queryClient.setQueryData(boardTasksOptions(trpc, projectId).queryKey, (data) => {
    if (!data) return data;
    let changed = false;
    const pages = data.pages.map((page) => {
      const items = page.items.map((task) => {
        const edited = edit(task);
        if (edited !== task) changed = true;
        return edited;
      });
      return { ...page, items };
    });
    return changed ? { ...data, pages } : data;
  });
}

/** Open task counts and "my open tasks" depend on tasks' status and assignee. */
function invalidateTaskLists({ queryClient, trpc }: ApplyContext) {
  void queryClient.invalidateQueries(trpc.projects.list.pathFilter());
  void queryClient.invalidateQueries(trpc.me.openTasks.pathFilter());
}
