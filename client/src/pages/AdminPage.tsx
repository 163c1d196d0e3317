import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';

/**
 * Organization administration. The page asks the server (`org.adminCheck`) instead of
 * trusting the role the client knows: a member who types /admin sees the server's refusal.
 */
export function AdminPage() {
  const trpc = useTRPC();
  const adminCheck = useQuery(trpc.org.adminCheck.queryOptions());
  return (
    <section className="card" aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      {adminCheck.isPending && <Loading label="Checking your access…" />}
      {adminCheck.isError && (
        <ApiErrorNotice error={adminCheck.error} onRetry={() => adminCheck.refetch()} />
      )}
      {adminCheck.isSuccess && (
        <>
          <p className="notice notice-success">
            Confirmed by the server: you administer organization{' '}
            <code>{adminCheck.data.orgId}</code>.
          </p>
          <p className="muted">
            The audit log and organization settings will be managed from this page.
          </p>
        </>
      )}
    </section>
  );
}
