import { useMutation, useQueryClient } from '@tanstack/react-query';
import { taskCreateInput } from '@tasklane/shared/tasks';
import { type FormEvent, useEffect, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { fieldsDraft, useFormDraft } from '../drafts/use-form-draft.ts';
import { MemberOptions } from '../org/MemberOptions.tsx';
import type { Task } from '../tasks/task-types.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { FormField } from '../ui/FormField.tsx';
import { type FieldErrors, validateForm } from '../ui/form-errors.ts';
import { appendBoardTask } from './board-query.ts';

const parseDraft = fieldsDraft('title', 'assigneeId', 'dueDate');

/** Adds a task to the project's "To do" column. */
export function TaskCreateForm(props: { projectId: string; onCreated: (task: Task) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const draft = useFormDraft('task-create', parseDraft);
  const [title, setTitle] = useState(() => draft.restored?.title ?? '');
  const [assigneeId, setAssigneeId] = useState(() => draft.restored?.assigneeId ?? '');
  const [dueDate, setDueDate] = useState(() => draft.restored?.dueDate ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  // The assignee alone is no draft: it stays chosen after a task is added, for the next one.
  useEffect(
    () => draft.keep(title || dueDate ? { title, assigneeId, dueDate } : undefined),
    [draft, title, assigneeId, dueDate],
  );

  const create = useMutation(
    trpc.tasks.create.mutationOptions({
      onSuccess: (task) => {
        appendBoardTask(queryClient, trpc, task);
        void queryClient.invalidateQueries(trpc.projects.list.pathFilter());
        void queryClient.invalidateQueries(trpc.me.openTasks.pathFilter());
        setTitle('');
        setDueDate('');
        props.onCreated(task);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = validateForm(
      taskCreateInput,
      {
        projectId: props.projectId,
        title,
        assigneeId: assigneeId || null,
        // Left out when empty: the organization's default due date applies.
        ...(dueDate ? { dueDate } : {}),
      },
      setErrors,
    );
    if (!input) return;
    create.mutate(input);
  }

  return (
    <form className="card form-row" onSubmit={submit} aria-label="Add a task" noValidate>
      <FormField label="New task" error={errors.title} className="grow">
        {(control) => (
          <input
            {...control}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="What needs doing?"
            autoComplete="off"
          />
        )}
      </FormField>
      <FormField label="Assignee" error={errors.assigneeId}>
        {(control) => (
          <select
            {...control}
            value={assigneeId}
            onChange={(event) => setAssigneeId(event.target.value)}
          >
            <option value="">Unassigned</option>
            <MemberOptions />
          </select>
        )}
      </FormField>
      <FormField label="Due date" error={errors.dueDate} hint="Empty: the organization's default">
        {(control) => (
          <input
            {...control}
            type="date"
            value={dueDate}
            onChange={(event) => setDueDate(event.target.value)}
          />
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add task'}
        </button>
      </div>
      {errors[''] && <p className="field-error">{errors['']}</p>}
      {create.isError && <ApiErrorNotice error={create.error} />}
    </form>
  );
}
