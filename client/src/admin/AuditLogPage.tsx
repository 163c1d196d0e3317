import { useInfiniteQuery } from '@tanstack/react-query';
import { AUDIT_ACTIONS, type AuditAction } from '@tasklane/shared/admin';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useMemberName } from '../org/use-org-members.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { FormField } from '../ui/FormField.tsx';
import { formatDateTime } from '../ui/format-date-time.ts';
import { Loading } from '../ui/Loading.tsx';
import { AUDIT_ACTION_LABELS, auditActionLabel, auditDetails } from './audit-labels.ts';

const PAGE_SIZE = 25;

/** Who did what, newest first, one page at a time; the server refuses non-admins. */
export function AuditLogPage() {
  const trpc = useTRPC();
  const memberName = useMemberName();
  const [action, setAction] = useState<AuditAction | ''>('');
  const log = useInfiniteQuery(
    trpc.admin.auditLog.infiniteQueryOptions(
      { limit: PAGE_SIZE, ...(action ? { action } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="card" aria-labelledby="audit-title">
      <div className="section-header">
        <h2 id="audit-title">Audit log</h2>
        <FormField label="Action">
          {(control) => (
            <select
              {...control}
              value={action}
              onChange={(event) => setAction(event.target.value as AuditAction | '')}
            >
              <option value="">All actions</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {AUDIT_ACTION_LABELS[a]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {log.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : log.isError && entries.length === 0 ? (
        <ApiErrorNotice error={log.error} onRetry={() => log.refetch()} />
      ) : entries.length === 0 ? (
        <p className="empty">{action ? 'No entries for this action.' : 'Nothing recorded yet.'}</p>
      ) : (
        <div className="table-scroll">
          <table className="audit-table">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                  </td>
                  <td>{memberName(entry.actorId)}</td>
                  <td>{auditActionLabel(entry.action)}</td>
                  <td>{auditDetails(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.isError && entries.length > 0 && (
        <ApiErrorNotice error={log.error} onRetry={() => log.fetchNextPage()} />
      )}
      {log.hasNextPage && (
        <button type="button" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
