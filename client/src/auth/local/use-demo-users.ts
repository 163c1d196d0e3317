import type { LocalUser } from '@tasklane/shared';
import { useCallback, useEffect, useState } from 'react';
import { useLocalSessionStore } from './local-store-context.ts';

export type DemoUsersState =
  | { status: 'loading' }
  | { status: 'error'; retry: () => void }
  | { status: 'ready'; users: LocalUser[] };

/** The demo users and their memberships (GET /auth/local/users), fetched once per store. */
export function useDemoUsers(): DemoUsersState {
  const store = useLocalSessionStore();
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const [state, setState] = useState<DemoUsersState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    // `attempt` re-runs this effect when the user asks to retry.
    void attempt;
    setState({ status: 'loading' });
    store.users().then(
      (users) => live && setState({ status: 'ready', users }),
      () => live && setState({ status: 'error', retry }),
    );
    return () => {
      live = false;
    };
  }, [store, attempt, retry]);
  return state;
}
