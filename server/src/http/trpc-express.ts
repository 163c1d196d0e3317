import { signedOutAuthObject } from '@clerk/backend/internal';
import { getAuth, type SessionAuthObject } from '@clerk/express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { Request } from 'express';
import { appRouter } from '../routers/_app.ts';
import { type ContextDeps, createContextInner } from '../trpc.ts';

/** The client's batch link must use the same or a lower limit. */
export const MAX_BATCH_SIZE = 10;

/**
 * `getAuth(req)`, signed out when Clerk cannot read the verified token's claims. Clerk
 * checks the signature first, then parses the v2 organization claims inside `getAuth`,
 * where a malformed `fea` or `o.per`/`o.fpm` throws: that token is refused (401), not a 500.
 */
export function authOf(req: Request): SessionAuthObject {
  try {
    return getAuth(req);
  } catch (error) {
    // No auth on the request means clerkMiddleware() did not run: a wiring bug, keep it loud.
    if (!('auth' in req)) throw error;
    console.warn('Session token refused, unreadable claims:', (error as Error).message);
    return signedOutAuthObject({ reason: 'malformed-session-claims' });
  }
}

/** tRPC over Express: the context is Clerk's `getAuth(req)` plus the app's dependencies. */
export function trpcExpressMiddleware(deps: ContextDeps) {
  return createExpressMiddleware({
    router: appRouter,
    createContext: ({ req }) => createContextInner({ auth: authOf(req), deps }),
    maxBatchSize: MAX_BATCH_SIZE,
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`tRPC ${path ?? '<no path>'} failed:`, error.cause ?? error);
      }
    },
  });
}
