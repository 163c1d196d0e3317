import { clerkMiddleware, getAuth } from '@clerk/express';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { apiClerkMiddleware } from '../auth/clerk-auth.ts';
import { clerkClientFor } from '../auth/clerk-client.ts';
import { buildPublishableKey } from '../auth/publishable-key.ts';
import { createTestAuth, testConfig } from '../test/auth-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { countingClerk } from '../test/counting-clerk.ts';
import { listen } from '../test/http-server.ts';
import { demoWorld } from '../test/personas.ts';
import { reuseClerkAuth } from './clerk-auth-reuse.ts';
import { createSignedOutAuthMemo, isSignedOutHandler } from './signed-out-auth.ts';
import { createVerifiedTokenCache } from './verified-token-cache.ts';

const testAuth = createTestAuth(testConfig(), demoWorld());
const { setup } = testAuth;

/**
 * `clerkMiddleware()` behind `reuseClerkAuth` (with the signed-out memo), with a counter on
 * the client it is given: a request answered with a reused `req.auth` never reaches it.
 */
function countingStack() {
  const cache = createVerifiedTokenCache();
  const { client, counter } = countingClerk(cache.wrap(clerkClientFor(setup)));
  const app = express();
  app.use(
    reuseClerkAuth(
      apiClerkMiddleware(setup, client),
      cache,
      createSignedOutAuthMemo(isSignedOutHandler),
    ),
  );
  app.get('/who', (req, res) => {
    const auth = getAuth(req);
    res.json({ userId: auth.userId, orgId: auth.orgId ?? null });
  });
  return { app, counter };
}

let stack: ReturnType<typeof countingStack>;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  stack = countingStack();
  server = await listen(stack.app);
});
afterAll(() => server?.close());
afterEach(() => {
  vi.useRealTimers();
});

async function who(
  token?: string,
  init: { headers?: Record<string, string>; query?: string } = {},
) {
  const headers: Record<string, string> = { 'sec-fetch-dest': 'empty', ...init.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.baseUrl}/who${init.query ?? ''}`, { headers });
  return (await res.json()) as { userId: string | null; orgId: string | null };
}

describe('canary: what reuseClerkAuth relies on in @clerk/express (undocumented)', () => {
  it('clerkMiddleware() leaves a request that already carries a req.auth it built alone', async () => {
    const { client, counter } = countingClerk(clerkClientFor(setup));
    let kept: unknown;
    const app = express();
    app.use((req, _res, next) => {
      if (kept) (req as unknown as { auth: unknown }).auth = kept;
      next();
    });
    app.use(apiClerkMiddleware(setup, client));
    app.get('/who', (req, res) => {
      kept ??= (req as unknown as { auth: unknown }).auth;
      res.json({ userId: getAuth(req).userId });
    });
    const running = await listen(app);
    const ask = async (token: string) =>
      (
        await fetch(`${running.baseUrl}/who`, {
          headers: { authorization: `Bearer ${token}`, 'sec-fetch-dest': 'empty' },
        })
      ).json();
    try {
      expect(await ask(testAuth.tokenFor('admin'))).toEqual({ userId: 'user_demo_ada' });
      expect(counter.calls).toBe(1);
      // The member's request carries the admin's req.auth, built by Clerk: Clerk keeps it.
      // If this fails, Clerk now authenticates such requests itself: reuseClerkAuth then
      // saves nothing (still correct, see the next test); drop it or find the new way.
      expect(await ask(testAuth.tokenFor('member'))).toEqual({ userId: 'user_demo_ada' });
      expect(counter.calls).toBe(1);
    } finally {
      await running.close();
    }
  });

  it('is still correct if Clerk stops skipping: every request is authenticated again', async () => {
    const cache = createVerifiedTokenCache();
    const clerk = apiClerkMiddleware(setup, cache.wrap(clerkClientFor(setup)));
    /** clerkMiddleware() as it would be if it ignored an existing req.auth. */
    const neverSkips: express.RequestHandler = (req, res, next) => {
      delete (req as unknown as { auth?: unknown }).auth;
      clerk(req, res, next);
    };
    const app = express();
    app.use(reuseClerkAuth(neverSkips, cache));
    app.get('/who', (req, res) => res.json({ userId: getAuth(req).userId }));
    const running = await listen(app);
    try {
      const ask = async (token: string) =>
        (
          await fetch(`${running.baseUrl}/who`, {
            headers: { authorization: `Bearer ${token}`, 'sec-fetch-dest': 'empty' },
          })
        ).json();
      const admin = testAuth.tokenFor('admin');
      const member = testAuth.tokenFor('member');
      expect(await ask(admin)).toEqual({ userId: 'user_demo_ada' });
      expect(await ask(member)).toEqual({ userId: 'user_demo_max' });
      expect(await ask(admin)).toEqual({ userId: 'user_demo_ada' });
      expect(await ask(`${admin}x`)).toEqual({ userId: null });
    } finally {
      await running.close();
    }
  });
});

describe("reuseClerkAuth: Clerk's req.auth for a token it already accepted", () => {
  it('answers repeats of an accepted token without asking the client again', async () => {
    const token = testAuth.tokenFor('admin');
    const before = stack.counter.calls;
    expect(await who(token)).toEqual({ userId: 'user_demo_ada', orgId: 'org_demo_acme' });
    expect(await who(token)).toEqual({ userId: 'user_demo_ada', orgId: 'org_demo_acme' });
    expect(await who(token)).toEqual({ userId: 'user_demo_ada', orgId: 'org_demo_acme' });
    expect(stack.counter.calls - before).toBe(1);
  });

  it('sends every refused token through Clerk, even after a valid one was reused', async () => {
    const valid = testAuth.tokenFor('member');
    await who(valid);
    await who(valid);
    const refused = testAuth.refusedTokensFor('member', valid);
    for (const token of [...refused, ...refused]) {
      const before = stack.counter.calls;
      expect(await who(token)).toEqual({ userId: null, orgId: null });
      expect(stack.counter.calls - before).toBe(1);
    }
  });

  it('stops reusing at the token exp', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2031-01-01T00:00:00Z').getTime();
    vi.setSystemTime(start);
    const token = testAuth.tokenFor('noOrg', { ttlSeconds: 60 });
    await who(token);
    vi.setSystemTime(start + 59_000);
    const before = stack.counter.calls;
    expect((await who(token)).userId).toBe('user_demo_nora');
    expect(stack.counter.calls).toBe(before);
    vi.setSystemTime(start + 60_000);
    await who(token);
    expect(stack.counter.calls).toBe(before + 1);
    vi.setSystemTime(start + 66_000);
    expect(await who(token)).toEqual({ userId: null, orgId: null });
  });
});

describe("reuseClerkAuth: Clerk's signed-out req.auth for requests without credentials", () => {
  const signedOut = { userId: null, orgId: null };

  it('asks Clerk once, then answers requests without credentials as it did', async () => {
    const fresh = countingStack();
    const app = await listen(fresh.app);
    try {
      for (const query of ['', '?input=%7B%7D', '?batch=1&input=x']) {
        const res = await fetch(`${app.baseUrl}/who${query}`, {
          headers: { 'sec-fetch-dest': 'empty' },
        });
        expect(await res.json()).toEqual(signedOut);
      }
      expect(fresh.counter.calls).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('sends every request that may carry credentials to Clerk, after signed-out ones were reused', async () => {
    await who();
    await who();
    const valid = testAuth.tokenFor('member');
    const mayCarryCredentials: [string, Parameters<typeof who>[1]][] = [
      ['a garbage bearer token', { headers: { authorization: 'Bearer not-a-token' } }],
      ['another scheme', { headers: { authorization: `Basic ${btoa('user:pass')}` } }],
      ['an empty Authorization header', { headers: { authorization: '' } }],
      ['a session cookie', { headers: { cookie: `__session=${valid}` } }],
      ['a handshake query parameter', { query: '?__clerk_handshake=x' }],
      ['a dev-browser query parameter', { query: '?__clerk_db_jwt=x' }],
      ['a Clerk parameter in capitals', { query: '?a=1&__CLERK_synced=true' }],
      ['a Clerk parameter, percent-encoded', { query: '?%5F%5Fclerk_db_jwt=x' }],
    ];
    // Clerk logs the made-up handshake it cannot resolve; that log is expected here.
    const clerkLog = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const [name, init] of mayCarryCredentials) {
      const before = stack.counter.calls;
      await who(undefined, init);
      expect({ name, clerkCalls: stack.counter.calls - before }).toEqual({ name, clerkCalls: 1 });
    }
    clerkLog.mockRestore();
    // And a valid token right after is signed in.
    expect(await who(valid)).toEqual({ userId: 'user_demo_max', orgId: 'org_demo_acme' });
  });

  // The premise of the memo, checked against Clerk itself: to an API request without
  // credentials, stock `clerkMiddleware()` answers "signed out", whatever else the request
  // says, for a production and a development (pk_test_) instance alike.
  it.each([
    ['live', setup.publishableKey],
    ['test', buildPublishableKey('clerk.tasklane.test', 'test')],
  ])(
    'premise: stock Clerk (pk_%s_) signs out every API request without credentials',
    async (_instance, publishableKey) => {
      const app = express();
      app.use((req, _res, next) => {
        req.headers['sec-fetch-dest'] = 'empty'; // as api-auth.ts's bearerOnly does
        next();
      });
      app.use(
        clerkMiddleware({
          publishableKey,
          secretKey: setup.secretKey,
          jwtKey: setup.jwtKey,
          issuer: setup.issuer,
          authorizedParties: setup.authorizedParties,
        }),
      );
      app.all('/{*path}', (req, res) => {
        const auth = getAuth(req);
        res.json({ signedIn: auth.isAuthenticated, userId: auth.userId });
      });
      const running = await listen(app);
      try {
        const variants: [string, RequestInit][] = [
          ['/trpc/me.session', {}],
          ['/trpc/me.session,me.whoami?batch=1&input=%7B%7D', {}],
          ['/trpc/tasks.create', { method: 'POST', body: '{}' }],
          ['/trpc/me.session', { headers: { accept: 'text/html', 'sec-fetch-dest': 'document' } }],
          [
            '/trpc/me.session',
            { headers: { origin: 'https://evil.test', referer: 'https://evil.test/' } },
          ],
          [
            '/trpc/me.session',
            { headers: { 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'http' } },
          ],
          [
            '/trpc/me.session',
            { headers: { 'user-agent': 'curl/8', 'x-clerk-auth-status': 'signed-in' } },
          ],
        ];
        for (const [path, init] of variants) {
          const res = await fetch(`${running.baseUrl}${path}`, { ...init, redirect: 'manual' });
          expect({ path, init, status: res.status, body: await res.json() }).toEqual({
            path,
            init,
            status: 200,
            body: { signedIn: false, userId: null },
          });
        }
      } finally {
        await running.close();
      }
    },
  );
});

describe('the real app: sign-out and organization switches take effect at once', () => {
  let app: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    const harness = await createCallerHarness(testAuth.config, demoWorld());
    app = await listen(
      createApp(testAuth.config, { database: harness.database, signingKey: testAuth.signingKey })
        .app,
    );
  });
  afterAll(() => app?.close());

  let cookie = '';
  async function local(path: string, body?: unknown) {
    const res = await fetch(`${app.baseUrl}/auth/local/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body ?? {}),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    // biome-ignore lint/suspicious/noExplicitAny: JSON answers, checked by the assertions
    return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
  }
  async function trpc(path: string, token?: string) {
    const res = await fetch(`${app.baseUrl}/trpc/${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    // biome-ignore lint/suspicious/noExplicitAny: JSON answers, checked by the assertions
    return { status: res.status, body: (await res.json()) as any };
  }

  it('follows the session from token to token', async () => {
    const signIn = await local('sign-in', { userId: 'user_demo_ada' });
    const acme = signIn.body.token as string;
    expect((await trpc('org.current', acme)).status).toBe(200);
    expect((await trpc('org.adminCheck', acme)).status).toBe(200);

    const switched = await local('organization', { orgId: null });
    const noOrg = switched.body.token as string;
    expect((await trpc('org.current', noOrg)).status).toBe(403);
    expect((await trpc('me.session', noOrg)).body.result.data.orgId).toBeNull();

    expect((await local('sign-out')).status).toBe(204);
    expect((await local('token')).status).toBe(401);
    expect((await trpc('me.session')).status).toBe(401);

    const other = (await local('sign-in', { userId: 'user_demo_max' })).body.token as string;
    expect((await trpc('me.session', other)).body.result.data.userId).toBe('user_demo_max');
    expect((await trpc('org.adminCheck', other)).status).toBe(403);
  });
});
