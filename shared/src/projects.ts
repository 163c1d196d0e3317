import { z } from 'zod';
import { idSchema } from './ids.ts';
import { freeText } from './text.ts';

export const projectNameSchema = freeText()
  .trim()
  .min(1, 'Give the project a name.')
  .max(100, 'Keep the name under 100 characters.');

export const projectDescriptionSchema = freeText()
  .trim()
  .max(2000, 'Keep the description under 2,000 characters.');

export const projectListInput = z
  .object({ includeArchived: z.boolean().default(false) })
  .default({ includeArchived: false });

export const projectIdInput = z.object({ projectId: idSchema });

export const projectCreateInput = z.object({
  name: projectNameSchema,
  description: projectDescriptionSchema.default(''),
});

export const projectRenameInput = z.object({ projectId: idSchema, name: projectNameSchema });

export const projectArchiveInput = z.object({ projectId: idSchema, archived: z.boolean() });
