import { useState } from 'react';
import { useNavigate } from 'react-router';
import { clearDrafts } from '../../drafts/draft-storage.ts';
import { useAppAuth } from '../app-auth.ts';
import { SIGN_IN_PATH } from '../return-path.ts';
import { useLocalSessionStore } from './local-store-context.ts';
import { useDemoUsers } from './use-demo-users.ts';

/** Who is signed in, and the sign-out button. */
export function LocalUserMenu() {
  const { userId } = useAppAuth();
  const store = useLocalSessionStore();
  const navigate = useNavigate();
  const demoUsers = useDemoUsers();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name =
    (demoUsers.status === 'ready' && demoUsers.users.find((u) => u.id === userId)?.name) || userId;

  async function signOut() {
    setPending(true);
    setError(null);
    try {
      await store.signOut();
      // Leaving on purpose: nothing typed stays behind in this tab for whoever comes next.
      clearDrafts();
      navigate(SIGN_IN_PATH, { replace: true });
    } catch (cause) {
      setError(`Sign-out failed: ${cause instanceof Error ? cause.message : String(cause)}`);
      setPending(false);
    }
  }

  return (
    <div className="user-menu">
      <span className="user-name">{name}</span>
      <button type="button" onClick={signOut} disabled={pending}>
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      {error && (
        <span role="alert" className="inline-error">
          {error}
        </span>
      )}
    </div>
  );
}
