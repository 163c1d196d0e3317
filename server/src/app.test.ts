import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { generateSigningKey } from './auth/local/signing-key.ts';
import { buildPublishableKey } from './auth/publishable-key.ts';
import { TEST_ORIGIN, testConfig } from './test/auth-fixture.ts';
import { createHarness } from './test/harness.ts';
import { listen } from './test/http-server.ts';

const testAuth = await createHarness();
const clientDist = mkdtempSync(join(tmpdir(), 'tasklane-spa-'));
writeFileSync(join(clientDist, 'index.html'), '<!doctype html><title>Tasklane</title>');

let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  server = await listen(testAuth.createTestApp({ clientDist }).app);
});
afterAll(() => server.close());

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(`${server.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.includes('application/json');
  return { status: res.status, headers: res.headers, text, json: isJson ? JSON.parse(text) : null };
}

const now = () => Math.floor(Date.now() / 1000);

describe('HTTP: session tokens through clerkMiddleware()', () => {
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
  ];

  it.each(refused)('answers %s with 401 JSON', async (_name, token) => {
    const res = await call('/trpc/me.session', { token: token() });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.json.error).toMatchObject({
      message: 'Sign in to continue.',
      data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'me.session' },
    });
    expect(res.json.error.data.stack).toBeUndefined();
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
      data: { code: 'FORBIDDEN' },
    });
  });

  it('answers 403 JSON naming the missing organization', async () => {
    const res = await call('/trpc/org.current', { token: testAuth.tokenFor('noOrg') });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toMatch(/organization/);
  });

  it("keeps Clerk's debug headers out of responses outside development", async () => {
    const res = await call('/trpc/me.session');
    expect([...res.headers.keys()].filter((h) => h.startsWith('x-clerk'))).toEqual([]);
  });

  it('answers CORS preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      call('/trpc/me.session', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    expect((await preflight(TEST_ORIGIN)).headers.get('access-control-allow-origin')).toBe(
      TEST_ORIGIN,
    );
    expect((await preflight('https://evil.test')).headers.get('access-control-allow-origin')).toBe(
      null,
    );
  });
});

describe('HTTP: pages and unknown routes', () => {
  it('serves the SPA for a page navigation without any redirect', async () => {
    const res = await call('/projects/123', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>Tasklane</title>');
  });

  it('answers an unknown route with 404 JSON', async () => {
    const res = await call('/api/nope');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });

  it('tells the SPA which auth mode runs', async () => {
    expect((await call('/api/client-config')).json).toEqual({ authMode: 'local' });
  });
});

describe('HTTP: clerk mode with a development (pk_test_) key', () => {
  // With pk_test_ keys Clerk answers cookie-less page navigations with a 307 "handshake"
  // redirect to its (unreachable) frontend API. The API must answer 401 JSON instead.
  const key = generateSigningKey();
  let clerkServer: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    const config = testConfig({
      CLERK_PUBLISHABLE_KEY: buildPublishableKey('clerk.example.test', 'test'),
      CLERK_SECRET_KEY: 'sk_test_unused_in_tests',
      CLERK_JWT_KEY: key.publicKeyPem,
    });
    clerkServer = await listen(createApp(config, { clientDist, database: testAuth.database }).app);
  });
  afterAll(() => clerkServer.close());

  it('answers a browser navigation to the API with 401 JSON, not a redirect', async () => {
    const res = await fetch(`${clerkServer.baseUrl}/trpc/me.session`, {
      headers: { accept: 'text/html', 'sec-fetch-dest': 'document' },
      redirect: 'manual',
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('UNAUTHORIZED');
  });

  it('serves SPA pages without a redirect', async () => {
    const res = await fetch(`${clerkServer.baseUrl}/board`, {
      headers: { accept: 'text/html', 'sec-fetch-dest': 'document' },
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
  });

  it('hands the publishable key to the SPA', async () => {
    const res = await fetch(`${clerkServer.baseUrl}/api/client-config`);
    expect(await res.json()).toEqual({
      authMode: 'clerk',
      publishableKey: buildPublishableKey('clerk.example.test', 'test'),
    });
  });
});
