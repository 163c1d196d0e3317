import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { exchange, type RawResponse } from '../security/raw-http.ts';
import { captureConsole } from '../test/console-capture.ts';
import { createHarness } from '../test/harness.ts';
import { HOSTS, type RunningHost } from '../test/host-server.ts';

/**
 * Requests refused before any route sees them, sent as raw bytes to every host: a Host
 * header or request target no host can build a URL from (http/request-target.ts), and what
 * Node's HTTP parser refuses (http/client-error.ts). Each is a JSON answer in the API's error
 * shape with a 4xx, the same on every host, and none writes to the log.
 */

const h = await createHarness();

const MALFORMED_HOSTS = ['localhost:99999', 'a b', 'a@b', '%', '', 'localhost:', '1.2.3.999'];
const SERVICE_ROUTES = [
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  ['GET', '/api/client-config'],
  ['GET', '/auth/local/users'],
  ['POST', '/auth/local/sign-in'],
  ['POST', '/webhooks/clerk'],
] as const;
const API_ROUTES = [
  ['GET', '/trpc/health'],
  ['GET', '/trpc/me.session?input=%7B%7D'],
  ['POST', '/trpc/projects.create'],
] as const;

/** A request as bytes: the request line, these header lines, a JSON body for POST. */
function request(method: string, target: string, headerLines: string[], version = 'HTTP/1.1') {
  const body = method === 'POST' ? '{}' : '';
  const lines = [`${method} ${target} ${version}`, ...headerLines];
  if (body) lines.push('content-type: application/json', `content-length: ${body.length}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** tRPC's error shape, as tRPC's client reads it. */
function expectTrpcError(res: RawResponse, status: number, code = 'BAD_REQUEST') {
  expect({ status: res.status, type: res.headers['content-type'] }, res.text).toEqual({
    status,
    type: 'application/json',
  });
  expect(res.json).toEqual({
    error: {
      message: expect.any(String),
      code: expect.any(Number),
      data: { code, httpStatus: status },
    },
  });
}

/** The shape of every endpoint outside tRPC. */
function expectJsonError(res: RawResponse, status: number, code = 'BAD_REQUEST') {
  expect({ status: res.status, type: res.headers['content-type'] }, res.text).toEqual({
    status,
    type: 'application/json; charset=utf-8',
  });
  expect(res.json).toEqual({ error: { code, message: expect.any(String) } });
}

/** Everything the process writes to the console while a test runs. */
let logged: string[];
beforeEach(() => {
  logged = captureConsole('log', 'info', 'warn', 'error');
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(HOSTS)('%s host', (kind) => {
  let server: RunningHost;
  let host: string;
  beforeAll(async () => {
    server = await h.startTestHost(kind);
    host = new URL(server.baseUrl).host;
  });
  afterAll(() => server?.close());

  const send = async (bytes: string) => {
    const answers = await exchange(server.baseUrl, bytes);
    expect(answers).toHaveLength(1);
    return answers[0]!;
  };

  describe('a malformed Host header: 400 in the API error shape, nothing logged', () => {
    it.each(MALFORMED_HOSTS)('Host %j, outside tRPC', async (malformed) => {
      for (const [method, path] of SERVICE_ROUTES) {
        const res = await send(request(method, path, [`Host: ${malformed}`, 'connection: close']));
        expectJsonError(res, 400);
      }
      expect(logged).toEqual([]);
    });

    it.each(MALFORMED_HOSTS)('Host %j, on tRPC', async (malformed) => {
      for (const [method, path] of API_ROUTES) {
        const res = await send(request(method, path, [`Host: ${malformed}`, 'connection: close']));
        expectTrpcError(res, 400);
      }
      expect(logged).toEqual([]);
    });

    it('no Host in HTTP/1.1, or two of them', async () => {
      expectJsonError(await send(request('GET', '/healthz', ['connection: close'])), 400);
      expectTrpcError(await send(request('GET', '/trpc/health', ['connection: close'])), 400);
      const twice = ['Host: localhost', 'Host: evil.example', 'connection: close'];
      expectJsonError(await send(request('GET', '/healthz', twice)), 400);
      expectTrpcError(await send(request('GET', '/trpc/health', twice)), 400);
      expect(logged).toEqual([]);
    });

    it('a target hosts would read differently: a backslash, `*`, a bad absolute URL', async () => {
      for (const target of [
        '/healthz\\..\\x',
        '*',
        'http://localhost:99999/healthz',
        'http://user@localhost/healthz',
      ]) {
        const res = await send(request('OPTIONS', target, [`Host: ${host}`, 'connection: close']));
        expectJsonError(res, 400);
      }
      const res = await send(
        request('GET', 'http://localhost:99999/trpc/health', [
          `Host: ${host}`,
          'connection: close',
        ]),
      );
      expectTrpcError(res, 400);
      expect(logged).toEqual([]);
    });

    it('still serves every valid spelling of a host, and HTTP/1.0 without one', async () => {
      for (const valid of [host, 'LOCALHOST', 'localhost:3000', '[::1]:3000', 'tasklane.test']) {
        const res = await send(request('GET', '/healthz', [`Host: ${valid}`, 'connection: close']));
        expect(res.json, valid).toEqual({ status: 'ok' });
      }
      expect((await send(request('GET', '/healthz', [], 'HTTP/1.0'))).json).toEqual({
        status: 'ok',
      });
      const absolute = await send(
        request('GET', `http://${host}/trpc/health`, [`Host: ${host}`, 'connection: close']),
      );
      expect(absolute.json).toEqual({ result: { data: { status: 'ok' } } });
    });
  });

  describe("refusals by Node's HTTP parser: a fitting 4xx with a JSON body, nothing logged", () => {
    const big = 'x'.repeat(100 * 1024);

    /** A refusal closes the connection after a complete, framed answer. */
    function expectClosingAnswer(res: RawResponse) {
      expect(res.headers.connection).toBe('close');
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    }

    it('a 100 KB request target: 414', async () => {
      const api = await send(request('GET', `/trpc/health?input=${big}`, [`Host: ${host}`]));
      expectTrpcError(api, 414);
      expectClosingAnswer(api);
      const service = await send(request('GET', `/healthz?x=${big}`, [`Host: ${host}`]));
      expectJsonError(service, 414, 'URI_TOO_LONG');
      expectClosingAnswer(service);
      expect(logged).toEqual([]);
    });

    it('100 KB of headers: 431', async () => {
      const api = await send(request('GET', '/trpc/health', [`Host: ${host}`, `x-big: ${big}`]));
      expectTrpcError(api, 431);
      expectClosingAnswer(api);
      const service = await send(request('GET', '/healthz', [`Host: ${host}`, `x-big: ${big}`]));
      expectJsonError(service, 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE');
      expect(logged).toEqual([]);
    });

    it('malformed requests: 400', async () => {
      expectJsonError(
        await send(request('GET', '/healthz', [`Host: ${host}`, 'a header line without a colon'])),
        400,
      );
      expectTrpcError(
        await send(request('GET', '/trpc/me.session', [`Host: ${host}`, 'x-nul: a\u0000b'])),
        400,
      );
      const badChunk = [
        'POST /trpc/projects.create HTTP/1.1',
        `Host: ${host}`,
        'transfer-encoding: chunked',
        '',
        'zz',
        '{}',
        '0',
        '',
        '',
      ].join('\r\n');
      const res = await send(badChunk);
      expectTrpcError(res, 400);
      expectClosingAnswer(res);
      expect(logged).toEqual([]);
    });

    it('a malformed request after a good one on the same connection: both answered, in order', async () => {
      const answers = await exchange(
        server.baseUrl,
        request('GET', '/healthz', [`Host: ${host}`]) +
          request('GET', '/trpc/health', [`Host: ${host}`, 'a header line without a colon']),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 400]);
      expect(answers[0]!.json).toEqual({ status: 'ok' });
      expectTrpcError(answers[1]!, 400);
    });
  });
});
