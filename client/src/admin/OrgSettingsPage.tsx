import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type OrgSettings, orgSettingsSchema } from '@tasklane/shared/admin';
import { type FormEvent, useEffect, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { fieldsDraft, useFormDraft } from '../drafts/use-form-draft.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { FormField } from '../ui/FormField.tsx';
import { type FieldErrors, validateForm } from '../ui/form-errors.ts';
import { Loading } from '../ui/Loading.tsx';

/** The organization's settings; the form appears once the server has sent them. */
export function OrgSettingsPage() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Organization settings</h2>
      {settings.isPending ? (
        <Loading label="Loading settings…" />
      ) : settings.isError ? (
        <ApiErrorNotice error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <OrgSettingsForm settings={settings.data} />
      )}
    </section>
  );
}

const parseDraft = fieldsDraft('prefix', 'dueDays');

function OrgSettingsForm(props: { settings: OrgSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const savedPrefix = props.settings.taskKeyPrefix;
  const savedDueDays = props.settings.defaultDueInDays?.toString() ?? '';
  const draft = useFormDraft('org-settings', parseDraft);
  const [prefix, setPrefix] = useState(() => draft.restored?.prefix ?? savedPrefix);
  const [dueDays, setDueDays] = useState(() => draft.restored?.dueDays ?? savedDueDays);
  // Once saved, the settings match the form again and the draft is dropped.
  useEffect(
    () =>
      draft.keep(
        prefix === savedPrefix && dueDays === savedDueDays ? undefined : { prefix, dueDays },
      ),
    [draft, prefix, dueDays, savedPrefix, savedDueDays],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.admin.settings.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.admin.settings.get.queryKey(), next);
        // The form shows what the server keeps (`07` is saved as 7), so no draft is left.
        setPrefix(next.taskKeyPrefix);
        setDueDays(next.defaultDueInDays?.toString() ?? '');
        // Task keys everywhere use the prefix; the change is audited.
        void queryClient.invalidateQueries(trpc.org.current.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter());
        setSaved(true);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const days = dueDays.trim();
    const input = validateForm(
      orgSettingsSchema,
      {
        taskKeyPrefix: prefix,
        // Empty means "no default"; anything else must be a whole number of days.
        defaultDueInDays: days === '' ? null : Number(days),
      },
      setErrors,
    );
    if (!input) return;
    update.mutate(input);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormField
        label="Task key prefix"
        error={errors.taskKeyPrefix}
        hint="Tasks show as PREFIX-12. 2 to 6 capital letters."
      >
        {(control) => (
          <input
            {...control}
            value={prefix}
            maxLength={6}
            autoComplete="off"
            onChange={(event) => setPrefix(event.target.value.toUpperCase())}
          />
        )}
      </FormField>
      <FormField
        label="Default due in (days)"
        error={errors.defaultDueInDays}
        hint="New tasks without a due date get one this many days ahead. Empty: none."
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            value={dueDays}
            onChange={(event) => setDueDays(event.target.value)}
          />
        )}
      </FormField>
      {update.isError && <ApiErrorNotice error={update.error} />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save settings'}
        </button>
        <span role="status" className="muted">
          {saved ? 'Settings saved.' : ''}
        </span>
      </div>
    </form>
  );
}
