import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTRPC } from '../api/trpc.ts';
import { removeBoardTask } from '../board/board-query.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import type { Task } from './task-types.ts';

/**
 * Offered to everyone: only the server knows who created the task and who moderates, and
 * its refusal ("Only the task creator or an organization admin…") says so in its words.
 */
export function TaskDeleteButton(props: { task: Task; taskKey: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { task } = props;
  const remove = useMutation(
    trpc.tasks.delete.mutationOptions({
      onSuccess: () => {
        removeBoardTask(queryClient, trpc, task.projectId, task.id);
        queryClient.removeQueries({ queryKey: trpc.tasks.get.queryKey({ taskId: task.id }) });
        void queryClient.invalidateQueries(trpc.projects.list.pathFilter());
        void queryClient.invalidateQueries(trpc.me.openTasks.pathFilter());
        // An admin deleting someone else's task writes an audit entry.
        void queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter());
        navigate(`/projects/${task.projectId}`, { replace: true });
      },
    }),
  );
  return (
    <div className="stack">
      <div>
        <ConfirmButton
          label="Delete task"
          question={`Delete ${props.taskKey} and its comments?`}
          confirmLabel="Delete for good"
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ taskId: task.id })}
        />
      </div>
      {remove.isError && <ApiErrorNotice error={remove.error} />}
    </div>
  );
}
