import { type KeyboardEvent, useId } from 'react';
import { Link } from 'react-router';
import { dueLabel } from '../tasks/due-label.ts';
import type { Task } from '../tasks/task-types.ts';
import { TASK_DRAG_TYPE } from './drop-index.ts';
import { KEY_DIRECTIONS, type MoveDirection } from './keyboard-move.ts';

/**
 * One task on the board. The mouse drags the whole card; the keyboard uses its move
 * handle, a real button (focusable, named, announced) that takes the arrow keys.
 */
export function TaskCard(props: {
  task: Task;
  taskKey: string;
  assigneeName: string;
  helpId: string;
  onKeyboardMove: (direction: MoveDirection) => void;
}) {
  const { task } = props;
  const titleId = useId();
  const due = dueLabel(task.dueDate, task.status);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const direction = KEY_DIRECTIONS[event.key];
    if (!direction) return;
    event.preventDefault(); // no page scroll
    props.onKeyboardMove(direction);
  }

  return (
    <li className="task-card-slot">
      <article
        className="task-card"
        data-task-id={task.id}
        draggable
        aria-labelledby={titleId}
        onDragStart={(event) => {
          event.dataTransfer.setData(TASK_DRAG_TYPE, task.id);
          event.dataTransfer.setData('text/plain', props.taskKey);
          event.dataTransfer.effectAllowed = 'move';
        }}
      >
        <div className="task-card-top">
          <p className="task-key">{props.taskKey}</p>
          <button
            type="button"
            className="move-handle"
            data-move-handle={task.id}
            aria-label={`Move ${props.taskKey}`}
            aria-describedby={props.helpId}
            aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown"
            onKeyDown={onKeyDown}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        </div>
        <h3 id={titleId} className="task-title">
          <Link to={`/projects/${task.projectId}/tasks/${task.id}`}>{task.title}</Link>
        </h3>
        <p className="task-meta">
          <span>{props.assigneeName}</span>
          {due && <span className={due.overdue ? 'due overdue' : 'due'}>{due.text}</span>}
        </p>
      </article>
    </li>
  );
}
