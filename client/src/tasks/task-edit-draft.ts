import type { Task } from './task-types.ts';

/** The edit form's values, as its inputs hold them (empty string: none). */
export interface Draft {
  title: string;
  description: string;
  assigneeId: string;
  dueDate: string;
}

export const draftOf = (task: Task): Draft => ({
  title: task.title,
  description: task.description,
  assigneeId: task.assigneeId ?? '',
  dueDate: task.dueDate ?? '',
});

type SeenFields = Pick<Task, 'version' | 'title' | 'description' | 'assigneeId' | 'dueDate'>;

/**
 * An unsaved edit, as kept across sign-in: the values typed and the task as it was when the
 * user started editing. Its version goes with the save, so a change someone made meanwhile
 * is still answered with CONFLICT rather than overwritten.
 */
export interface KeptEdit {
  seen: SeenFields;
  draft: Draft;
}

export const keptEditOf = (seen: Task, draft: Draft): KeptEdit => ({
  seen: {
    version: seen.version,
    title: seen.title,
    description: seen.description,
    assigneeId: seen.assigneeId,
    dueDate: seen.dueDate,
  },
  draft,
});

const isText = (value: unknown) => typeof value === 'string';
const isTextOrNull = (value: unknown) => value === null || typeof value === 'string';

/** `parse` for useFormDraft: a KeptEdit, or undefined for anything else. */
export function parseKeptEdit(stored: unknown): KeptEdit | undefined {
  const { seen, draft } = (stored ?? {}) as Partial<
    Record<keyof KeptEdit, Record<string, unknown>>
  >;
  if (!seen || !draft) return undefined;
  const seenOk =
    Number.isInteger(seen.version) &&
    isText(seen.title) &&
    isText(seen.description) &&
    isTextOrNull(seen.assigneeId) &&
    isTextOrNull(seen.dueDate);
  const draftOk = [draft.title, draft.description, draft.assigneeId, draft.dueDate].every(isText);
  return seenOk && draftOk ? (stored as KeptEdit) : undefined;
}
