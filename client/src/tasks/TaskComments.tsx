import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { commentAddInput } from '@tasklane/shared/comments';
import { type FormEvent, useEffect, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useAppAuth } from '../auth/app-auth.ts';
import { textDraft, useFormDraft } from '../drafts/use-form-draft.ts';
import { useIsOrgAdmin } from '../org/use-is-org-admin.ts';
import { useMemberName } from '../org/use-org-members.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { FormField } from '../ui/FormField.tsx';
import { type FieldErrors, validateForm } from '../ui/form-errors.ts';
import { formatDateTime } from '../ui/format-date-time.ts';
import { Loading } from '../ui/Loading.tsx';

/** A task's discussion: read, add, and delete your own (admins: anyone's). */
export function TaskComments(props: { taskId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { userId } = useAppAuth();
  const isAdmin = useIsOrgAdmin();
  const memberName = useMemberName();
  const listKey = trpc.comments.list.queryKey({ taskId: props.taskId });
  const comments = useQuery(trpc.comments.list.queryOptions({ taskId: props.taskId }));
  const draft = useFormDraft('comment', textDraft);
  const [body, setBody] = useState(() => draft.restored ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  useEffect(() => draft.keep(body || undefined), [draft, body]);

  const add = useMutation(
    trpc.comments.add.mutationOptions({
      onSuccess: (comment) => {
        // Its board event may have added it already (live/apply-board-event.ts).
        queryClient.setQueryData(listKey, (list) =>
          list?.some((c) => c.id === comment.id) ? list : list && [...list, comment],
        );
      },
    }),
  );
  const remove = useMutation(
    trpc.comments.delete.mutationOptions({
      onSuccess: ({ id }) => {
        queryClient.setQueryData(listKey, (list) => list?.filter((comment) => comment.id !== id));
        // An admin deleting someone else's comment writes an audit entry.
        void queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter());
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = validateForm(commentAddInput, { taskId: props.taskId, body }, setErrors);
    if (!input) return;
    const sent = body;
    add.mutate(input, {
      // Cleared only if the user has not typed on while it was posting.
      onSuccess: () => setBody((current) => (current === sent ? '' : current)),
    });
  }

  return (
    <section className="card" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {comments.isPending ? (
        <Loading label="Loading comments…" />
      ) : comments.isError ? (
        <ApiErrorNotice error={comments.error} onRetry={() => comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ol className="comments">
          {comments.data.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="comment-meta">
                <strong>{memberName(comment.authorId)}</strong>{' '}
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
              </p>
              <p className="comment-body">{comment.body}</p>
              {(comment.authorId === userId || isAdmin) && (
                <button
                  type="button"
                  className="button-danger-quiet"
                  disabled={remove.isPending && remove.variables?.commentId === comment.id}
                  onClick={() => remove.mutate({ commentId: comment.id })}
                  aria-label={`Delete comment by ${memberName(comment.authorId)}`}
                >
                  Delete
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {remove.isError && <ApiErrorNotice error={remove.error} />}
      <form onSubmit={submit} className="stack" noValidate>
        <FormField label="Add a comment" error={errors.body}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={body}
              onChange={(event) => setBody(event.target.value)}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={add.isPending}>
            {add.isPending ? 'Posting…' : 'Post comment'}
          </button>
        </div>
        {add.isError && <ApiErrorNotice error={add.error} />}
      </form>
    </section>
  );
}
