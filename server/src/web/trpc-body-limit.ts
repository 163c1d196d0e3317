import { TRPCError } from '@trpc/server';

/**
 * The request with its body capped at `maxBytes`: past it the stream fails with tRPC's
 * PAYLOAD_TOO_LARGE, which tRPC answers as 413 in its own error shape (exactly what its
 * Node adapters do with `maxBodySize`; the fetch adapter has no such option).
 */
export function limitTrpcBody(request: Request, maxBytes: number): Request {
  // GET and HEAD carry no body; asking for `request.body` would build the web stream for nothing.
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return request;
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
