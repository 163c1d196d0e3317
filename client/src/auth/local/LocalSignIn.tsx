import { useState } from 'react';
import { useNavigate } from 'react-router';
import { roleLabel } from '../../ui/role-label.ts';
import { useLocalSessionStore } from './local-store-context.ts';
import { useDemoUsers } from './use-demo-users.ts';

/** Local mode's sign-in page: pick one of the server's demo users. */
export function LocalSignIn({ returnTo }: { returnTo: string }) {
  const store = useLocalSessionStore();
  const navigate = useNavigate();
  const demoUsers = useDemoUsers();
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function signInAs(userId: string) {
    setPendingUserId(userId);
    setError(null);
    try {
      await store.signIn(userId);
      navigate(returnTo, { replace: true });
    } catch (cause) {
      setError(`Sign-in failed: ${cause instanceof Error ? cause.message : String(cause)}`);
      setPendingUserId(null);
    }
  }

  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Tasklane</h1>
      <p className="muted">Local auth mode: choose a demo user. No password needed.</p>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      {demoUsers.status === 'loading' && <p role="status">Loading demo users…</p>}
      {demoUsers.status === 'error' && (
        <p role="alert" className="notice notice-error">
          Couldn't load the demo users.{' '}
          <button type="button" onClick={demoUsers.retry}>
            Try again
          </button>
        </p>
      )}
      {demoUsers.status === 'ready' && (
        <ul className="demo-users">
          {demoUsers.users.map((user) => (
            <li key={user.id} className="demo-user">
              <div>
                <p className="demo-user-name">{user.name}</p>
                <p className="muted">{user.email}</p>
                <p>
                  {user.memberships.length === 0
                    ? 'No organization'
                    : user.memberships
                        .map((m) => `${roleLabel(m.role)} of ${m.orgName}`)
                        .join(', ')}
                </p>
              </div>
              <button
                type="button"
                className="button-primary"
                disabled={pendingUserId !== null}
                onClick={() => signInAs(user.id)}
              >
                {pendingUserId === user.id ? 'Signing in…' : `Sign in as ${user.name}`}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
