import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { useTRPC } from '../api/trpc.ts';
import type { Task } from '../tasks/task-types.ts';

type Trpc = ReturnType<typeof useTRPC>;

/** The server's largest page: a board of 250 tasks takes three requests. */
export const BOARD_PAGE_SIZE = 100;

/**
 * All of a project's tasks as one infinite query (pages keyed by the task-number cursor).
 * Every screen that touches a board's cache builds its key here, so they always agree.
 */
export function boardTasksOptions(trpc: Trpc, projectId: string) {
  return trpc.tasks.list.infiniteQueryOptions(
    { projectId, limit: BOARD_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
}

type BoardPage = { items: Task[]; nextCursor: number | null };
type BoardData = InfiniteData<BoardPage, number | null>;

function editPages(data: BoardData | undefined, edit: (items: Task[]) => Task[]) {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: edit(page.items) })) };
}

export function findBoardTask(
  queryClient: QueryClient,
  trpc: Trpc,
  projectId: string,
  taskId: string,
): Task | undefined {
  const data = queryClient.getQueryData(boardTasksOptions(trpc, projectId).queryKey);
  for (const page of data?.pages ?? []) {
    const task = page.items.find((item) => item.id === taskId);
    if (task) return task;
  }
  return undefined;
}

/** Rewrites one task wherever it sits in the loaded pages (no-op if the board isn't cached). */
export function updateBoardTask(
  queryClient: QueryClient,
  trpc: Trpc,
  projectId: string,
  taskId: string,
  update: (task: Task) => Task,
) {
  queryClient.setQueryData(boardTasksOptions(trpc, projectId).queryKey, (data) =>
    editPages(data, (items) => items.map((task) => (task.id === taskId ? update(task) : task))),
  );
}

export function removeBoardTask(
  queryClient: QueryClient,
  trpc: Trpc,
  projectId: string,
  taskId: string,
) {
  queryClient.setQueryData(boardTasksOptions(trpc, projectId).queryKey, (data) =>
    editPages(data, (items) => items.filter((task) => task.id !== taskId)),
  );
}

/** New tasks have the highest number, so they belong on the last page (keyset order). */
export function appendBoardTask(queryClient: QueryClient, trpc: Trpc, task: Task) {
  queryClient.setQueryData(boardTasksOptions(trpc, task.projectId).queryKey, (data) => {
    if (!data || data.pages.length === 0) return data;
    const last = data.pages.length - 1;
    return {
      ...data,
      pages: data.pages.map((page, index) =>
        index === last && !page.items.some((item) => item.id === task.id)
          ? { ...page, items: [...page.items, task] }
          : page,
      ),
    };
  });
}
