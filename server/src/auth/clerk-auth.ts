import { type ClerkClient, clerkMiddleware } from '@clerk/express';
import type { RequestHandler } from 'express';
import { reuseClerkAuth } from '../fast-path/clerk-auth-reuse.ts';
import { createSignedOutAuthMemo, isSignedOutHandler } from '../fast-path/signed-out-auth.ts';
import { FAST_PATH_ON, type FastPath } from '../fast-path/switches.ts';
import { createVerifiedTokenCache } from '../fast-path/verified-token-cache.ts';
import { apiAuthorization } from '../web/bearer-authorization.ts';
import { type TokenRefusalLog, tokenRefusalLog } from '../web/token-refusal-log.ts';
import type { AuthSetup } from './auth-setup.ts';
import { clerkClientFor } from './clerk-client.ts';

/** Headers Clerk adds to signed-out answers; the message names the authorized parties. */
const CLERK_DEBUG_HEADERS = ['x-clerk-auth-status', 'x-clerk-auth-reason', 'x-clerk-auth-message'];

/**
 * The API authenticates with `Authorization: Bearer <session token>` only.
 * - Any other `Authorization` (a bare token, another scheme) is removed and reported: the
 *   request is signed out. A Bearer header reaches Clerk and the verified-token cache as
 *   `Bearer <token>`, whatever the case of its scheme (web/bearer-authorization.ts).
 * - Cookies are dropped: a token in a cookie would make the API CSRF-prone, and Clerk's
 *   cookie path can call Clerk's cloud to refresh an expired session.
 * - `Sec-Fetch-Dest: empty` marks every API request as a fetch, never a page navigation,
 *   so Clerk never answers an API call with its 307 handshake redirect.
 */
function bearerOnly(log: TokenRefusalLog): RequestHandler {
  return (req, _res, next) => {
    const authorization = apiAuthorization(req.headers.authorization, log);
    if (authorization === undefined) delete req.headers.authorization;
    else req.headers.authorization = authorization;
    delete req.headers.cookie;
    req.headers['sec-fetch-dest'] = 'empty';
    next();
  };
}

/** Outside development, keep Clerk's reasons in the server, not in responses. */
const stripClerkDebugHeaders: RequestHandler = (_req, res, next) => {
  for (const header of CLERK_DEBUG_HEADERS) res.removeHeader(header);
  next();
};

/** `clerkMiddleware()` with the API's networkless options (`jwtKey`), verifying through `clerkClient`. */
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

/**
 * The API's authentication: Clerk's `clerkMiddleware()` behind the Bearer-only guard, after
 * which `getAuth(req)` is Clerk's verdict. The fast path (docs/performance.md) keeps Clerk's
 * verdict on a token until its `exp` and reuses the `req.auth` Clerk built for it.
 */
export function clerkAuth(
  setup: AuthSetup,
  options: { debugHeaders: boolean; fastPath?: FastPath },
): RequestHandler[] {
  const fast = options.fastPath ?? FAST_PATH_ON;
  const log = tokenRefusalLog(setup.mode);
  const cache = fast.verdictCache ? createVerifiedTokenCache() : undefined;
  const plainClient = clerkClientFor(setup, log);
  const clerk = apiClerkMiddleware(setup, cache ? cache.wrap(plainClient) : plainClient);
  // In development every signed-out request goes to Clerk, which explains its verdict in
  // `x-clerk-auth-*` response headers.
  const signedOut =
    fast.signedOutReuse && !options.debugHeaders
      ? createSignedOutAuthMemo(isSignedOutHandler)
      : undefined;
  const handlers = [
    bearerOnly(log),
    cache && fast.authReuse ? reuseClerkAuth(clerk, cache, signedOut) : clerk,
  ];
  if (!options.debugHeaders) handlers.push(stripClerkDebugHeaders);
  return handlers;
}
