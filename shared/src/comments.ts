import { z } from 'zod';
import { idSchema } from './ids.ts';
import { freeText } from './text.ts';

export const commentBodySchema = freeText()
  .trim()
  .min(1, 'Write something first.')
  .max(5000, 'Keep comments under 5,000 characters.');

export const commentListInput = z.object({ taskId: idSchema });
export const commentAddInput = z.object({ taskId: idSchema, body: commentBodySchema });
export const commentIdInput = z.object({ commentId: idSchema });
