import { type ClerkClient, clerkMiddleware } from '@clerk/express';
import type { RequestHandler } from 'express';
import type { AuthSetup } from './auth-setup.ts';
import { createCachedClerkClient } from './cached-clerk-client.ts';
import { reuseClerkAuth } from './clerk-auth-reuse.ts';
import { createSignedOutAuthMemo, isSignedOutHandler } from './signed-out-auth.ts';

/** Headers Clerk adds to signed-out answers; the message names the authorized parties. */
const CLERK_DEBUG_HEADERS = ['x-clerk-auth-status', 'x-clerk-auth-reason', 'x-clerk-auth-message'];

/**
 * The API authenticates with `Authorization: Bearer <session token>` only.
 * - Cookies are dropped: a token in a cookie would make the API CSRF-prone, and Clerk's
 *   cookie path can call Clerk's cloud to refresh an expired session.
 * - `Sec-Fetch-Dest: empty` marks every API request as a fetch, never a page navigation,
 *   so Clerk never answers an API call with its 307 handshake redirect.
 */
const bearerOnly: RequestHandler = (req, _res, next) => {
  delete req.headers.cookie;
  req.headers['sec-fetch-dest'] = 'empty';
  next();
};

/** Outside development, keep Clerk's reasons in the server, not in responses. */
const stripClerkDebugHeaders: RequestHandler = (_req, res, next) => {
  for (const header of CLERK_DEBUG_HEADERS) res.removeHeader(header);
  next();
};

/**
 * `clerkMiddleware()` configured for networkless verification, plus the two guards above.
 * A session token is sent with every call for up to a minute, and verifying it each time
 * cost most of the API's time: Clerk's verdict on an accepted token is remembered until
 * its `exp` (verified-token-cache.ts), and so is the `req.auth` it built (clerk-auth-reuse.ts).
 * Outside development, so is the signed-out `req.auth` of requests without credentials
 * (signed-out-auth.ts); in development every such request goes to Clerk, which explains
 * its verdict in `x-clerk-auth-*` response headers.
 */
export function apiAuthMiddleware(setup: AuthSetup, options: { debugHeaders: boolean }) {
  const { cache, clerkClient } = createCachedClerkClient(setup);
  const clerk = apiClerkMiddleware(setup, clerkClient);
  const signedOut = options.debugHeaders ? undefined : createSignedOutAuthMemo(isSignedOutHandler);
  const handlers: RequestHandler[] = [bearerOnly, reuseClerkAuth(clerk, cache, signedOut)];
  if (!options.debugHeaders) handlers.push(stripClerkDebugHeaders);
  return handlers;
}

/** `clerkMiddleware()` with the API's networkless options, verifying through `clerkClient`. */
export function apiClerkMiddleware(setup: AuthSetup, clerkClient: ClerkClient): RequestHandler {
  return clerkMiddleware({
    clerkClient,
    publishableKey: setup.publishableKey,
    secretKey: setup.secretKey,
    jwtKey: setup.jwtKey,
    issuer: setup.issuer,
    authorizedParties: setup.authorizedParties,
  });
}
