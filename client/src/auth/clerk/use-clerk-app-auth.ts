import { useAuth } from '@clerk/react';
import { useCallback, useMemo } from 'react';
import type { AppAuth } from '../app-auth.ts';

/**
 * Clerk's `useAuth()` as the app's `AppAuth`.
 *
 * While Clerk is not loaded (its script still coming from Clerk's servers, or never, when
 * they are unreachable) Clerk's `getToken()` does not settle. A public query awaiting it
 * would hang, so until Clerk is loaded `getToken()` resolves to null at once and requests
 * go out signed out.
 */
export function useClerkAppAuth(): AppAuth {
  const clerk = useAuth();
  const { isLoaded, getToken: clerkGetToken } = clerk;

  const getToken = useCallback(
    async () => (isLoaded ? clerkGetToken() : null),
    [isLoaded, clerkGetToken],
  );

  const isSignedIn = clerk.isSignedIn === true;
  const userId = clerk.userId ?? null;
  const orgId = clerk.orgId ?? null;
  const orgRole = clerk.orgRole ?? null;
  // A stable object, so consumers re-render only when the auth state really changes.
  return useMemo(
    () => ({ isLoaded, isSignedIn, userId, orgId, orgRole, getToken }),
    [isLoaded, isSignedIn, userId, orgId, orgRole, getToken],
  );
}
