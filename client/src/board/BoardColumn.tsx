import { TASK_STATUS_LABELS } from '@tasklane/shared/tasks';
import { useId, useState } from 'react';
import type { Task, TaskStatus } from '../tasks/task-types.ts';
import { dropIndex, TASK_DRAG_TYPE } from './drop-index.ts';
import type { MoveDirection } from './keyboard-move.ts';
import { TaskCard } from './TaskCard.tsx';

/** One status column: its cards in order, and a drop target for dragged cards. */
export function BoardColumn(props: {
  status: TaskStatus;
  tasks: readonly Task[];
  helpId: string;
  taskKey: (number: number) => string;
  memberName: (userId: string | null) => string;
  onDropTask: (taskId: string, index: number) => void;
  onKeyboardMove: (taskId: string, direction: MoveDirection) => void;
}) {
  const headingId = useId();
  const [dropActive, setDropActive] = useState(false);
  const label = TASK_STATUS_LABELS[props.status];

  return (
    <section className="board-column" aria-labelledby={headingId} data-status={props.status}>
      <h2 id={headingId} className="board-column-title">
        {label} <span className="count">({props.tasks.length})</span>
      </h2>
      <ol
        className={dropActive ? 'task-list drop-active' : 'task-list'}
        aria-label={`${label} tasks`}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes(TASK_DRAG_TYPE)) return;
          event.preventDefault(); // accept the drop
          event.dataTransfer.dropEffect = 'move';
          setDropActive(true);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
            setDropActive(false);
          }
        }}
        onDrop={(event) => {
          setDropActive(false);
          const taskId = event.dataTransfer.getData(TASK_DRAG_TYPE);
          if (!taskId) return;
          event.preventDefault();
          props.onDropTask(taskId, dropIndex(event.currentTarget, event.clientY, taskId));
        }}
      >
        {props.tasks.map((task) => (
          <TaskCard
            key={task.id}
            task={task}
            taskKey={props.taskKey(task.number)}
            assigneeName={props.memberName(task.assigneeId)}
            helpId={props.helpId}
            onKeyboardMove={(direction) => props.onKeyboardMove(task.id, direction)}
          />
        ))}
        {props.tasks.length === 0 && <li className="empty column-empty">No tasks here.</li>}
      </ol>
    </section>
  );
}
