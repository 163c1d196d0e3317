import type { ServerResponse } from 'node:http';
import { getAuth } from '@clerk/express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import type { RequestHandler } from 'express';
import { appRouter } from '../routers/_app.ts';
import { type ContextDeps, createContextInner } from '../trpc.ts';
import { MAX_BATCH_SIZE } from '../web/trpc-options.ts';

// Shared by every host (web/trpc-options.ts); re-exported for existing importers.
export { MAX_BATCH_SIZE };

/**
 * A request tRPC cannot even parse (e.g. a batch over the limit) gets a JSON error body but
 * no content type from tRPC; say it is JSON like every other answer.
 */
export const jsonContentTypeForUnparsedRequests = ({ info }: { info?: unknown }) =>
  info ? {} : { headers: { 'content-type': 'application/json' } };

type OnError = NonNullable<
  Parameters<typeof createExpressMiddleware<typeof appRouter>>[0]['onError']
>;

const onError: OnError = ({ error, path }) => {
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    console.error(`tRPC ${path ?? '<no path>'} failed:`, error.cause ?? error);
  }
};

/**
 * tRPC over Express: the context is Clerk's `getAuth(req)` plus the app's dependencies.
 *
 * The request side and all of tRPC's work are tRPC's own public API, exactly as its Express
 * adapter calls them (`incomingMessageToRequest`, then `resolveResponse`). Only writing the
 * answer differs: tRPC's adapter pipes every body through a web `WritableStream` and sends
 * it chunked (two socket writes and a chunked body even for 200 bytes of JSON), which cost
 * more than a whole `me.session` call. A complete JSON answer (every query and mutation, and
 * non-streaming batches) is sent here in one `res.end(body)` with a `Content-Length`;
 * streamed answers (`httpBatchStreamLink`'s JSON lines, SSE) are still streamed, with
 * backpressure, and stop when the client goes away. Status, headers and body are tRPC's.
 */
export function trpcExpressMiddleware(
  deps: ContextDeps,
  options: { maxBodyBytes: number },
): RequestHandler {
  const handlerOptions = {
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    maxBodySize: options.maxBodyBytes,
    responseMeta: jsonContentTypeForUnparsedRequests,
    onError,
  };
  /** tRPC's stock adapter, for a request that cannot even become a fetch `Request`. */
  const stock = createExpressMiddleware({
    ...handlerOptions,
    createContext: ({ req }) => createContextInner({ auth: getAuth(req), deps }),
  });

  return (req, res, next) => {
    let request: Request;
    try {
      request = incomingMessageToRequest(req, res, { maxBodySize: options.maxBodyBytes });
    } catch {
      // An unparsable URL or host: tRPC's adapter answers it (400) as it always has.
      stock(req, res, next);
      return;
    }
    const path = req.path.slice(req.path.lastIndexOf('/') + 1);
    resolveResponse({
      ...handlerOptions,
      req: request,
      path,
      error: null,
      createContext: async () => createContextInner({ auth: getAuth(req), deps }),
      onError: (opts) => onError({ ...opts, req }),
    })
      .then((response) => writeResponse(res, response, request.signal))
      .catch((error: unknown) => {
        // resolveResponse turns every procedure error into an answer; this is a failure
        // while writing it (e.g. a stream that broke), after the status was sent.
        console.error(`tRPC ${path} response failed:`, error);
        if (!res.headersSent) res.statusCode = 500;
        if (!res.writableEnded) res.end();
      });
  };
}

/** A body tRPC produced whole (JSON.stringify), not a stream it is still producing. */
function isCompleteJson(headers: Headers): boolean {
  return (
    !headers.has('transfer-encoding') &&
    (headers.get('content-type')?.startsWith('application/json') ?? false)
  );
}

/** Writes tRPC's fetch `Response` to Node's response, as tRPC's node-http adapter does. */
export async function writeResponse(
  res: ServerResponse,
  response: Response,
  signal: AbortSignal,
): Promise<void> {
  if (res.statusCode === 200) res.statusCode = response.status;
  for (const [key, value] of response.headers) {
    if (key !== 'set-cookie') res.setHeader(key, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);

  if (!response.body) {
    res.end();
    return;
  }
  if (isCompleteJson(response.headers)) {
    // One write; Node adds Content-Length for a body given to `end()` before the headers.
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  try {
    await streamBody(res, response.body, signal);
  } finally {
    res.end();
  }
}

/** Chunk by chunk, waiting for `drain` when the socket is full; stops on `signal`. */
async function streamBody(
  res: ServerResponse,
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const cancel = () => {
    reader.cancel(signal.reason).catch(() => {});
  };
  if (signal.aborted) cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) return;
      if (!res.write(value)) await drained(res);
      (res as ServerResponse & { flush?: () => void }).flush?.();
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      res.off('drain', done);
      res.off('close', done);
      res.off('error', fail);
    };
    const done = () => {
      cleanup();
      resolve();
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    res.once('drain', done);
    res.once('close', done);
    res.once('error', fail);
  });
}
