import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../auth/local/signing-key.ts';
import { buildPublishableKey } from '../auth/publishable-key.ts';
import { openPostgres } from '../db/database.ts';
import { testConfig } from '../test/auth-fixture.ts';
import { createHarness } from '../test/harness.ts';
import { HOSTS, type RunningHost, startHost } from '../test/host-server.ts';

/** Limits, refusals and headers of the HTTP layer, against every host with the same answers. */

const h = await createHarness(testConfig({ RATE_LIMIT_REQUESTS: '5', MAX_BODY_BYTES: '2048' }));

describe.each(HOSTS)('%s host', (kind) => {
  let server: RunningHost;
  beforeAll(async () => {
    server = await h.startTestHost(kind);
  });
  afterAll(() => server?.close());

  async function call(path: string, init: RequestInit & { token?: string } = {}) {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    const res = await fetch(`${server.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, json };
  }

  /** Each test gets its own user, so the rate limit of one does not spill into another. */
  let n = 0;
  function freshToken() {
    n += 1;
    return h.tokenFor({
      userId: `user_test_${h.world.suffix}_limits${n}`,
      org: h.world.personas.member!.org,
    });
  }

  describe('request limits, all answered as JSON', () => {
    it('answers a body over MAX_BODY_BYTES with 413', async () => {
      const res = await call('/trpc/projects.create', {
        method: 'POST',
        token: freshToken(),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(4096) }),
      });
      expect(res.status).toBe(413);
      expect(res.json.error.data.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers a batch over maxBatchSize with 400', async () => {
      const paths = Array(11).fill('health').join(',');
      const res = await call(`/trpc/${paths}?batch=1`, { token: freshToken() });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(JSON.stringify(res.json)).toMatch(/BAD_REQUEST/);
    });

    it('answers an unknown procedure with 404', async () => {
      const res = await call('/trpc/nope.nothing', { token: freshToken() });
      expect(res.status).toBe(404);
      expect(res.json.error.data.code).toBe('NOT_FOUND');
    });

    it('answers a mutation called with GET with 405', async () => {
      const res = await call('/trpc/projects.create', { token: freshToken() });
      expect(res.status).toBe(405);
      expect(res.json.error.data.code).toBe('METHOD_NOT_SUPPORTED');
    });

    it('answers malformed JSON with 400, not 500', async () => {
      const res = await call('/trpc/projects.create', {
        method: 'POST',
        token: freshToken(),
        headers: { 'content-type': 'application/json' },
        body: '{"name": ',
      });
      expect(res.status).toBe(400);
      expect(res.json.error.data.code).toMatch(/PARSE_ERROR|BAD_REQUEST/);
    });
  });

  describe('rate limiting', () => {
    it('answers 429 with Retry-After once a user spends the limit, per user', async () => {
      const token = freshToken();
      for (let i = 0; i < 5; i++)
        expect((await call('/trpc/me.session', { token })).status).toBe(200);
      const limited = await call('/trpc/me.session', { token });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Identical on every host: `Retry-After` is the only rate-limit header.
      const rateHeaders = (headers: Headers) =>
        [...headers.keys()].filter((name) => /ratelimit/i.test(name));
      expect(rateHeaders(limited.headers)).toEqual([]);
      expect(rateHeaders((await call('/trpc/health', { token: freshToken() })).headers)).toEqual(
        [],
      );
      expect(limited.json.error).toMatchObject({
        data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 },
      });
      expect((await call('/trpc/me.session', { token: freshToken() })).status).toBe(200);
    });

    it('limits signed-out callers per IP', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await call('/trpc/health')).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses[5]).toBe(429);
    });
  });

  describe('security headers', () => {
    it('sends helmet headers and a CSP that allows only our own scripts in local mode', async () => {
      const res = await call('/api/client-config');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('clerk');
    });

    it("allows Clerk's frontend API in clerk mode", async () => {
      const config = testConfig({
        CLERK_PUBLISHABLE_KEY: buildPublishableKey('clerk.example.test', 'live'),
        CLERK_SECRET_KEY: 'sk_live_unused',
        CLERK_JWT_KEY: generateSigningKey().publicKeyPem,
      });
      const clerk = await startHost(kind, config, { database: h.database });
      try {
        const res = await fetch(`${clerk.baseUrl}/api/client-config`);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toMatch(/script-src 'self' https:\/\/clerk\.example\.test/);
        expect(csp).toMatch(/connect-src 'self' https:\/\/clerk\.example\.test/);
      } finally {
        await clerk.close();
      }
    });
  });

  describe('database unavailable', () => {
    // Nothing listens on port 9 (discard) on loopback: every connection is refused at once.
    const unreachable = openPostgres('postgres://nobody@127.0.0.1:9/none');
    let down: RunningHost;
    beforeAll(async () => {
      down = await startHost(kind, h.config, { database: unreachable, signingKey: h.signingKey });
    });
    afterAll(async () => {
      await down?.close();
      await unreachable.close();
    });

    it('answers API calls with 503 and a clear message, fast', async () => {
      const started = Date.now();
      const res = await fetch(`${down.baseUrl}/trpc/projects.list`, {
        headers: { authorization: `Bearer ${h.tokenFor('member')}` },
      });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { message: string; data: { code: string } } };
      expect(body.error.data.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.error.message).toBe(
        'The database is unavailable right now. Try again in a moment.',
      );
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9/);
      // Refused at once, not queued until a timeout (the pool's connect timeout is 2 s).
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('reports not ready on /readyz while staying alive on /healthz', async () => {
      expect((await fetch(`${down.baseUrl}/readyz`)).status).toBe(503);
      expect(await (await fetch(`${down.baseUrl}/readyz`)).json()).toEqual({
        status: 'unavailable',
        database: 'down',
      });
      expect((await fetch(`${down.baseUrl}/healthz`)).status).toBe(200);
    });
  });
});
