import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTRPC } from '../api/trpc.ts';
import type { Task } from '../tasks/task-types.ts';
import type { PlannedMove } from './board-columns.ts';
import { boardTasksOptions, findBoardTask, updateBoardTask } from './board-query.ts';

/** Moves of one board share a mutation scope: they go to the server one at a time. */
export const boardMoveScope = (projectId: string) => `board-moves:${projectId}`;

/** The tasks of a board with a move on its way (sent or queued): their place is optimistic. */
export function movingTaskIds(queryClient: QueryClient, projectId: string): Set<string> {
  const scopeId = boardMoveScope(projectId);
  const pending = queryClient.getMutationCache().findAll({
    status: 'pending',
    predicate: (mutation) => mutation.options.scope?.id === scopeId,
  });
  return new Set(pending.map((mutation) => (mutation.state.variables as PlannedMove).taskId));
}

/**
 * Moves a task, showing it in its new place at once and putting it back if the server says
 * no. Moves of one board go to the server one at a time (a mutation scope), and each one
 * reads the task's `version` when it is sent: two quick moves of a card then carry the
 * version the first one produced instead of conflicting with each other.
 */
export function useMoveTask(
  projectId: string,
  handlers: { onFailed: (error: unknown, move: PlannedMove, task: Task | undefined) => void },
) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const base = trpc.tasks.move.mutationOptions();
  const scopeId = boardMoveScope(projectId);
  /** Set when the server renumbered a column: the board reloads once no move is on its way. */
  const reloadAfterMoves = useRef(false);

  return useMutation({
    ...base,
    scope: { id: scopeId },
    mutationFn: (move: PlannedMove, context) => {
      const task = findBoardTask(queryClient, trpc, projectId, move.taskId);
      if (!task) return Promise.reject(new Error('That task is no longer on the board.'));
      return base.mutationFn!({ ...move, version: task.version }, context);
    },
    onMutate: async (move) => {
      // A refetch landing now would paint the old place over the optimistic one.
      await queryClient.cancelQueries({ queryKey: boardTasksOptions(trpc, projectId).queryKey });
      const before = findBoardTask(queryClient, trpc, projectId, move.taskId);
      updateBoardTask(queryClient, trpc, projectId, move.taskId, (task) => ({
        ...task,
        status: move.status,
        position: move.position,
      }));
      return { before };
    },
    onSuccess: (saved, move) => {
      // A drop into a gap too small to split makes the server renumber the column: the
      // task comes back at another position than sent, and every card of the column has a
      // new one. The next drop must be planned on those, so the board reloads.
      if (saved.position !== move.position) reloadAfterMoves.current = true;
      // Only what the server added: status and position already show this move, or a later
      // one the user has made since, which must not be painted over.
      updateBoardTask(queryClient, trpc, projectId, saved.id, (task) => ({
        ...task,
        version: saved.version,
        updatedAt: saved.updatedAt,
        updatedBy: saved.updatedBy,
      }));
      queryClient.setQueryData(trpc.tasks.get.queryKey({ taskId: saved.id }), saved);
    },
    onError: (error, move, context) => {
      const before = context?.before;
      if (before) {
        updateBoardTask(queryClient, trpc, projectId, move.taskId, (task) => ({
          ...task,
          status: before.status,
          position: before.position,
        }));
      }
      handlers.onFailed(error, move, before);
    },
    onSettled: (_saved, error, move) => {
      // Open task counts and "my open tasks" depend on the status.
      void queryClient.invalidateQueries(trpc.projects.list.pathFilter());
      void queryClient.invalidateQueries(trpc.me.openTasks.pathFilter());
      if (error) {
        // After a refusal the server's state decides: CONFLICT means it has a newer task.
        void queryClient.invalidateQueries({
          queryKey: boardTasksOptions(trpc, projectId).queryKey,
        });
        void queryClient.invalidateQueries({
          queryKey: trpc.tasks.get.queryKey({ taskId: move.taskId }),
        });
      }
      // A reload now would paint the server's places over moves still on their way (this
      // one is still counted as pending here); the last of them reloads.
      const movesPending = queryClient.isMutating({
        predicate: (mutation) => mutation.options.scope?.id === scopeId,
      });
      if (reloadAfterMoves.current && movesPending <= 1) {
        reloadAfterMoves.current = false;
        void queryClient.invalidateQueries({
          queryKey: boardTasksOptions(trpc, projectId).queryKey,
        });
      }
    },
  });
}
