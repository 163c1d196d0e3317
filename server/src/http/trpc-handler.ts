import { getAuth } from '@clerk/express';
import { MAX_BATCH_SIZE } from '@tasklane/shared';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Request as ExpressRequest, RequestHandler } from 'express';
import { webListener } from '../fast-path/web-listener.ts';
import { appRouter } from '../routers/_app.ts';
import { type ContextDeps, createContextInner } from '../trpc.ts';
import { limitTrpcBody } from '../web/trpc-body-limit.ts';
import { logTrpcInternalError, trpcResponseMeta } from '../web/trpc-options.ts';

export interface TrpcHandlerOptions {
  maxBodyBytes: number;
  /**
   * `express`: tRPC's own Express adapter, the documented one-liner. `fetch` (default):
   * tRPC's fetch adapter on `@hono/node-server`'s listener, the same answers for about a
   * third of the CPU (docs/performance.md; `trpc-handler.test.ts` holds them to parity).
   */
  adapter?: 'fetch' | 'express';
}

/**
 * tRPC on Express, mounted at the API's path (`app.use('/trpc', …)`). The context is Clerk's
 * `getAuth(req)` on Express's request (set by `clerkMiddleware()` before this runs) plus the
 * app's dependencies: see `createContextInner` in trpc.ts.
 */
export function trpcHandler(deps: ContextDeps, options: TrpcHandlerOptions): RequestHandler {
  const createContext = (req: ExpressRequest) => createContextInner({ auth: getAuth(req), deps });
  if (options.adapter === 'express') {
    return createExpressMiddleware({
      router: appRouter,
      createContext: ({ req }) => createContext(req),
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: options.maxBodyBytes,
      responseMeta: trpcResponseMeta,
      onError: logTrpcInternalError,
    });
  }
  return webListener((request, incoming) =>
    fetchRequestHandler({
      router: appRouter,
      // The fetch adapter has no body limit of its own.
      req: limitTrpcBody(request, options.maxBodyBytes),
      // Express has already taken the mount path ('/trpc') off the URL.
      endpoint: '',
      createContext: () => createContext(incoming as ExpressRequest),
      maxBatchSize: MAX_BATCH_SIZE,
      responseMeta: trpcResponseMeta,
      onError: logTrpcInternalError,
    }),
  );
}
