import { z } from 'zod';
import { idSchema } from './ids.ts';
import { freeText } from './text.ts';

export const commentBodySchema = freeText()
  .trim()
  .min(1, 'Write something first.')
  .max(5000, 'Keep comments under 5,000 characters.');

/**
 * The most comments one task can have. `comments.list` returns a task's comments whole, so
 * the cap keeps every comment listable: an add past it is refused, never hidden.
 */
export const MAX_COMMENTS_PER_TASK = 500;

export const commentListInput = z.object({ taskId: idSchema });
export const commentAddInput = z.object({ taskId: idSchema, body: commentBodySchema });
export const commentIdInput = z.object({ commentId: idSchema });
