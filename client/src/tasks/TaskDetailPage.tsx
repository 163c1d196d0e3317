import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TASK_STATUS_LABELS } from '@tasklane/shared/tasks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTRPC } from '../api/trpc.ts';
import type { BoardEvent } from '../live/board-event.ts';
import { LiveStatus } from '../live/LiveStatus.tsx';
import { useLiveProject } from '../live/use-live-project.ts';
import { useMemberName } from '../org/use-org-members.ts';
import { useTaskKey } from '../org/use-task-key.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { formatDateTime } from '../ui/format-date-time.ts';
import { Loading } from '../ui/Loading.tsx';
import { dueLabel } from './due-label.ts';
import { TaskComments } from './TaskComments.tsx';
import { TaskDeleteButton } from './TaskDeleteButton.tsx';
import { TaskEditForm } from './TaskEditForm.tsx';

/**
 * One task: its facts, the edit form, delete, and comments. A page, so it can be linked.
 * It follows its project's live stream: other people's edits, moves and comments show as
 * they happen (an edit the user has not saved is kept, see TaskEditForm), and a deletion
 * says so.
 */
export function TaskDetailPage() {
  const { projectId = '', taskId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const task = useQuery(trpc.tasks.get.queryOptions({ taskId }));
  const taskKey = useTaskKey();
  const memberName = useMemberName();
  const [deleted, setDeleted] = useState<{ taskId: string; by: string } | null>(null);
  // The task's own project once known: the URL's could have been edited by hand.
  const live = useLiveProject(task.data?.projectId ?? projectId, {
    onEvent: (event: BoardEvent) => {
      if (event.type !== 'task.deleted' || event.taskId !== taskId) return;
      // The user's own delete leaves the page when it is answered.
      const deleting = queryClient.isMutating({
        mutationKey: trpc.tasks.delete.mutationKey(),
        predicate: (mutation) =>
          (mutation.state.variables as { taskId?: string } | undefined)?.taskId === taskId,
      });
      if (deleting === 0) setDeleted({ taskId, by: event.actorId });
    },
  });
  const deletedBy = deleted?.taskId === taskId ? deleted.by : null;

  return (
    <>
      <p className="breadcrumbs">
        <Link to="/projects">Projects</Link> › <Link to={`/projects/${projectId}`}>Board</Link>
      </p>
      {task.isPending ? (
        <Loading label="Loading the task…" />
      ) : task.isError ? (
        <>
          <h1>Task</h1>
          <ApiErrorNotice error={task.error} onRetry={() => task.refetch()} />
        </>
      ) : (
        <>
          <h1>
            <span className="task-key">{taskKey(task.data.number)}</span> {task.data.title}
          </h1>
          <LiveStatus state={live} />
          <dl className="facts card">
            <dt>Status</dt>
            <dd>{TASK_STATUS_LABELS[task.data.status]}</dd>
            <dt>Assignee</dt>
            <dd>{memberName(task.data.assigneeId)}</dd>
            <dt>Due</dt>
            <dd>{dueLabel(task.data.dueDate, task.data.status)?.text ?? 'No due date'}</dd>
            <dt>Created by</dt>
            <dd>
              {memberName(task.data.createdBy)}, {formatDateTime(task.data.createdAt)}
            </dd>
            <dt>Last changed</dt>
            <dd>
              {memberName(task.data.updatedBy)}, {formatDateTime(task.data.updatedAt)} (version{' '}
              {task.data.version})
            </dd>
          </dl>
          {deletedBy !== null ? (
            <div role="alert" className="notice notice-warning">
              <p>
                {memberName(deletedBy)} deleted this task. It can no longer be edited or commented
                on.
              </p>
              <p>
                <Link to={`/projects/${projectId}`}>Back to the board</Link>
              </p>
            </div>
          ) : (
            <>
              <TaskEditForm
                key={task.data.id}
                task={task.data}
                onReload={async () => (await task.refetch()).data}
              />
              <TaskComments taskId={task.data.id} />
              <section className="card" aria-labelledby="danger-title">
                <h2 id="danger-title">Delete</h2>
                <TaskDeleteButton task={task.data} taskKey={taskKey(task.data.number)} />
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}
