import { useClerk } from '@clerk/react';
import { useEffect, useState } from 'react';

/**
 * How long Clerk may take to load before the SPA says it could not. Clerk itself gives its
 * script 15 s before its status turns to `error`, and a made-up key or a blocked script
 * fails long before that; loading in under 10 s is normal even on a slow connection.
 */
export const CLERK_LOAD_DEADLINE_MS = 10_000;

/**
 * True once Clerk has failed to load (its status is `error`), or is still loading past the
 * deadline. Without this the app waits on "Checking your session…" forever, since Clerk's
 * `useAuth()` never becomes loaded, and only the console says `failed_to_load_clerk_js`.
 * A Clerk that loads late after all turns this back to false.
 */
export function useClerkLoadFailed(): boolean {
  const { status } = useClerk();
  const [pastDeadline, setPastDeadline] = useState(false);
  useEffect(() => {
    if (status !== 'loading') return;
    const timer = setTimeout(() => setPastDeadline(true), CLERK_LOAD_DEADLINE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  return status === 'error' || (status === 'loading' && pastDeadline);
}
