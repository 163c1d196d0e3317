import { connect } from 'node:net';
import { MAX_BATCH_SIZE } from '@tasklane/shared';
import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clerkAuth } from '../auth/clerk-auth.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { listen } from '../test/http-server.ts';
import { trpcHandler } from './trpc-handler.ts';

const testAuth = await createCallerHarness();
const MAX_BODY = 2048;

/** The API's auth in front of either adapter, so the two see identical requests. */
function apiWith(trpc: express.RequestHandler): Express {
  const app = express();
  app.use('/trpc', ...clerkAuth(testAuth.setup, { debugHeaders: false }), trpc);
  return app;
}

let ours: Awaited<ReturnType<typeof listen>>;
let stock: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  // The fetch adapter on hono's listener (the default) against tRPC's own Express adapter.
  ours = await listen(apiWith(trpcHandler(testAuth.deps, { maxBodyBytes: MAX_BODY })));
  stock = await listen(
    apiWith(trpcHandler(testAuth.deps, { maxBodyBytes: MAX_BODY, adapter: 'express' })),
  );
});
afterAll(async () => {
  await ours?.close();
  await stock?.close();
});

interface Call {
  path: string;
  method?: string;
  token?: 'member' | 'admin';
  body?: string;
  /** Send the body chunked, without a Content-Length (as a streamed upload is sent). */
  chunked?: boolean;
  headers?: Record<string, string>;
}

/** The body in two chunks, so fetch sends it with `Transfer-Encoding: chunked`. */
function chunkedBody(body: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  const half = Math.floor(bytes.length / 2);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, half));
      controller.enqueue(bytes.slice(half));
      controller.close();
    },
  });
}

async function send(
  baseUrl: string,
  call: Call,
  token = call.token && testAuth.tokenFor(call.token),
) {
  const headers = new Headers(call.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (call.body !== undefined) headers.set('content-type', 'application/json');
  const body = call.chunked && call.body !== undefined ? chunkedBody(call.body) : call.body;
  const res = await fetch(`${baseUrl}${call.path}`, {
    method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    ...(call.chunked ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;
const batchInput = (values: unknown[]) =>
  input(Object.fromEntries(values.map((value, i) => [i, value])));

/** Status, the headers tRPC sets, and the body, for the same request through each adapter. */
const CALLS: [string, Call][] = [
  ['a public query', { path: '/trpc/me.whoami' }],
  ['a protected query', { path: '/trpc/me.session', token: 'member' }],
  ['a protected query without a token (401)', { path: '/trpc/me.session' }],
  ['an admin query as a member (403)', { path: '/trpc/org.adminCheck', token: 'member' }],
  ['an unknown procedure (404)', { path: '/trpc/nope.nothing', token: 'member' }],
  ['bad input (400)', { path: `/trpc/tasks.list?${input({ projectId: 3 })}`, token: 'member' }],
  ['a query sent as POST (405)', { path: '/trpc/me.whoami', body: '{}' }],
  [
    'a batch of three',
    { path: '/trpc/me.whoami,me.session,org.adminCheck?batch=1', token: 'member' },
  ],
  [
    'a batch over the limit',
    {
      path: `/trpc/${Array(MAX_BATCH_SIZE + 1)
        .fill('me.whoami')
        .join(',')}?batch=1`,
    },
  ],
  ['a mutation with bad JSON', { path: '/trpc/projects.create', token: 'member', body: '{' }],
  [
    'a mutation with a body over the limit (413)',
    {
      path: '/trpc/projects.create',
      token: 'member',
      body: JSON.stringify({ name: 'x'.repeat(MAX_BODY) }),
    },
  ],
  [
    'a chunked mutation body over the limit (413)',
    {
      path: '/trpc/projects.create',
      token: 'member',
      body: JSON.stringify({ name: 'x'.repeat(MAX_BODY) }),
      chunked: true,
    },
  ],
  [
    'a chunked mutation body with bad input (400)',
    { path: '/trpc/projects.create', token: 'member', body: '{"name":7}', chunked: true },
  ],
  [
    'a streamed batch (JSON lines)',
    {
      path: `/trpc/me.whoami,me.session?batch=1&${batchInput([undefined, undefined])}`,
      token: 'member',
      headers: { 'trpc-accept': 'application/jsonl' },
    },
  ],
  ['HEAD', { path: '/trpc/me.whoami', method: 'HEAD' }],
];

describe('trpcHandler: the fetch adapter answers as tRPC’s Express adapter does', () => {
  it.each(CALLS)('%s', async (_name, call) => {
    // One token for both: tokens minted a second apart differ in `exp`.
    const token = call.token && testAuth.tokenFor(call.token);
    const [a, b] = await Promise.all([
      send(ours.baseUrl, call, token),
      send(stock.baseUrl, call, token),
    ]);
    expect(a.status).toBe(b.status);
    for (const header of ['content-type', 'vary', 'set-cookie']) {
      expect(a.headers.get(header)).toBe(b.headers.get(header));
    }
    expect(a.text).toBe(b.text);
  });

  it('creates through a mutation exactly once', async () => {
    const call: Call = {
      path: '/trpc/projects.create',
      token: 'member',
      body: JSON.stringify({ name: 'Adapter check' }),
    };
    const res = await send(ours.baseUrl, call);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).result.data).toMatchObject({ name: 'Adapter check' });
  });

  it('reads a chunked mutation body within the limit', async () => {
    const call: Call = {
      path: '/trpc/projects.create',
      token: 'member',
      body: JSON.stringify({ name: 'Sent in chunks' }),
      chunked: true,
    };
    const res = await send(ours.baseUrl, call);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).result.data).toMatchObject({ name: 'Sent in chunks' });
  });
});

/** A raw HTTP/1.0 request without a Host header; resolves with the whole answer. */
function http10WithoutHost(baseUrl: string, path: string): Promise<string> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.0\r\n\r\n`);
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('trpcHandler (fetch adapter): how the answer is written', () => {
  it('answers an HTTP/1.0 request without a Host header as tRPC’s adapter does', async () => {
    const [a, b] = await Promise.all([
      http10WithoutHost(ours.baseUrl, '/trpc/me.whoami'),
      http10WithoutHost(stock.baseUrl, '/trpc/me.whoami'),
    ]);
    const statusAndBody = (answer: string) => [
      answer.split('\r\n', 1)[0],
      answer.slice(answer.indexOf('\r\n\r\n') + 4),
    ];
    expect(statusAndBody(a)).toEqual(statusAndBody(b));
    expect(statusAndBody(a)[0]).toBe('HTTP/1.1 200 OK');
  });

  it('sends a complete JSON answer with Content-Length, not chunked', async () => {
    const res = await send(ours.baseUrl, { path: '/trpc/me.session', token: 'member' });
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(res.text));
  });

  it('streams JSON lines chunked, as tRPC produces them', async () => {
    const res = await send(ours.baseUrl, {
      path: `/trpc/me.whoami,me.session?batch=1&${batchInput([undefined, undefined])}`,
      token: 'member',
      headers: { 'trpc-accept': 'application/jsonl' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.text.trim().split('\n').length).toBeGreaterThan(1);
  });
});
