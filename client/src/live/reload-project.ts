import type { QueryClient } from '@tanstack/react-query';
import type { useTRPC } from '../api/trpc.ts';
import { boardTasksOptions } from '../board/board-query.ts';
import { movingTaskIds } from '../board/use-move-task.ts';

type Trpc = ReturnType<typeof useTRPC>;

/**
 * Fetches a project's board, its tasks' details and comments again, as the server has them
 * now: after `board.resync`, and when a stream starts with nothing to resume from (what
 * changed between the page's first fetch and the stream's start would be missed otherwise).
 *
 * Requests already on their way are cancelled first: they may have read before the stream
 * started, and React Query would otherwise answer the reload with them. A reload landing
 * while the user's moves are on their way would paint the server's older places over them,
 * so it waits until the last one settles.
 */
export function reloadProject(queryClient: QueryClient, trpc: Trpc, projectId: string): void {
  const reload = async () => {
    const filters = [
      { queryKey: boardTasksOptions(trpc, projectId).queryKey },
      { queryKey: trpc.projects.get.queryKey({ projectId }) },
      trpc.tasks.get.pathFilter(),
      trpc.comments.list.pathFilter(),
    ];
    await Promise.all(filters.map((filter) => queryClient.cancelQueries(filter)));
    await Promise.all(filters.map((filter) => queryClient.invalidateQueries(filter)));
  };
  if (movingTaskIds(queryClient, projectId).size === 0) {
    void reload();
    return;
  }
  const mutations = queryClient.getMutationCache();
  const unsubscribe = mutations.subscribe(() => {
    if (movingTaskIds(queryClient, projectId).size > 0) return;
    unsubscribe();
    void reload();
  });
}
