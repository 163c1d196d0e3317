import type { RouterOutputs } from '@tasklane/server';

/** A task as the API returns it (`tasks.get`, `tasks.list` items, `me.openTasks`). */
export type Task = RouterOutputs['tasks']['get'];
export type TaskStatus = Task['status'];
export type Comment = RouterOutputs['comments']['list'][number];
export type Project = RouterOutputs['projects']['list'][number];
