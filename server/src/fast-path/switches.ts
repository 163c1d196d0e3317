/**
 * The app's speed-ups, each on by default and each measured in docs/performance.md. The
 * benchmark turns them off one at a time to measure their share; every one of them can
 * be off and the app still answers the same (tests run both ways where it matters).
 */
export interface FastPath {
  /** Clerk's verdict on an accepted token is kept until its `exp` (verified-token-cache.ts). */
  verdictCache: boolean;
  /** `req.auth` Clerk built for a known token is handed to the next request (clerk-auth-reuse.ts). */
  authReuse: boolean;
  /** The signed-out `req.auth` of a request without credentials is reused (signed-out-auth.ts). */
  signedOutReuse: boolean;
  /** tRPC's fetch adapter on hono's listener instead of tRPC's Express adapter (web-listener.ts). */
  fetchAdapter: boolean;
}

export const FAST_PATH_ON: FastPath = {
  verdictCache: true,
  authReuse: true,
  signedOutReuse: true,
  fetchAdapter: true,
};
