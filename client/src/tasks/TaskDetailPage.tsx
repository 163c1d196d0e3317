import { useQuery } from '@tanstack/react-query';
import { TASK_STATUS_LABELS } from '@tasklane/shared/tasks';
import { Link, useParams } from 'react-router';
import { useTRPC } from '../api/trpc.ts';
import { useMemberName } from '../org/use-org-members.ts';
import { useTaskKey } from '../org/use-task-key.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { formatDateTime } from '../ui/format-date-time.ts';
import { Loading } from '../ui/Loading.tsx';
import { dueLabel } from './due-label.ts';
import { TaskComments } from './TaskComments.tsx';
import { TaskDeleteButton } from './TaskDeleteButton.tsx';
import { TaskEditForm } from './TaskEditForm.tsx';

/** One task: its facts, the edit form, delete, and comments. A page, so it can be linked. */
export function TaskDetailPage() {
  const { projectId = '', taskId = '' } = useParams();
  const trpc = useTRPC();
  const task = useQuery(trpc.tasks.get.queryOptions({ taskId }));
  const taskKey = useTaskKey();
  const memberName = useMemberName();

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
  );
}
