import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RouterInputs } from '@tasklane/server';
import { useTRPC } from '../api/trpc.ts';
import { findBoardTask, updateBoardTask } from '../board/board-query.ts';
import type { Task } from './task-types.ts';

export type TaskPatch = RouterInputs['tasks']['update']['patch'];

/**
 * Saves an edit with the version the user saw. The task shows the edit at once (detail and
 * board); a refusal puts both back, and the server's task is fetched again, so a CONFLICT
 * ends with the cache holding what the server has.
 */
export function useUpdateTask(task: Pick<Task, 'id' | 'projectId'>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detailKey = trpc.tasks.get.queryKey({ taskId: task.id });

  return useMutation(
    trpc.tasks.update.mutationOptions({
      onMutate: async ({ patch }) => {
        await queryClient.cancelQueries({ queryKey: detailKey });
        const detailBefore = queryClient.getQueryData(detailKey);
        const boardBefore = findBoardTask(queryClient, trpc, task.projectId, task.id);
        queryClient.setQueryData(detailKey, (current) => current && { ...current, ...patch });
        updateBoardTask(queryClient, trpc, task.projectId, task.id, (t) => ({ ...t, ...patch }));
        return { detailBefore, boardBefore };
      },
      onSuccess: (saved) => {
        queryClient.setQueryData(detailKey, saved);
        updateBoardTask(queryClient, trpc, task.projectId, task.id, () => saved);
      },
      onError: (_error, _input, context) => {
        if (context?.detailBefore) queryClient.setQueryData(detailKey, context.detailBefore);
        const before = context?.boardBefore;
        if (before) updateBoardTask(queryClient, trpc, task.projectId, task.id, () => before);
        void queryClient.invalidateQueries({ queryKey: detailKey });
        void queryClient.invalidateQueries(trpc.tasks.list.pathFilter());
      },
      onSettled: () => {
        // The assignee decides whose "open tasks" list it is on.
        void queryClient.invalidateQueries(trpc.me.openTasks.pathFilter());
      },
    }),
  );
}
