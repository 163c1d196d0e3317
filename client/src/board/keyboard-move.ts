import { TASK_STATUSES } from '@tasklane/shared/tasks';
import type { TaskStatus } from '../tasks/task-types.ts';
import { type BoardColumns, locateTask } from './board-columns.ts';

export type MoveDirection = 'left' | 'right' | 'up' | 'down';

export const KEY_DIRECTIONS: Record<string, MoveDirection> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/**
 * One keyboard step: up/down swaps with the neighbour in the column, left/right goes to
 * the same row of the next column (or its end). `null` at the board's edges: nothing moves.
 * The index counts the target column without the moved card (see `planMove`).
 */
export function keyboardMoveTarget(
  columns: BoardColumns,
  taskId: string,
  direction: MoveDirection,
): { status: TaskStatus; index: number } | null {
  const from = locateTask(columns, taskId);
  if (!from) return null;
  const column = columns[from.status];
  switch (direction) {
    case 'up':
      return from.index === 0 ? null : { status: from.status, index: from.index - 1 };
    case 'down':
      return from.index >= column.length - 1
        ? null
        : { status: from.status, index: from.index + 1 };
    case 'left':
    case 'right': {
      const next =
        TASK_STATUSES[TASK_STATUSES.indexOf(from.status) + (direction === 'left' ? -1 : 1)];
      if (!next) return null;
      return { status: next, index: Math.min(from.index, columns[next].length) };
    }
  }
}
