import { type ClerkClient, createClerkClient } from '@clerk/backend';
import type { AuthSetup } from './auth-setup.ts';

type AuthenticateRequest = ClerkClient['authenticateRequest'];
type RequestState = Awaited<ReturnType<AuthenticateRequest>>;

/** The claims the app stores (identity sync): PostgreSQL text cannot hold a NUL byte. */
const STORED_CLAIMS = ['userId', 'orgId', 'orgRole', 'orgSlug'] as const;

/**
 * Whether verified claims can be used at all: Clerk can read them (a malformed `fea`,
 * `o.per` or `o.fpm` makes `toAuth()` throw), and the ones the app stores hold no NUL.
 */
function claimsUsable(state: RequestState): boolean {
  let auth: ReturnType<RequestState['toAuth']>;
  try {
    auth = state.toAuth();
  } catch {
    return false;
  }
  const claims = (auth ?? {}) as Partial<Record<(typeof STORED_CLAIMS)[number], unknown>>;
  return STORED_CLAIMS.every((name) => {
    const value = claims[name];
    return typeof value !== 'string' || !value.includes('\u0000');
  });
}

/**
 * Clerk's backend client for the auth setup (networkless with `jwtKey`). A validly signed
 * token whose claims cannot be used (see claimsUsable) is treated as no token at all: a
 * 401, never a 500 from every `getAuth(req)` or database write that follows.
 */
export function clerkClientFor(setup: AuthSetup): ClerkClient {
  const client = createClerkClient({
    publishableKey: setup.publishableKey,
    secretKey: setup.secretKey,
    jwtKey: setup.jwtKey,
  });
  const verify = client.authenticateRequest.bind(client) as (
    request: Request,
    options: Parameters<AuthenticateRequest>[1],
  ) => Promise<RequestState>;
  const authenticateRequest = async (
    request: Request,
    options: Parameters<AuthenticateRequest>[1],
  ) => {
    const state = await verify(request, options);
    if (claimsUsable(state)) return state;
    const headers = new Headers(request.headers);
    headers.delete('authorization');
    return verify(new Request(request.url, { method: request.method, headers }), options);
  };
  return { ...client, authenticateRequest: authenticateRequest as AuthenticateRequest };
}
