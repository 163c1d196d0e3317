import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAuth, TEST_ORIGIN } from '../../test/auth-fixture.ts';
import { createHarness } from '../../test/harness.ts';
import { HOSTS, type RunningHost } from '../../test/host-server.ts';
import { findWebRoute } from '../../web/web-route.ts';
import { localAuthRoutes } from './local-auth-routes.ts';
import { LocalSessionRegistry } from './session-registry.ts';

const harness = await createHarness();

describe.each(HOSTS)('%s host', (kind) => {
  let server: RunningHost;
  beforeAll(async () => {
    server = await harness.startTestHost(kind);
  });
  afterAll(() => server?.close());

  /** A tiny browser: keeps the local session cookie between calls (`cookie` starts it with one). */
  function browser(cookie = '') {
    return async (path: string, body?: unknown, extraHeaders: Record<string, string> = {}) => {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          origin: TEST_ORIGIN,
          'content-type': 'application/json',
          ...(cookie ? { cookie } : {}),
          ...extraHeaders,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) cookie = setCookie.split(';')[0] ?? '';
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null, setCookie, cookie };
    };
  }

  async function whoami(token: string) {
    const res = await fetch(`${server.baseUrl}/trpc/me.whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { result: { data: Record<string, unknown> } };
    return body.result.data;
  }

  describe('/auth/local', () => {
    it('lists the demo users with their organizations and roles', async () => {
      const { json } = await browser()('/auth/local/users');
      expect(json.users.map((u: { id: string }) => u.id)).toEqual([
        'user_demo_ada',
        'user_demo_max',
        'user_demo_gina',
        'user_demo_nora',
      ]);
      expect(json.users[0].memberships).toEqual([
        { orgId: 'org_demo_acme', orgName: 'Acme Rockets', orgSlug: 'acme', role: 'org:admin' },
      ]);
    });

    it('signs in with the first organization active, and the token passes Clerk', async () => {
      const { status, json, setCookie } = await browser()('/auth/local/sign-in', {
        userId: 'user_demo_ada',
      });
      expect(status).toBe(200);
      expect(setCookie).toMatch(/HttpOnly; SameSite=Strict/);
      expect(json).toMatchObject({
        userId: 'user_demo_ada',
        orgId: 'org_demo_acme',
        orgRole: 'org:admin',
      });
      expect(json.expiresAt - Date.now()).toBeGreaterThan(50_000);
      expect(await whoami(json.token)).toEqual({
        signedIn: true,
        userId: 'user_demo_ada',
        orgId: 'org_demo_acme',
        orgRole: 'org:admin',
      });
    });

    it('refreshes the token for the session in the cookie', async () => {
      const b = browser();
      const signIn = await b('/auth/local/sign-in', { userId: 'user_demo_max' });
      const refreshed = await b('/auth/local/token', {});
      expect(refreshed.status).toBe(200);
      expect(refreshed.json.sessionId).toBe(signIn.json.sessionId);
      expect(refreshed.json.token).not.toBe(signIn.json.token);
      expect((await whoami(refreshed.json.token)).userId).toBe('user_demo_max');
    });

    it('switches to no organization and back, refusing one the user is not in', async () => {
      const b = browser();
      await b('/auth/local/sign-in', { userId: 'user_demo_max' });
      const none = await b('/auth/local/organization', { orgId: null });
      expect(none.json.orgId).toBeNull();
      expect((await whoami(none.json.token)).orgId).toBeNull();
      const foreign = await b('/auth/local/organization', { orgId: 'org_demo_globex' });
      expect(foreign.status).toBe(403);
      expect(foreign.json.error.code).toBe('FORBIDDEN');
      const back = await b('/auth/local/organization', { orgId: 'org_demo_acme' });
      expect((await whoami(back.json.token)).orgRole).toBe('org:member');
    });

    it('signs out: the cookie is cleared and no new token is issued', async () => {
      const b = browser();
      await b('/auth/local/sign-in', { userId: 'user_demo_max' });
      const out = await b('/auth/local/sign-out', {});
      expect(out.status).toBe(204);
      expect(out.setCookie).toMatch(/Max-Age=0/);
      const after = await b('/auth/local/token', {});
      expect(after.status).toBe(401);
      expect(after.json.error.code).toBe('UNAUTHORIZED');
    });

    it('signs out on the server: a copy of the cookie mints no more tokens', async () => {
      const b = browser();
      const signIn = await b('/auth/local/sign-in', { userId: 'user_demo_ada' });
      const copied = browser(signIn.cookie);
      expect((await copied('/auth/local/token', {})).status).toBe(200);

      expect((await b('/auth/local/sign-out', {})).status).toBe(204);
      for (const path of ['/auth/local/token', '/auth/local/organization']) {
        const refused = await copied(path, { orgId: null });
        expect(refused.status).toBe(401);
        expect(refused.json).toEqual({
          error: { code: 'UNAUTHORIZED', message: 'No local session: sign in first.' },
        });
      }
      // Tokens minted before the sign-out live out their 60 s, as Clerk's do.
      expect((await whoami(signIn.json.token)).userId).toBe('user_demo_ada');
    });

    it('a new sign-in in the same browser ends the session it replaces', async () => {
      const b = browser();
      const first = await b('/auth/local/sign-in', { userId: 'user_demo_ada' });
      const copied = browser(first.cookie);
      await b('/auth/local/sign-in', { userId: 'user_demo_max' });
      expect((await copied('/auth/local/token', {})).status).toBe(401);
      expect((await b('/auth/local/token', {})).json.userId).toBe('user_demo_max');
    });

    it('rejects unknown users, bad bodies and forged cookies with JSON errors', async () => {
      const b = browser();
      expect((await b('/auth/local/sign-in', { userId: 'user_nobody' })).status).toBe(404);
      expect((await b('/auth/local/sign-in', { user: 1 })).status).toBe(400);
      const forged = await b(
        '/auth/local/token',
        {},
        {
          cookie: 'tasklane_local_session=eyJ0eXAiOiJ4In0.c2ln',
        },
      );
      expect(forged.status).toBe(401);
    });

    it('publishes the public key as a JWKS', async () => {
      const { json } = await browser()('/auth/local/jwks.json');
      expect(json.keys).toEqual([
        expect.objectContaining({ kty: 'RSA', alg: 'RS256', kid: 'tasklane-local', use: 'sig' }),
      ]);
      expect(json.keys[0].d).toBeUndefined();
    });
  });
});

describe('/auth/local across instances and restarts', () => {
  it('keeps sessions in the database: another instance refreshes them and sees the sign-out', async () => {
    const { setup, signingKey } = createTestAuth();
    const post = (routes: ReturnType<typeof localAuthRoutes>, path: string, cookie = '') =>
      findWebRoute(routes, 'POST', path)!.handle(
        new Request(`${TEST_ORIGIN}${path}`, {
          method: 'POST',
          headers: { origin: TEST_ORIGIN, 'content-type': 'application/json', cookie },
          body: JSON.stringify({ userId: 'user_demo_max' }),
        }),
      );
    // Two instances (or one before and after a restart): the same key and database.
    const instance = () => localAuthRoutes(setup, signingKey, new LocalSessionRegistry(harness.db));
    const first = instance();
    const second = instance();
    const signIn = await post(first, '/auth/local/sign-in');
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect((await post(second, '/auth/local/token', cookie)).status).toBe(200);
    expect((await post(instance(), '/auth/local/token', cookie)).status).toBe(200);

    expect((await post(second, '/auth/local/sign-out', cookie)).status).toBe(204);
    expect((await post(first, '/auth/local/token', cookie)).status).toBe(401);
  });
});
