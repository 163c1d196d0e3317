import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Fastify's raw Node request as the web platform's Request, for the shared web routes
 * (Express and the fetch host use `@hono/node-server` instead). The body is streamed,
 * never buffered here.
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse): Request {
  const secure = Boolean((req.socket as TLSSocket).encrypted);
  const url = new URL(
    req.url ?? '/',
    `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`,
  );
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  // Abort the handler's work when the client goes away before the answer is sent.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    signal: abort.signal,
    ...(hasBody ? { body: streamOf(req), duplex: 'half' } : {}),
  } as RequestInit);
}

/** The request's bytes as a web stream (Node's own `Readable.toWeb` is marked experimental). */
function streamOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let push: (chunk: Buffer) => void = () => {};
  let cancelled = false;
  return new ReadableStream({
    start(controller) {
      push = (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        // Backpressure: stop reading the socket until the consumer pulls again.
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      };
      req.on('data', push);
      req.once('end', () => {
        if (!cancelled) controller.close();
      });
      req.once('error', (error) => {
        if (!cancelled) controller.error(error);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      // The handler stopped reading (e.g. a body over its limit): discard the rest, but keep
      // the socket, which still has to carry the answer (413).
      cancelled = true;
      req.off('data', push);
      req.resume();
    },
  });
}
