import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTRPC } from '../api/trpc.ts';
import { useAppAuth } from '../auth/app-auth.ts';
import { useTaskKey } from '../org/use-task-key.ts';
import { dueLabel } from '../tasks/due-label.ts';
import { STATUS_LABELS } from '../tasks/task-status-label.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { roleLabel } from '../ui/role-label.ts';

/**
 * The signed-in home: who the *server* says you are, your active organization and role,
 * your open tasks there, and the way to the projects.
 */
export function HomePage() {
  const trpc = useTRPC();
  const { orgId } = useAppAuth();
  const whoami = useQuery(trpc.me.whoami.queryOptions());
  const org = useQuery({ ...trpc.org.current.queryOptions(), enabled: orgId !== null });

  return (
    <>
      <h1>Home</h1>
      <section className="card" aria-labelledby="org-title">
        <h2 id="org-title">Your organization</h2>
        {orgId === null ? (
          <p className="empty">
            You have no active organization. Choose one with the Organization switcher at the top of
            the page; if you are in none, ask an organization admin to invite you.
          </p>
        ) : org.isPending ? (
          <Loading label="Loading your organization…" />
        ) : org.isError ? (
          <ApiErrorNotice error={org.error} onRetry={() => org.refetch()} />
        ) : (
          <>
            <dl className="facts">
              <dt>Active organization</dt>
              <dd>
                {org.data.orgName}{' '}
                <span className="muted">({org.data.orgSlug ?? org.data.orgId})</span>
              </dd>
              <dt>Your role</dt>
              <dd>{roleLabel(org.data.orgRole)}</dd>
              <dt>Signed in as</dt>
              <dd>{whoami.isSuccess ? <code>{whoami.data.userId ?? 'nobody'}</code> : '…'}</dd>
            </dl>
            <p>
              <Link to="/projects">Go to the projects</Link>
            </p>
          </>
        )}
        {whoami.isError && <ApiErrorNotice error={whoami.error} onRetry={() => whoami.refetch()} />}
      </section>
      {orgId !== null && <MyOpenTasks />}
    </>
  );
}

/** Tasks assigned to me and not done, soonest due first (the server's order). */
function MyOpenTasks() {
  const trpc = useTRPC();
  const tasks = useQuery(trpc.me.openTasks.queryOptions());
  const taskKey = useTaskKey();
  return (
    <section className="card" aria-labelledby="my-tasks-title">
      <h2 id="my-tasks-title">My open tasks</h2>
      {tasks.isPending ? (
        <Loading label="Loading your tasks…" />
      ) : tasks.isError ? (
        <ApiErrorNotice error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : tasks.data.length === 0 ? (
        <p className="empty">Nothing assigned to you is open. Well done.</p>
      ) : (
        <ul className="my-tasks">
          {tasks.data.map((task) => {
            const due = dueLabel(task.dueDate, task.status);
            return (
              <li key={task.id}>
                <Link to={`/projects/${task.projectId}/tasks/${task.id}`}>
                  <span className="task-key">{taskKey(task.number)}</span> {task.title}
                </Link>{' '}
                <span className="muted">{STATUS_LABELS[task.status]}</span>
                {due && <span className={due.overdue ? 'due overdue' : 'due'}>{due.text}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
