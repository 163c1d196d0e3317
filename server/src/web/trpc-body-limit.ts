import { TRPCError } from '@trpc/server';

/**
 * The request with its body capped at `maxBytes`: past it the stream fails with tRPC's
 * PAYLOAD_TOO_LARGE, which tRPC answers as 413 in its own error shape (exactly what its
 * Node adapters do with `maxBodySize`; the fetch adapter has no such option).
 *
 * A body whose declared `Content-Length` is within the limit is left as it is: the server's
 * HTTP parser never reads more than that as this request's body, and the body keeps its
 * runtime's direct read (on Node, hono reads it straight from the socket). Only a chunked
 * body, or one declared too large, is read through the cap.
 */
export function limitTrpcBody(request: Request, maxBytes: number): Request {
  // GET and HEAD carry no body; asking for `request.body` would build the web stream for nothing.
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isSafeInteger(declared) && declared <= maxBytes) return request;
  if (!request.body) return request;
  let size = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) controller.error(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request, { body: limited, duplex: 'half' } as RequestInit);
}
