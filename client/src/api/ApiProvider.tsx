import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAppAuth } from '../auth/app-auth.ts';
import { SIGN_IN_PATH, signInPathFor } from '../auth/return-path.ts';
import { ConnectivityContext, ConnectivityStore } from './connectivity.ts';
import { createQueryClient } from './create-query-client.ts';
import { createTrpcClient } from './create-trpc-client.ts';
import { TRPCProvider } from './trpc.ts';

/**
 * The tRPC client and React Query, wired to the app's auth and router:
 * - every request asks the *current* `getToken` (through a ref: the clients are created
 *   once, while `getToken` changes when Clerk finishes loading);
 * - a 401 sends the user to sign in, remembering where they were;
 * - cached data belongs to one user in one organization and is dropped when either changes.
 */
export function ApiProvider(props: {
  children: ReactNode;
  retryDelay?: (failureCount: number) => number;
}) {
  const auth = useAppAuth();
  const navigate = useNavigate();
  const location = useLocation();

  const getTokenRef = useRef(auth.getToken);
  useLayoutEffect(() => {
    getTokenRef.current = auth.getToken;
  }, [auth.getToken]);

  const currentPathRef = useRef('/');
  useLayoutEffect(() => {
    currentPathRef.current = location.pathname + location.search + location.hash;
  }, [location]);

  const [connectivity] = useState(() => new ConnectivityStore());
  const [queryClient] = useState(() =>
    createQueryClient({
      retryDelay: props.retryDelay,
      onUnauthorized: () => {
        const here = currentPathRef.current;
        if (here.startsWith(SIGN_IN_PATH)) return;
        navigate(signInPathFor(here));
      },
    }),
  );
  const [trpcClient] = useState(() =>
    createTrpcClient({ getToken: () => getTokenRef.current(), fetch: connectivity.fetch }),
  );

  useResetOnIdentityChange(
    queryClient,
    auth.isLoaded ? `${auth.userId ?? ''}|${auth.orgId ?? ''}` : null,
  );

  return (
    <ConnectivityContext value={connectivity}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {props.children}
        </TRPCProvider>
      </QueryClientProvider>
    </ConnectivityContext>
  );
}

/**
 * Another user or organization: what is cached was fetched for someone else. `null` means
 * auth is still loading; the first known identity is the baseline, not a change.
 */
function useResetOnIdentityChange(
  queryClient: ReturnType<typeof createQueryClient>,
  identity: string | null,
) {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (identity === null) return;
    const before = previous.current;
    previous.current = identity;
    if (before !== null && before !== identity) void queryClient.resetQueries();
  }, [queryClient, identity]);
}
