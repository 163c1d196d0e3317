import { TASK_STATUSES } from '@tasklane/shared/tasks';
import type { Task, TaskStatus } from '../tasks/task-types.ts';
import { positionAtIndex } from './board-position.ts';

export type BoardColumns = Record<TaskStatus, Task[]>;

/** Which tasks the board shows: everyone's or one person's (`null` = unassigned). */
export interface BoardFilter {
  assignee: 'all' | string | null;
}

/** Tasks by status, each column in position order (task number breaks ties). */
export function boardColumns(tasks: readonly Task[], filter?: BoardFilter): BoardColumns {
  const columns: BoardColumns = { todo: [], doing: [], done: [] };
  for (const task of tasks) {
    if (filter && filter.assignee !== 'all' && task.assigneeId !== filter.assignee) continue;
    columns[task.status].push(task);
  }
  for (const status of TASK_STATUSES) {
    columns[status].sort((a, b) => a.position - b.position || a.number - b.number);
  }
  return columns;
}

/** Where a task is on the board. */
export function locateTask(columns: BoardColumns, taskId: string) {
  for (const status of TASK_STATUSES) {
    const index = columns[status].findIndex((task) => task.id === taskId);
    if (index >= 0) return { status, index };
  }
  return null;
}

/** A move as the server takes it: the new column and the position among new neighbours. */
export interface PlannedMove {
  taskId: string;
  status: TaskStatus;
  position: number;
}

/**
 * Moving `taskId` to `index` of column `status`. `index` counts the column's cards without
 * the moved one, as a drop target or a keyboard step sees them.
 */
export function planMove(
  columns: BoardColumns,
  taskId: string,
  status: TaskStatus,
  index: number,
): PlannedMove {
  const others = columns[status].filter((task) => task.id !== taskId);
  return { taskId, status, position: positionAtIndex(others, index) };
}
