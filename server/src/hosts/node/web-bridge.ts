import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Node's request and response as the web platform's Request and Response: the bridge
 * that lets Node hosts run web handlers. The body is streamed, never buffered here.
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

/**
 * Writes a web Response to Node's response: status, headers (each Set-Cookie on its own
 * line) and the body, streamed with backpressure. Headers already set on `res` (e.g. by
 * helmet) stay unless the response sets the same name.
 */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
      if (res.destroyed) break;
    }
  } finally {
    // The client left mid-stream: stop producing (e.g. a tRPC stream or subscription).
    if (!finished) await reader.cancel().catch(() => {});
  }
  res.end();
}
