import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TASK_STATUS_LABELS, TASK_STATUSES } from '@tasklane/shared/tasks';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiErrorCode, apiErrorMessage } from '../api/api-errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { LiveStatus } from '../live/LiveStatus.tsx';
import { useLiveProject } from '../live/use-live-project.ts';
import { useMemberName } from '../org/use-org-members.ts';
import { useTaskKey } from '../org/use-task-key.ts';
import type { TaskStatus } from '../tasks/task-types.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { BoardColumn } from './BoardColumn.tsx';
import { BoardFilters } from './BoardFilters.tsx';
import { type BoardFilter, boardColumns, locateTask, planMove } from './board-columns.ts';
import { boardTasksOptions } from './board-query.ts';
import { keyboardMoveTarget, type MoveDirection } from './keyboard-move.ts';
import { TaskCreateForm } from './TaskCreateForm.tsx';
import { useBoardTasks } from './use-board-tasks.ts';
import { useMoveTask } from './use-move-task.ts';

/**
 * A project's board: three status columns; cards move by drag and drop or arrow keys.
 * Other people's changes show as they happen (useLiveProject).
 */
export function BoardPage() {
  const { projectId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const { query, tasks, complete } = useBoardTasks(projectId);
  const taskKey = useTaskKey();
  const memberName = useMemberName();
  const helpId = useId();
  const live = useLiveProject(projectId);

  const [filter, setFilter] = useState<BoardFilter>({ assignee: 'all' });
  const [statusShown, setStatusShown] = useState<TaskStatus | 'all'>('all');
  const columns = useMemo(() => boardColumns(tasks, filter), [tasks, filter]);
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<{ error: unknown; taskId: string } | null>(null);

  const keyOf = (taskId: string) => {
    const task = tasks.find((t) => t.id === taskId);
    return task ? taskKey(task.number) : 'The task';
  };

  // A moved card may be a new element (another column) or be re-inserted by React: once
  // the move shows (the task list changed), the moved card's handle gets the focus back.
  const focusAfterMove = useRef<{ taskId: string; tasksBefore: unknown } | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);

  const move = useMoveTask(projectId, {
    onFailed: (error, planned) => {
      // A keyboard user's card jumps back: keep their focus on it.
      const active = document.activeElement;
      if (active === document.body || boardRef.current?.contains(active)) {
        focusAfterMove.current = { taskId: planned.taskId, tasksBefore: tasks };
      }
      setFailure({ error, taskId: planned.taskId });
      setAnnouncement(`${keyOf(planned.taskId)} was put back: ${apiErrorMessage(error)}`);
    },
  });

  useLayoutEffect(() => {
    const request = focusAfterMove.current;
    if (!request || request.tasksBefore === tasks) return;
    focusAfterMove.current = null;
    const handle = boardRef.current?.querySelector<HTMLElement>(
      `[data-move-handle="${request.taskId}"]`,
    );
    if (handle && document.activeElement !== handle) handle.focus();
  });

  function moveTo(taskId: string, status: TaskStatus, index: number) {
    const from = locateTask(columns, taskId);
    if (!from || (from.status === status && from.index === index)) return;
    setFailure(null);
    move.mutate(planMove(columns, taskId, status, index));
    const total = columns[status].filter((task) => task.id !== taskId).length + 1;
    setAnnouncement(
      `Moved ${keyOf(taskId)} to ${TASK_STATUS_LABELS[status]}, position ${index + 1} of ${total}.`,
    );
  }

  function keyboardMove(taskId: string, direction: MoveDirection) {
    const target = keyboardMoveTarget(columns, taskId, direction);
    if (!target) {
      setAnnouncement(`${keyOf(taskId)} can't move further ${direction}.`);
      return;
    }
    focusAfterMove.current = { taskId, tasksBefore: tasks };
    moveTo(taskId, target.status, target.index);
  }

  function reloadAfterFailure(taskId: string) {
    setFailure(null);
    void queryClient.invalidateQueries({ queryKey: boardTasksOptions(trpc, projectId).queryKey });
    void queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ taskId }) });
  }

  const archived = Boolean(project.data?.archivedAt);
  const shownStatuses = statusShown === 'all' ? TASK_STATUSES : [statusShown];

  return (
    <>
      <p className="breadcrumbs">
        <Link to="/projects">Projects</Link>
      </p>
      {project.isError ? (
        <ApiErrorNotice error={project.error} onRetry={() => project.refetch()} />
      ) : (
        <h1>
          {project.data?.name ?? 'Board'}
          {archived && <span className="badge">Archived</span>}
        </h1>
      )}
      <LiveStatus state={live} />
      {archived ? (
        <p className="notice notice-warning">
          This project is archived: its tasks can be read and moved, but no new tasks added.
        </p>
      ) : (
        project.isSuccess && (
          <TaskCreateForm
            projectId={projectId}
            onCreated={(task) => setAnnouncement(`Created ${taskKey(task.number)} in To do.`)}
          />
        )
      )}

      <BoardFilters
        filter={filter}
        onFilterChange={setFilter}
        status={statusShown}
        onStatusChange={setStatusShown}
      />
      <p id={helpId} className="muted board-help">
        Drag a card to move it. With the keyboard, focus a card's move button (⠿) and use the arrow
        keys: left and right change its column, up and down its order.
      </p>

      {failure &&
        (apiErrorCode(failure.error) === 'CONFLICT' ? (
          <ConflictNotice
            message={apiErrorMessage(failure.error)}
            onReload={() => reloadAfterFailure(failure.taskId)}
          />
        ) : (
          <ApiErrorNotice
            error={failure.error}
            onRetry={() => reloadAfterFailure(failure.taskId)}
          />
        ))}
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>

      {query.isPending ? (
        <Loading label="Loading the board…" />
      ) : query.isError && tasks.length === 0 ? (
        <ApiErrorNotice error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <>
          {!complete && !query.isError && (
            <Loading label={`Loading more tasks… ${tasks.length} so far.`} />
          )}
          {query.isError && (
            // A later page (or a reload) failed: the columns show only part of the project,
            // and a move would be placed among the cards that happen to be loaded.
            <div>
              <p>
                <strong>Not every task could be loaded:</strong> the board may be missing some.
              </p>
              <ApiErrorNotice error={query.error} onRetry={() => void query.refetch()} />
            </div>
          )}
          {tasks.length === 0 && complete && (
            <p className="empty">No tasks yet. Add the first one above.</p>
          )}
          <div className="board" ref={boardRef}>
            {shownStatuses.map((status) => (
              <BoardColumn
                key={status}
                status={status}
                tasks={columns[status]}
                helpId={helpId}
                taskKey={taskKey}
                memberName={memberName}
                onDropTask={(taskId, index) => moveTo(taskId, status, index)}
                onKeyboardMove={keyboardMove}
              />
            ))}
          </div>
        </>
      )}
    </>
  );
}
