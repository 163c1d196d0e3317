import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from './auth/local/signing-key.ts';
import { buildPublishableKey } from './auth/publishable-key.ts';
import { securityHeaderList } from './http/security-headers.ts';
import { ACCESS_POLICY } from './test/access-policy.ts';
import { TEST_ORIGIN, testConfig } from './test/auth-fixture.ts';
import { createHarness } from './test/harness.ts';
import { HOSTS, type RunningHost, startHost } from './test/host-server.ts';
import { PERSONA_NAMES, type PersonaName } from './test/personas.ts';
import type { Gate } from './trpc.ts';

/**
 * The HTTP contract, run against every host (Express, Fastify, fetch handler) with the
 * same expected answers: a difference between hosts fails here.
 */

const testAuth = await createHarness();
const clientDist = mkdtempSync(join(tmpdir(), 'tasklane-spa-'));
writeFileSync(join(clientDist, 'index.html'), '<!doctype html><title>Tasklane</title>');
writeFileSync(join(clientDist, 'robots.txt'), 'User-agent: *\n');
writeFileSync(join(clientDist, '.env'), 'SECRET=1\n');
mkdirSync(join(clientDist, 'assets'));
writeFileSync(join(clientDist, 'assets', 'app-1234.js'), 'console.log("tasklane");\n');

const now = () => Math.floor(Date.now() / 1000);

/** One query per gate, and the status each persona must get from it over HTTP. */
const GATE_PROBES: Record<Gate, string> = {
  public: 'me.whoami',
  protected: 'me.session',
  org: 'org.current',
  orgAdmin: 'org.adminCheck',
};
const EXPECTED_STATUS: Record<Gate, Record<PersonaName, number>> = {
  public: { anon: 200, noOrg: 200, member: 200, admin: 200, otherAdmin: 200 },
  protected: { anon: 401, noOrg: 200, member: 200, admin: 200, otherAdmin: 200 },
  org: { anon: 401, noOrg: 403, member: 200, admin: 200, otherAdmin: 200 },
  orgAdmin: { anon: 401, noOrg: 403, member: 403, admin: 200, otherAdmin: 200 },
};

describe.each(HOSTS)('%s host', (kind) => {
  let server: RunningHost;
  beforeAll(async () => {
    server = await testAuth.startTestHost(kind, { clientDist });
  });
  afterAll(() => server?.close());

  async function call(path: string, init: RequestInit & { token?: string } = {}) {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    const res = await fetch(`${server.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    const text = await res.text();
    const isJson = res.headers.get('content-type')?.includes('application/json');
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: isJson ? JSON.parse(text) : null,
    };
  }

  describe('the gates over HTTP, for every persona', () => {
    const cases = Object.entries(GATE_PROBES).flatMap(([gate, path]) =>
      PERSONA_NAMES.map((persona) => [gate as Gate, path, persona] as const),
    );
    it.each(cases)('%s gate (%s) as %s', async (gate, path, persona) => {
      expect(ACCESS_POLICY[path]).toBe(gate);
      const token = persona === 'anon' ? undefined : testAuth.tokenFor(persona);
      const res = await call(`/trpc/${path}`, { token });
      const status = EXPECTED_STATUS[gate][persona];
      expect(res.status).toBe(status);
      if (status === 200) {
        expect(res.json).toEqual({ result: { data: expect.anything() } });
      } else {
        expect(res.json.error.data).toMatchObject({
          code: status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
          httpStatus: status,
          path,
        });
      }
      if (path === 'me.whoami') {
        const identity = testAuth.world.personas[persona];
        expect(res.json.result.data).toEqual({
          signedIn: Boolean(identity),
          userId: identity?.userId ?? null,
          orgId: identity?.org?.id ?? null,
          orgRole: identity?.org?.role ?? null,
        });
      }
    });
  });

  describe('session tokens through Clerk', () => {
    it('accepts a valid token', async () => {
      const res = await call('/trpc/me.session', { token: testAuth.tokenFor('member') });
      expect(res.status).toBe(200);
      expect(res.json.result.data).toMatchObject({
        userId: testAuth.world.personas.member!.userId,
        orgRole: 'org:member',
      });
    });

    const refused: [string, () => string | undefined][] = [
      ['no token', () => undefined],
      ['an expired token', () => testAuth.tokenFor('member', { now: now() - 600 })],
      [
        'a tampered payload',
        () => {
          const [h, p, s] = testAuth.tokenFor('member').split('.');
          const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
          const forged = Buffer.from(
            JSON.stringify({ ...claims, sub: 'user_test_someone_else' }),
          ).toString('base64url');
          return `${h}.${forged}.${s}`;
        },
      ],
      [
        'a token signed by another key',
        () => testAuth.tokenFor('member', { key: generateSigningKey() }),
      ],
      ['a wrong azp', () => testAuth.tokenFor('member', { authorizedParty: 'https://evil.test' })],
      ['a wrong iss', () => testAuth.tokenFor('member', { issuer: 'https://clerk.evil.test' })],
      ['a token not valid yet', () => testAuth.tokenFor('member', { now: now() + 600 })],
    ];

    it.each(refused)('answers %s with 401 JSON', async (_name, token) => {
      const res = await call('/trpc/me.session', { token: token() });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.json).toEqual({
        error: {
          message: 'Sign in to continue.',
          code: -32001,
          data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'me.session', zodError: null },
        },
      });
    });

    it('ignores a token sent only in a cookie', async () => {
      const token = testAuth.tokenFor('member');
      const res = await call('/trpc/me.session', {
        headers: { cookie: `__session=${token}; __client_uat=${now()}` },
      });
      expect(res.status).toBe(401);
    });

    it('answers 403 JSON when a member calls an admin procedure', async () => {
      const res = await call('/trpc/org.adminCheck', { token: testAuth.tokenFor('member') });
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({
        message: 'Organization admins only.',
        data: { code: 'FORBIDDEN', httpStatus: 403, path: 'org.adminCheck' },
      });
    });

    it('answers 403 JSON naming the missing organization', async () => {
      const res = await call('/trpc/org.current', { token: testAuth.tokenFor('noOrg') });
      expect(res.status).toBe(403);
      expect(res.json.error.message).toMatch(/organization/);
    });

    it('answers invalid input with 400, a readable message and the flattened zod issues', async () => {
      const res = await call('/trpc/projects.create', {
        method: 'POST',
        token: testAuth.tokenFor('member'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '  ' }),
      });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({
        message: 'name: Give the project a name.',
        data: {
          code: 'BAD_REQUEST',
          zodError: { formErrors: [], fieldErrors: { name: ['Give the project a name.'] } },
        },
      });
      expect(res.json.error.data.stack).toBeUndefined();
    });

    it("keeps Clerk's debug headers out of responses outside development", async () => {
      const res = await call('/trpc/me.session');
      expect([...res.headers.keys()].filter((h) => h.startsWith('x-clerk'))).toEqual([]);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      call('/trpc/me.session', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });

    it('answers preflights from the SPA origins with the policy', async () => {
      const res = await preflight(TEST_ORIGIN);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST');
      expect(res.headers.get('access-control-allow-headers')).toBe(
        'authorization,content-type,trpc-accept,x-trpc-source',
      );
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('vary')).toMatch(/Origin/);
    });

    it('does not allow other origins', async () => {
      const res = await preflight('https://evil.test');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('allows the SPA origin on actual calls', async () => {
      const res = await call('/trpc/health', { headers: { origin: TEST_ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
      const evil = await call('/trpc/health', { headers: { origin: 'https://evil.test' } });
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('pages and unknown routes', () => {
    it('serves the SPA for a page navigation without any redirect', async () => {
      const res = await call('/projects/123', { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.text).toContain('<title>Tasklane</title>');
    });

    it('serves hashed assets for a year and other files for revalidation', async () => {
      const asset = await call('/assets/app-1234.js');
      expect(asset.status).toBe(200);
      expect(asset.text).toBe('console.log("tasklane");\n');
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const robots = await call('/robots.txt');
      expect(robots.status).toBe(200);
      expect(robots.text).toBe('User-agent: *\n');
    });

    it('answers a missing asset, a dotfile and a non-HTML request with 404 JSON', async () => {
      const notFound = { error: { code: 'NOT_FOUND', message: 'No such route.' } };
      for (const [path, accept] of [
        ['/assets/gone-0000.js', 'text/html'],
        ['/.env', 'application/json'],
        ['/projects/123', 'application/json'],
        ['/api/nope', 'text/html'],
        ['/auth/local/nope', '*/*'],
      ] as const) {
        const res = await call(path, { headers: { accept } });
        expect({ path, status: res.status, json: res.json }).toEqual({
          path,
          status: 404,
          json: notFound,
        });
      }
    });

    it('answers a web route called with the wrong method with 404 JSON', async () => {
      const res = await call('/webhooks/clerk');
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route.' } });
    });

    it('tells the SPA which auth mode runs', async () => {
      expect((await call('/api/client-config')).json).toEqual({ authMode: 'local' });
    });

    it('answers liveness and readiness', async () => {
      expect((await call('/healthz')).json).toEqual({ status: 'ok' });
      expect((await call('/readyz')).json).toEqual({ status: 'ready', database: 'up' });
    });
  });

  describe('security headers', () => {
    it("sends helmet's headers for the auth mode on every kind of answer", async () => {
      const expected = securityHeaderList(testAuth.setup);
      expect(expected.map(([name]) => name)).toContain('content-security-policy');
      for (const path of ['/api/client-config', '/trpc/health', '/projects/1', '/api/nope']) {
        const res = await call(path, { headers: { accept: 'text/html' } });
        for (const [name, value] of expected) {
          expect({ path, name, value: res.headers.get(name) }).toEqual({ path, name, value });
        }
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
    });
  });
});

describe.each(HOSTS)('%s host in clerk mode with a development (pk_test_) key', (kind) => {
  // With pk_test_ keys Clerk answers cookie-less page navigations with a 307 "handshake"
  // redirect to its (unreachable) frontend API. The API must answer 401 JSON instead.
  const publishableKey = buildPublishableKey('clerk.example.test', 'test');
  const config = testConfig({
    CLERK_PUBLISHABLE_KEY: publishableKey,
    CLERK_SECRET_KEY: 'sk_test_unused_in_tests',
    CLERK_JWT_KEY: generateSigningKey().publicKeyPem,
  });
  let server: RunningHost;
  beforeAll(async () => {
    server = await startHost(kind, config, { clientDist, database: testAuth.database });
  });
  afterAll(() => server?.close());

  it('answers a browser navigation to the API with 401 JSON, not a redirect', async () => {
    const res = await fetch(`${server.baseUrl}/trpc/me.session`, {
      headers: { accept: 'text/html', 'sec-fetch-dest': 'document' },
      redirect: 'manual',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('location')).toBeNull();
    const body = (await res.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('UNAUTHORIZED');
  });

  it('serves SPA pages without a redirect', async () => {
    const res = await fetch(`${server.baseUrl}/board`, {
      headers: { accept: 'text/html', 'sec-fetch-dest': 'document' },
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
  });

  it('hands the publishable key to the SPA and has no local auth endpoints', async () => {
    const res = await fetch(`${server.baseUrl}/api/client-config`);
    expect(await res.json()).toEqual({ authMode: 'clerk', publishableKey });
    const local = await fetch(`${server.baseUrl}/auth/local/users`);
    expect(local.status).toBe(404);
  });

  it("allows Clerk's frontend API in the CSP", async () => {
    const res = await fetch(`${server.baseUrl}/api/client-config`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' https:\/\/clerk\.example\.test/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/clerk\.example\.test/);
  });
});
