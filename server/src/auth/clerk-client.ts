import { type ClerkClient, createClerkClient } from '@clerk/backend';
import { type TokenRefusalLog, tokenRefusalLog } from '../web/token-refusal-log.ts';
import type { AuthSetup } from './auth-setup.ts';

type AuthenticateRequest = ClerkClient['authenticateRequest'];
type RequestState = Awaited<ReturnType<AuthenticateRequest>>;

/** The claims the app stores (identity sync): PostgreSQL text cannot hold a NUL byte. */
const STORED_CLAIMS = ['userId', 'orgId', 'orgRole', 'orgSlug'] as const;

/**
 * Clerk's reasons for the refusals every client meets in ordinary use: a token that expired
 * (`session-token-expired-refresh-…`; `token-expired` for machine tokens), or no token.
 */
const ORDINARY_REFUSAL = /^(session-token-expired|token-expired|session-token-(and-uat-)?missing)/;

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

/** The token of the request's `Bearer` header, as Clerk's parser takes it. */
function tokenOf(request: Request): string | undefined {
  return request.headers.get('authorization')?.split(' ', 2)[1] || undefined;
}

/**
 * Clerk's reason for refusing the request's token, unless nothing needs saying: it was
 * accepted, there was none, or it expired. The token is cut out of Clerk's message (which
 * quotes claims, never the token today).
 */
function refusalReason(state: RequestState, request: Request): string | undefined {
  if (state.isAuthenticated) return undefined;
  const token = tokenOf(request);
  if (!token) return undefined;
  const reason = String(state.reason ?? '');
  if (ORDINARY_REFUSAL.test(reason)) return undefined;
  const said = state.message || reason || 'no reason given';
  return said.split(token).join('<token>');
}

/**
 * Clerk's backend client for the auth setup (networkless with `jwtKey`). A validly signed
 * token whose claims cannot be used (see claimsUsable) is treated as no token at all: a
 * 401, never a 500 from every `getAuth(req)` or database write that follows. Every host
 * verifies through this client, so each refusal is reported here once (`log`, Clerk mode).
 */
export function clerkClientFor(
  setup: AuthSetup,
  log: TokenRefusalLog = tokenRefusalLog(setup.mode),
): ClerkClient {
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
    if (claimsUsable(state)) {
      const reason = refusalReason(state, request);
      if (reason !== undefined) log(reason);
      return state;
    }
    log('claims Clerk cannot read, or a NUL byte in a claim the database stores');
    const headers = new Headers(request.headers);
    headers.delete('authorization');
    return verify(new Request(request.url, { method: request.method, headers }), options);
  };
  return { ...client, authenticateRequest: authenticateRequest as AuthenticateRequest };
}
