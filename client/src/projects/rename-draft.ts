import { textDraft, useFormDraft } from '../drafts/use-form-draft.ts';

/** The new name being typed for one project (the list shows one rename form per row). */
export function useRenameDraft(projectId: string) {
  return useFormDraft(`project-rename:${projectId}`, textDraft);
}
