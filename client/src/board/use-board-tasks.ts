import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTRPC } from '../api/trpc.ts';
import type { Task } from '../tasks/task-types.ts';
import { boardTasksOptions } from './board-query.ts';

/**
 * Every task of the project: the board needs whole columns to order and place cards, so it
 * follows the cursor until the last page (100 tasks a page) instead of showing a first page.
 */
export function useBoardTasks(projectId: string) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(boardTasksOptions(trpc, projectId));
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const tasks = useMemo(() => {
    // A task created while pages were loading can appear twice; ids are unique.
    const byId = new Map<string, Task>();
    for (const page of query.data?.pages ?? []) {
      for (const task of page.items) byId.set(task.id, task);
    }
    return [...byId.values()];
  }, [query.data]);

  return { query, tasks, complete: query.isSuccess && !hasNextPage };
}
