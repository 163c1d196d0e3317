import { useMutation, useQueryClient } from '@tanstack/react-query';
import { projectCreateInput } from '@tasklane/shared/projects';
import { type FormEvent, useEffect, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { textDraft, useFormDraft } from '../drafts/use-form-draft.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { FormField } from '../ui/FormField.tsx';
import { type FieldErrors, validateForm } from '../ui/form-errors.ts';

/** A new project; its name is checked with the server's own schema before sending. */
export function ProjectCreateForm(props: { onCreated: (name: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const draft = useFormDraft('project-create', textDraft);
  const [name, setName] = useState(() => draft.restored ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  useEffect(() => draft.keep(name || undefined), [draft, name]);
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: (project) => {
        void queryClient.invalidateQueries(trpc.projects.list.pathFilter());
        setName('');
        props.onCreated(project.name);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = validateForm(projectCreateInput, { name }, setErrors);
    if (!input) return;
    create.mutate(input);
  }

  return (
    <form className="card form-row" onSubmit={submit} aria-label="Create a project" noValidate>
      <FormField label="New project" error={errors.name} className="grow">
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Project name"
            autoComplete="off"
          />
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create project'}
        </button>
      </div>
      {create.isError && <ApiErrorNotice error={create.error} />}
    </form>
  );
}
