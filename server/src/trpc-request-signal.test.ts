import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * scripts/dependency-patches/trpc-server.mjs (fix 4) makes tRPC's node-http adapter build its
 * `Request` without handing undici the abort signal, and sets `request.signal` to that signal
 * instead. What tRPC and the procedures see must not change: a real `Request` whose body
 * reads as before, and whose `signal` aborts when the client goes away before the answer, and
 * not when the answer is written.
 */
let server: Server;
let baseUrl: string;
let seen: Request[] = [];
/** Resolves when the request at /hang sees its signal abort. */
let hangAborted: Promise<void>;
let onHangAbort = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const request = incomingMessageToRequest(req, res, { maxBodySize: 1_000 });
    seen.push(request);
    if (req.url === '/hang') {
      request.signal.addEventListener('abort', () => onHangAbort(), { once: true });
      return; // never answered: the client gives up
    }
    request.json().then(
      (body) => res.end(JSON.stringify({ body })),
      (error: unknown) => {
        res.statusCode = 413;
        res.end(String((error as Error).message));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the Request tRPC's node-http adapter builds", () => {
  it('is a real Request whose body reads as before, and answering does not abort it', async () => {
    seen = [];
    const response = await fetch(`${baseUrl}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'é✓' }),
    });
    expect(await response.json()).toEqual({ body: { title: 'é✓' } });
    const [request] = seen;
    expect(request).toBeInstanceOf(Request);
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('content-type')).toBe('application/json');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(request?.signal).toBeInstanceOf(AbortSignal);
    expect(request?.signal.aborted).toBe(false);
  });

  it('still refuses a body over maxBodySize', async () => {
    const response = await fetch(`${baseUrl}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(2_000) }),
    });
    expect(response.status).toBe(413);
  });

  it('has a signal that aborts when the client goes away before the answer', async () => {
    seen = [];
    hangAborted = new Promise<void>((resolve) => {
      onHangAbort = resolve;
    });
    const client = httpRequest(`${baseUrl}/hang`);
    client.on('error', () => {});
    client.end();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (seen.length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    expect(seen[0]?.signal.aborted).toBe(false);
    client.destroy();
    await hangAborted;
    expect(seen[0]?.signal.aborted).toBe(true);
  });
});
