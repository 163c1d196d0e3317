import { z } from 'zod';
import { clerkUserIdSchema, cursorSchema, idSchema, pageLimitSchema } from './ids.ts';
import { freeText } from './text.ts';

export const TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  todo: 'To do',
  doing: 'Doing',
  done: 'Done',
};

export const taskTitleSchema = freeText()
  .trim()
  .min(1, 'Give the task a title.')
  .max(200, 'Keep the title under 200 characters.');

export const taskDescriptionSchema = freeText().max(
  10_000,
  'Keep the description under 10,000 characters.',
);

/** A calendar date, `YYYY-MM-DD`, that exists (Postgres has no year 0000: refuse it here). */
export const dueDateSchema = z.iso
  .date({ error: 'a date as YYYY-MM-DD' })
  .refine((date) => !date.startsWith('0000-'), 'a date from year 0001 on');

/** A column position; the client picks a number between its neighbours. */
export const positionSchema = z.number().finite().min(-1e12).max(1e12);

export const versionSchema = z.number().int().min(1).max(2_147_483_647);

export const taskListInput = z.object({
  projectId: idSchema,
  status: taskStatusSchema.optional(),
  /** A user id, or `null` for unassigned tasks. */
  assigneeId: clerkUserIdSchema.nullable().optional(),
  /** A task number: Postgres `integer`, so larger cursors would fail the query. */
  cursor: cursorSchema.max(2_147_483_647).optional(),
  limit: pageLimitSchema.default(50),
});

export const taskIdInput = z.object({ taskId: idSchema });

export const taskCreateInput = z.object({
  projectId: idSchema,
  title: taskTitleSchema,
  description: taskDescriptionSchema.default(''),
  status: taskStatusSchema.default('todo'),
  assigneeId: clerkUserIdSchema.nullable().default(null),
  /** Left out: the organization's default due date applies. */
  dueDate: dueDateSchema.nullable().optional(),
});

export const taskUpdateInput = z.object({
  taskId: idSchema,
  /** The version the client saw; a newer one on the server is a CONFLICT. */
  version: versionSchema,
  patch: z
    .object({
      title: taskTitleSchema,
      description: taskDescriptionSchema,
      assigneeId: clerkUserIdSchema.nullable(),
      dueDate: dueDateSchema.nullable(),
    })
    .partial()
    .refine((patch) => Object.keys(patch).length > 0, 'Change at least one field.'),
});

export const taskMoveInput = z.object({
  taskId: idSchema,
  version: versionSchema,
  status: taskStatusSchema,
  position: positionSchema,
});
