import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet } from 'react-router';
import { useTRPC } from '../api/trpc.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';

/**
 * Organization administration. The page asks the server (`org.adminCheck`) instead of
 * trusting the role the client knows: a member who types /admin (or /admin/audit) sees the
 * server's refusal. Each admin screen's own query is refused by the server as well.
 */
export function AdminPage() {
  const trpc = useTRPC();
  const adminCheck = useQuery(trpc.org.adminCheck.queryOptions());
  const org = useQuery(trpc.org.current.queryOptions());
  return (
    <>
      <h1 id="admin-title">Administration</h1>
      {adminCheck.isPending && <Loading label="Checking your access…" />}
      {adminCheck.isError && (
        <ApiErrorNotice error={adminCheck.error} onRetry={() => adminCheck.refetch()} />
      )}
      {adminCheck.isSuccess && (
        <>
          <p className="notice notice-success">
            Confirmed by the server: you administer{' '}
            {org.data?.orgName ?? <code>{adminCheck.data.orgId}</code>}.
          </p>
          <nav aria-label="Administration" className="subnav">
            <NavLink to="/admin" end>
              Overview
            </NavLink>
            <NavLink to="/admin/audit">Audit log</NavLink>
            <NavLink to="/admin/settings">Settings</NavLink>
          </nav>
          <Outlet />
        </>
      )}
    </>
  );
}

/** `/admin` itself: what the admin screens are for. */
export function AdminOverview() {
  return (
    <section className="card">
      <h2>What you can do here</h2>
      <ul>
        <li>
          <NavLink to="/admin/audit">Audit log</NavLink>: archived, restored and deleted projects,
          deletions of other people's tasks and comments, settings changes.
        </li>
        <li>
          <NavLink to="/admin/settings">Settings</NavLink>: the task key prefix and the default due
          date of new tasks.
        </li>
        <li>Archive, restore and delete projects from the Projects page.</li>
      </ul>
    </section>
  );
}
