import type { TaskStatus } from './task-types.ts';

/**
 * Status names for screens that load no form schemas (the home page). The shared
 * `TASK_STATUS_LABELS` sits in a module that imports zod, which the home page would then
 * download for three words; the `Record<TaskStatus, …>` type keeps both lists in step.
 */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  todo: 'To do',
  doing: 'Doing',
  done: 'Done',
};
