import type { ExpressRequestWithAuth } from '@clerk/express';
import type { RequestHandler } from 'express';
import type { SignedOutAuthMemo } from './signed-out-auth.ts';
import type { VerifiedTokenCache } from './verified-token-cache.ts';

/** What `clerkMiddleware()` puts on `req.auth` and `getAuth(req)` calls. */
export type ClerkAuthHandler = ExpressRequestWithAuth['auth'];

/**
 * Runs `clerkMiddleware()` so that a request bearing a token it already accepted gets
 * Clerk's own `req.auth` from that earlier request; with `signedOut`, so does a request
 * without any credentials (signed-out-auth.ts).
 *
 * Why: with the verdict cached, what is left of Clerk's cost per request is its plumbing
 * (two web `Request` objects, each with an AbortSignal, and ~50 `process.env` reads),
 * about as much as the rest of a tRPC request. Clerk skips all of it for a request that
 * already carries its `req.auth` (the case of `clerkMiddleware()` mounted twice).
 *
 * That skip is undocumented: `clerk-auth-reuse.test.ts` has a canary that fails first if
 * Clerk changes it. Should Clerk stop skipping, it authenticates the request again (through
 * the cached client) and overwrites `req.auth`: slower, still correct.
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
    const remembered =
      (cache.attached(header) as ClerkAuthHandler | undefined) ?? signedOut?.authFor(req);
    if (remembered) (req as ExpressRequestWithAuth).auth = remembered;
    clerk(req, res, (error?: unknown) => {
      if (!error && !remembered) {
        const built = (req as ExpressRequestWithAuth).auth;
        // Kept only if Clerk built it from the cached verdict (it returns that very object).
        if (typeof built === 'function' && built() === cache.verifiedAuth(header)) {
          cache.attach(header, built);
        }
        signedOut?.keep(req, built);
      }
      next(error);
    });
  };
}
