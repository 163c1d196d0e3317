import { taskUpdateInput } from '@tasklane/shared/tasks';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { apiErrorCode, apiErrorMessage } from '../api/api-errors.ts';
import { useFormDraft } from '../drafts/use-form-draft.ts';
import { MemberOptions } from '../org/MemberOptions.tsx';
import { useMemberName, useOrgMembers } from '../org/use-org-members.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { FormField } from '../ui/FormField.tsx';
import { type FieldErrors, validateForm } from '../ui/form-errors.ts';
import { TaskChangedNotice } from './TaskChangedNotice.tsx';
import { type Draft, draftOf, keptEditOf, parseKeptEdit } from './task-edit-draft.ts';
import type { Task } from './task-types.ts';
import { type TaskPatch, useUpdateTask } from './use-update-task.ts';

const sameDraft = (a: Draft, b: Draft) =>
  a.title === b.title &&
  a.description === b.description &&
  a.assigneeId === b.assigneeId &&
  a.dueDate === b.dueDate;

/** Only the fields the user changed: the server then touches nothing else. */
function changes(draft: Draft, seen: Task): TaskPatch {
  const patch: TaskPatch = {};
  if (draft.title !== seen.title) patch.title = draft.title;
  if (draft.description !== seen.description) patch.description = draft.description;
  if ((draft.assigneeId || null) !== seen.assigneeId) patch.assigneeId = draft.assigneeId || null;
  if ((draft.dueDate || null) !== seen.dueDate) patch.dueDate = draft.dueDate || null;
  return patch;
}

/**
 * Edits title, description, assignee and due date. `seen` is the task as it was when the
 * user started editing: its version goes with the save, so a change made meanwhile by
 * someone else is answered with CONFLICT instead of being overwritten.
 */
export function TaskEditForm(props: { task: Task; onReload: () => Promise<Task | undefined> }) {
  const members = useOrgMembers();
  const memberName = useMemberName();
  const update = useUpdateTask(props.task);
  const kept = useFormDraft('task-edit', parseKeptEdit);
  const [seen, setSeen] = useState(() =>
    kept.restored ? { ...props.task, ...kept.restored.seen } : props.task,
  );
  const [draft, setDraft] = useState(() => kept.restored?.draft ?? draftOf(props.task));
  /** The draft as it is now, for a save that ends after the user typed on. */
  const latestDraft = useRef(draft);
  latestDraft.current = draft;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const dirty = Object.keys(changes(draft, seen)).length > 0;

  // Unsaved changes are kept as they are typed; saved or discarded ones are dropped.
  useEffect(
    () => kept.keep(dirty ? keptEditOf(seen, draft) : undefined),
    [kept, dirty, seen, draft],
  );

  // Untouched forms follow the server (someone else's edit, a move); drafts are never lost.
  useEffect(() => {
    if (dirty || update.isPending || props.task.version === seen.version) return;
    setSeen(props.task);
    setDraft(draftOf(props.task));
  }, [props.task, dirty, update.isPending, seen.version]);
  /** A newer version arrived (live) while the user edits: they are told, not overwritten. */
  const changedMeanwhile =
    dirty &&
    !update.isPending &&
    props.task.version > seen.version &&
    apiErrorCode(update.error) !== 'CONFLICT'; // the conflict notice says it already

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
    setSaved(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = validateForm(
      taskUpdateInput,
      {
        taskId: seen.id,
        version: seen.version,
        patch: changes(draft, seen),
      },
      setErrors,
    );
    if (!input) return;
    const sent = draft;
    update.mutate(input, {
      onSuccess: (task) => {
        setSeen(task);
        // What the user typed while this was saving stays, as a change not yet saved.
        const typedSince = !sameDraft(latestDraft.current, sent);
        if (!typedSince) setDraft(draftOf(task));
        setSaved(!typedSince);
      },
    });
  }

  async function reloadLatest() {
    const latest = await props.onReload();
    update.reset();
    if (latest) {
      setSeen(latest);
      setDraft(draftOf(latest));
    }
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="edit-title" noValidate>
      <h2 id="edit-title">Edit</h2>
      {changedMeanwhile && (
        <TaskChangedNotice
          changedBy={memberName(props.task.updatedBy)}
          onLoadLatest={() => {
            update.reset();
            setSeen(props.task);
            setDraft(draftOf(props.task));
            setErrors({});
          }}
        />
      )}
      <FormField label="Title" error={errors.title}>
        {(control) => (
          <input {...control} value={draft.title} onChange={(e) => set('title', e.target.value)} />
        )}
      </FormField>
      <FormField label="Description" error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            rows={5}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </FormField>
      <div className="form-row">
        <FormField label="Assignee" error={errors.assigneeId}>
          {(control) => (
            <select
              {...control}
              value={draft.assigneeId}
              onChange={(e) => set('assigneeId', e.target.value)}
            >
              <option value="">Unassigned</option>
              {/* Keep a departed assignee selectable until someone changes it. */}
              {draft.assigneeId && !members.data?.some((m) => m.userId === draft.assigneeId) && (
                <option value={draft.assigneeId}>{draft.assigneeId}</option>
              )}
              <MemberOptions />
            </select>
          )}
        </FormField>
        <FormField label="Due date" error={errors.dueDate}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={draft.dueDate}
              onChange={(e) => set('dueDate', e.target.value)}
            />
          )}
        </FormField>
      </div>
      {errors[''] && <p className="field-error">{errors['']}</p>}
      {update.isError &&
        (apiErrorCode(update.error) === 'CONFLICT' ? (
          <ConflictNotice message={apiErrorMessage(update.error)} onReload={reloadLatest} />
        ) : (
          <ApiErrorNotice error={update.error} />
        ))}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={!dirty || update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
        {dirty && (
          <button
            type="button"
            onClick={() => {
              setDraft(draftOf(seen));
              setErrors({});
            }}
          >
            Discard changes
          </button>
        )}
        <span role="status" className="muted">
          {saved && !dirty ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
