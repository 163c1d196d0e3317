import { useMutation, useQueryClient } from '@tanstack/react-query';
import { projectRenameInput } from '@tasklane/shared/projects';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import type { Project } from '../tasks/task-types.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { FormField } from '../ui/FormField.tsx';
import { type FieldErrors, validateForm } from '../ui/form-errors.ts';
import { useRenameDraft } from './rename-draft.ts';

/** Inline rename: the name field takes focus; Escape or Cancel gives the row back. */
export function ProjectRenameForm(props: { project: Project; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const draft = useRenameDraft(props.project.id);
  const [name, setName] = useState(() => draft.restored ?? props.project.name);
  const [errors, setErrors] = useState<FieldErrors>({});
  useEffect(
    () => draft.keep(name === props.project.name ? undefined : name),
    [draft, name, props.project.name],
  );
  /** Saved, or given up on: either way the draft has served. */
  const done = () => {
    draft.keep(undefined);
    props.onDone();
  };
  const inputRef = useRef<HTMLInputElement>(null);
  // The user just asked to edit this very field.
  useEffect(() => inputRef.current?.focus(), []);
  const rename = useMutation(
    trpc.projects.rename.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.projects.list.pathFilter());
        void queryClient.invalidateQueries(
          trpc.projects.get.queryFilter({ projectId: props.project.id }),
        );
        done();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = validateForm(
      projectRenameInput,
      { projectId: props.project.id, name },
      setErrors,
    );
    if (!input) return;
    rename.mutate(input);
  }

  return (
    <form
      className="form-row"
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape') done();
      }}
    >
      <FormField label={`New name for ${props.project.name}`} error={errors.name} className="grow">
        {(control) => (
          <input
            {...control}
            ref={inputRef}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={rename.isPending}>
          {rename.isPending ? 'Saving…' : 'Save name'}
        </button>
        <button type="button" onClick={done}>
          Cancel
        </button>
      </div>
      {rename.isError && <ApiErrorNotice error={rename.error} />}
    </form>
  );
}
