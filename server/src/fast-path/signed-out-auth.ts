import type { IncomingMessage } from 'node:http';
import type { ClerkAuthHandler } from './clerk-auth-reuse.ts';
import type { ClerkAuthObject } from './verified-token-cache.ts';

/** What the memo looks at: a Node request, or the same two fields from a web request. */
export type CredentialCarrier = Pick<IncomingMessage, 'headers' | 'url'>;

/**
 * Clerk's own query parameters (handshake, dev browser, satellite sync): with one of these,
 * a request can carry a session, so it always goes to Clerk. Matched anywhere in the query,
 * and so is an encoded underscore (`%5F`), which could spell one.
 */
const CLERK_QUERY_PARAMETER = /__clerk|%5f/i;

function queryOf(url: string | undefined): string {
  const start = url?.indexOf('?') ?? -1;
  return start === -1 || !url ? '' : url.slice(start);
}

/**
 * A request with nothing Clerk could authenticate: no `Authorization` header, no cookie
 * (the API drops cookies before Clerk runs: api-auth.ts) and no Clerk query parameter.
 */
export function carriesNoCredentials(req: CredentialCarrier): boolean {
  return (
    req.headers.authorization === undefined &&
    req.headers.cookie === undefined &&
    !CLERK_QUERY_PARAMETER.test(queryOf(req.url))
  );
}

/** Fastify's `request.auth`, or `authenticateRequest()`'s auth object, signed out. */
export function isSignedOutAuthObject(auth: unknown): auth is ClerkAuthObject {
  const candidate = auth as Partial<ClerkAuthObject> | null | undefined;
  return candidate?.isAuthenticated === false && candidate.tokenType === 'session_token';
}

/** Express: `req.auth` as `clerkMiddleware()` builds it, a function returning the auth object. */
export function isSignedOutHandler(auth: unknown): auth is ClerkAuthHandler {
  return typeof auth === 'function' && (auth as ClerkAuthHandler)().isAuthenticated === false;
}

/**
 * Remembers the signed-out auth Clerk built for a request without credentials (with
 * `isSignedOutHandler`, Express's `req.auth`; with `isSignedOutAuthObject`, the auth object
 * of Fastify's plugin or of the fetch host's `authenticateRequest()`), for the next ones (see clerk-auth-reuse.ts,
 * hosts/fastify/cached-clerk-plugin.ts, hosts/fetch/fetch-api-auth.ts).
 *
 * Why: a request with no token cost Clerk's full plumbing every time (two web `Request`
 * objects, the cookie-suffix digest, ~50 `process.env` reads), half again as much CPU as a
 * signed-in request served from the verified-token cache. Signed-out traffic is also the
 * cheapest to send in bulk.
 *
 * Why it is safe: without credentials Clerk has nothing to verify, and its answer to an API
 * request (`Sec-Fetch-Dest: empty`, so never a handshake) is "signed out", whatever the path,
 * method or other headers. `clerk-auth-reuse.test.ts` checks that premise against Clerk
 * itself on every run. Only a signed-out result is ever kept, and only for requests that
 * carry no credentials: any `Authorization` header, valid or not, still goes to Clerk.
 * The memo can only ever answer "signed out": at worst it signs out a request Clerk would
 * have looked at more closely, never the other way round.
 */
export function createSignedOutAuthMemo<Auth>(isSignedOut: (auth: unknown) => auth is Auth) {
  let signedOut: Auth | undefined;
  return {
    /** Clerk's signed-out auth, if this request carries no credentials and one is kept. */
    authFor(req: CredentialCarrier): Auth | undefined {
      return signedOut !== undefined && carriesNoCredentials(req) ? signedOut : undefined;
    },

    /** Keeps the auth Clerk built for this request, if it has no credentials and is signed out. */
    keep(req: CredentialCarrier, auth: unknown) {
      if (signedOut !== undefined || !carriesNoCredentials(req) || !isSignedOut(auth)) return;
      signedOut = auth;
    },
  };
}

export type SignedOutAuthMemo<Auth = ClerkAuthHandler> = ReturnType<
  typeof createSignedOutAuthMemo<Auth>
>;
