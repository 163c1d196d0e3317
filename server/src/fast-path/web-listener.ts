import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener, type HttpBindings } from '@hono/node-server';

/**
 * A Node `(req, res)` listener for a web handler, bridged by `@hono/node-server`.
 *
 * Why hono's bridge: on Node 20, every web `Response` with a body builds a web
 * `ReadableStream` (and a transferable native object the GC tracks), and reading it back
 * costs more than a small JSON answer itself (see README, performance). hono replaces the
 * global `Request` and `Response` with subclasses that build the web objects only when
 * something reads them (`instanceof` still holds): a whole body is written with one
 * `res.end()` and a `Content-Length`, and a request body is read straight from the socket.
 * Streamed bodies still stream, and a client that goes away aborts the request's signal.
 * The replacement is process-wide, for every host and library in the process.
 */
export function webListener(
  handle: (request: Request, incoming: IncomingMessage) => Promise<Response>,
  options: { onError?: (error: unknown) => Response } = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = getRequestListener(
    (request, env) => handle(request, (env as HttpBindings).incoming),
    {
      overrideGlobalObjects: true,
      // A request without a Host header (HTTP/1.0) is taken as localhost, as tRPC's own
      // Node adapter does.
      hostname: 'localhost',
      errorHandler: options.onError,
    },
  );
  return (req, res) => {
    void listener(req, res);
  };
}
