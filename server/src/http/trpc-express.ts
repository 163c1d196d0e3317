import { getAuth } from '@clerk/express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { appRouter } from '../routers/_app.ts';
import { type ContextDeps, createContextInner } from '../trpc.ts';
import { MAX_BATCH_SIZE } from '../web/trpc-options.ts';

// Shared by every host (web/trpc-options.ts); re-exported for existing importers.
export { MAX_BATCH_SIZE };

/** tRPC over Express: the context is Clerk's `getAuth(req)` plus the app's dependencies. */
export function trpcExpressMiddleware(deps: ContextDeps, options: { maxBodyBytes: number }) {
  return createExpressMiddleware({
    router: appRouter,
    createContext: ({ req }) => createContextInner({ auth: getAuth(req), deps }),
    maxBatchSize: MAX_BATCH_SIZE,
    maxBodySize: options.maxBodyBytes,
    // A request tRPC cannot even parse (e.g. a batch over the limit) gets a JSON error body
    // but no content type from tRPC; say it is JSON like every other answer.
    responseMeta: ({ info }) => (info ? {} : { headers: { 'content-type': 'application/json' } }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`tRPC ${path ?? '<no path>'} failed:`, error.cause ?? error);
      }
    },
  });
}
