import type { IncomingMessage } from 'node:http';
import { getAuth } from '@clerk/express';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Request as ExpressRequest, RequestHandler } from 'express';
import { appRouter } from '../routers/_app.ts';
import { type ContextDeps, createContextInner } from '../trpc.ts';
import { limitTrpcBody } from '../web/trpc-body-limit.ts';
import { logTrpcInternalError, MAX_BATCH_SIZE, trpcResponseMeta } from '../web/trpc-options.ts';

// Shared by every host (web/trpc-options.ts); re-exported for existing importers.
export { MAX_BATCH_SIZE };

/**
 * tRPC over Express: tRPC's fetch adapter, served by `@hono/node-server`'s request
 * listener. The context is Clerk's `getAuth(req)` on Express's request, plus the app's
 * dependencies. Mount it at the API's path (`app.use('/trpc', …)`): like tRPC's own Express
 * adapter, it reads the procedure path from the URL Express leaves after the mount.
 *
 * Why not tRPC's Express adapter: on Node 20, every web `Response` with a body builds a web
 * `ReadableStream`, and tRPC's Node adapter then pipes it through a `WritableStream`. For a
 * JSON answer, that cost more than the whole procedure call (see README, performance).
 * hono's listener replaces the global `Request` and `Response` with subclasses that build the
 * web objects only when something reads them (`instanceof` still holds), so the JSON tRPC
 * produced is written with one `res.end()` and a `Content-Length`, and a mutation's body is
 * read straight from the socket. Streamed answers (JSON-lines batches, SSE) still stream,
 * and a client that goes away aborts the request's signal, as with tRPC's adapter.
 */
export function trpcExpressMiddleware(
  deps: ContextDeps,
  options: { maxBodyBytes: number },
): RequestHandler {
  const listener = getRequestListener(
    (request, env) => {
      const incoming = (env as HttpBindings).incoming;
      return fetchRequestHandler({
        router: appRouter,
        req: withBodyLimit(request, incoming, options.maxBodyBytes),
        // Express has already taken the mount path ('/trpc') off the URL.
        endpoint: '',
        createContext: () =>
          createContextInner({ auth: getAuth(incoming as ExpressRequest), deps }),
        maxBatchSize: MAX_BATCH_SIZE,
        responseMeta: trpcResponseMeta,
        onError: logTrpcInternalError,
      });
    },
    // tRPC's own Node adapter takes a request without a Host header (HTTP/1.0) as localhost.
    { overrideGlobalObjects: true, hostname: 'localhost' },
  );
  return (req, res) => {
    void listener(req, res);
  };
}

/**
 * The request, with its body capped at `maxBytes` as tRPC's Node adapters cap it (413 in
 * tRPC's error shape). A body whose declared `Content-Length` is within the limit needs no
 * cap: Node's parser never reads more than that as this request's body, so it keeps hono's
 * direct read. Only a chunked body, or one declared too large, goes through the stream cap.
 */
function withBodyLimit(request: Request, incoming: IncomingMessage, maxBytes: number): Request {
  if (incoming.method === 'GET' || incoming.method === 'HEAD') return request;
  const declared = Number(incoming.headers['content-length'] ?? Number.NaN);
  if (Number.isSafeInteger(declared) && declared <= maxBytes) return request;
  return limitTrpcBody(request, maxBytes);
}
