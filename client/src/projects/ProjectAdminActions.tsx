import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';
import type { Project } from '../tasks/task-types.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';

/** Archive/restore and delete: shown to admins only, and refused by the server to others. */
export function ProjectAdminActions(props: {
  project: Project;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { project } = props;
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.projects.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter());
  };
  const archive = useMutation(
    trpc.projects.archive.mutationOptions({
      onSuccess: (saved) => {
        refresh();
        props.onDone(`${saved.name} was ${saved.archivedAt ? 'archived' : 'restored'}.`);
      },
    }),
  );
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: () => {
        refresh();
        void queryClient.invalidateQueries(trpc.me.openTasks.pathFilter());
        props.onDone(`${project.name} was deleted.`);
      },
    }),
  );
  const archived = project.archivedAt !== null;
  // Each action clears the other's error when it starts: what shows is the last one's.
  const error = archive.error ?? remove.error;

  return (
    <>
      <button
        type="button"
        disabled={archive.isPending}
        onClick={() => {
          remove.reset();
          archive.mutate({ projectId: project.id, archived: !archived });
        }}
        aria-label={`${archived ? 'Restore' : 'Archive'} ${project.name}`}
      >
        {archive.isPending ? 'Saving…' : archived ? 'Restore' : 'Archive'}
      </button>
      <ConfirmButton
        label="Delete"
        accessibleLabel={`Delete ${project.name}`}
        question={`Delete ${project.name} with its ${project.openTaskCount} open tasks, all other tasks and comments?`}
        confirmLabel="Delete project"
        pending={remove.isPending}
        onConfirm={() => {
          archive.reset();
          remove.mutate({ projectId: project.id });
        }}
      />
      {error && <ApiErrorNotice error={error} />}
    </>
  );
}
