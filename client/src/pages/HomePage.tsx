import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';
import { useAppAuth } from '../auth/app-auth.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { permissionLabel } from '../ui/permission-label.ts';
import { roleLabel } from '../ui/role-label.ts';

/**
 * The signed-in home: who the *server* says you are, your active organization and your
 * role in it. The board (projects and tasks) will be added here once the API has it.
 */
export function HomePage() {
  const trpc = useTRPC();
  const { orgId } = useAppAuth();
  const whoami = useQuery(trpc.me.whoami.queryOptions());
  const org = useQuery({ ...trpc.org.current.queryOptions(), enabled: orgId !== null });

  return (
    <>
      <h1>Home</h1>
      <section className="card" aria-labelledby="you-title">
        <h2 id="you-title">You</h2>
        {whoami.isPending && <Loading label="Loading your account…" />}
        {whoami.isError && <ApiErrorNotice error={whoami.error} onRetry={() => whoami.refetch()} />}
        {whoami.isSuccess && (
          <dl className="facts">
            <dt>Signed in as</dt>
            <dd>
              <code>{whoami.data.userId ?? 'nobody'}</code>
            </dd>
          </dl>
        )}
      </section>

      <section className="card" aria-labelledby="org-title">
        <h2 id="org-title">Your organization</h2>
        {orgId === null ? (
          <p className="empty">
            You have no active organization. Choose one with the Organization switcher at the top of
            the page; if you are in none, ask an organization admin to invite you.
          </p>
        ) : org.isPending ? (
          <Loading label="Loading your organization…" />
        ) : org.isError ? (
          <ApiErrorNotice error={org.error} onRetry={() => org.refetch()} />
        ) : (
          <>
            <dl className="facts">
              <dt>Active organization</dt>
              <dd>
                {org.data.orgSlug ?? org.data.orgId} <code>{org.data.orgId}</code>
              </dd>
              <dt>Your role</dt>
              <dd>{roleLabel(org.data.orgRole)}</dd>
            </dl>
            <h3>What you can do here</h3>
            {org.data.orgPermissions.length === 0 ? (
              <p className="empty">Your role grants no permissions in this organization.</p>
            ) : (
              <ul>
                {org.data.orgPermissions.map((permission) => (
                  <li key={permission}>{permissionLabel(permission)}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </>
  );
}
