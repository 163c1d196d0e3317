import type { ExpressRequestWithAuth } from '@clerk/express';
import type { RequestHandler } from 'express';
import type { SignedOutAuthMemo } from './signed-out-auth.ts';
import type { VerifiedTokenCache } from './verified-token-cache.ts';

/**
 * Runs `clerkMiddleware()` so that a request bearing a token it already accepted gets
 * Clerk's own `req.auth` from that earlier request; with `signedOut`, so does a request
 * without any credentials (signed-out-auth.ts).
 *
 * Why: with the verdict cached, what is left of Clerk's cost per request is its plumbing
 * (two web `Request` objects, each with an AbortSignal, and ~50 `process.env` reads),
 * about as much as the rest of a tRPC request. Clerk does none of it for a request that
 * already carries its `req.auth` (the case of `clerkMiddleware()` mounted twice).
 *
 * - `clerkMiddleware()` always runs and `getAuth(req)` reads what it left: nothing here
 *   builds or checks an auth object. Should Clerk stop skipping requests that carry its
 *   `req.auth`, it authenticates them again (through the cached client) and overwrites it.
 * - `req.auth` is only reused for the exact `Authorization` header it was built for, while
 *   the cache holds that token as signed in and before its `exp` (verified-token-cache.ts).
 * - `cache` must be the one wrapping the client of this very `clerkMiddleware()`.
 */
export function reuseClerkAuth(
  clerk: RequestHandler,
  cache: VerifiedTokenCache,
  signedOut?: SignedOutAuthMemo,
): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    const remembered = cache.handlerFor(header) ?? signedOut?.authFor(req);
    if (remembered) (req as ExpressRequestWithAuth).auth = remembered;
    clerk(req, res, (error?: unknown) => {
      if (!error && !remembered) {
        const built = (req as ExpressRequestWithAuth).auth;
        cache.keepHandler(header, built);
        signedOut?.keep(req, built);
      }
      next(error);
    });
  };
}
