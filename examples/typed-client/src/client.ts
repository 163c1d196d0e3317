import type { AppRouter } from '@tasklane/api-types';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

/**
 * A typed client for the Tasklane API at `baseUrl` (e.g. http://127.0.0.1:3000).
 * `getToken` is asked before each request; without a token the caller is signed out.
 */
export function createTasklaneClient(
  baseUrl: string,
  getToken: () => Promise<string | null> = async () => null,
) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${baseUrl}/trpc`,
        async headers() {
          const token = await getToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

/**
 * Local auth mode only (a server started without Clerk keys): signs in as a demo user and
 * returns a `getToken` that mints a fresh session token from the session cookie, as the
 * SPA does (tokens live 60 s). With Clerk, get the token from Clerk's SDK instead.
 */
export async function signInLocally(baseUrl: string, userId: string) {
  const signIn = await fetch(`${baseUrl}/auth/local/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
  if (!signIn.ok || !cookie) throw new Error(`Sign-in as ${userId}: HTTP ${signIn.status}`);

  return async (): Promise<string> => {
    const response = await fetch(`${baseUrl}/auth/local/token`, {
      method: 'POST',
      headers: { cookie },
    });
    if (!response.ok) throw new Error(`Session token: HTTP ${response.status}`);
    const session = (await response.json()) as { token: string };
    return session.token;
  };
}
