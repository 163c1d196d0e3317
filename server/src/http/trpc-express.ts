import { getAuth } from '@clerk/express';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Request as ExpressRequest, RequestHandler } from 'express';
import { webListener } from '../hosts/node/web-listener.ts';
import { appRouter } from '../routers/_app.ts';
import { type ContextDeps, createContextInner } from '../trpc.ts';
import { limitTrpcBody } from '../web/trpc-body-limit.ts';
import { logTrpcInternalError, MAX_BATCH_SIZE, trpcResponseMeta } from '../web/trpc-options.ts';

// Shared by every host (web/trpc-options.ts); re-exported for existing importers.
export { MAX_BATCH_SIZE };

/**
 * tRPC over Express: tRPC's fetch adapter behind `@hono/node-server`'s bridge
 * (hosts/node/web-listener.ts: why not tRPC's Express adapter). The context is Clerk's
 * `getAuth(req)` on Express's own request, plus the app's dependencies. Mount it at the API's
 * path (`app.use('/trpc', …)`): like tRPC's own Express adapter, it reads the procedure path
 * from the URL Express leaves after the mount.
 */
export function trpcExpressMiddleware(
  deps: ContextDeps,
  options: { maxBodyBytes: number },
): RequestHandler {
  return webListener((request, incoming) =>
    fetchRequestHandler({
      router: appRouter,
      req: limitTrpcBody(request, options.maxBodyBytes),
      // Express has already taken the mount path ('/trpc') off the URL.
      endpoint: '',
      createContext: () => createContextInner({ auth: getAuth(incoming as ExpressRequest), deps }),
      maxBatchSize: MAX_BATCH_SIZE,
      responseMeta: trpcResponseMeta,
      onError: logTrpcInternalError,
    }),
  );
}
