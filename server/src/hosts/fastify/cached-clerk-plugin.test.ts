import { getAuth } from '@clerk/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestAuth, testConfig } from '../../test/auth-fixture.ts';
import { demoWorld } from '../../test/personas.ts';
import { registerCachedClerkPlugin } from './cached-clerk-plugin.ts';

const testAuth = createTestAuth(testConfig(), demoWorld());

interface Who {
  userId: string | null;
  orgId: string | null;
  /** Clerk's plugin ran for this request: it sets `request.clerk` (decorated as null). */
  pluginRan: boolean;
  /** This request's auth object is the one an earlier request of the same token got. */
  sameAsFirst: boolean;
}

/** A Fastify app with the cached Clerk plugin and a route that reports what it saw. */
async function whoApp(rememberSignedOut = false) {
  const app = Fastify();
  await registerCachedClerkPlugin(app, testAuth.setup, { rememberSignedOut });
  const firstAuth = new Map<string, unknown>();
  app.get('/who', async (request): Promise<Who> => {
    const auth = getAuth(request);
    const header = request.headers.authorization ?? '';
    if (!firstAuth.has(header)) firstAuth.set(header, auth);
    return {
      userId: auth.userId,
      orgId: auth.orgId ?? null,
      pluginRan: (request as { clerk?: unknown }).clerk != null,
      sameAsFirst: firstAuth.get(header) === auth,
    };
  });
  return app;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await whoApp();
});
afterAll(() => app?.close());
afterEach(() => {
  vi.useRealTimers();
});

async function who(
  token?: string,
  init: { on?: FastifyInstance; headers?: Record<string, string>; query?: string } = {},
): Promise<Who> {
  const headers: Record<string, string> = { 'sec-fetch-dest': 'empty', ...init.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await (init.on ?? app).inject({
    method: 'GET',
    url: `/who${init.query ?? ''}`,
    headers,
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const ada = { userId: 'user_demo_ada', orgId: 'org_demo_acme' };
const signedOut = { userId: null, orgId: null };

describe('registerCachedClerkPlugin: Clerk’s Fastify plugin behind the verified-token cache', () => {
  it("answers repeats of an accepted token with the auth object Clerk's plugin built, without running it again", async () => {
    const token = testAuth.tokenFor('admin');
    expect(await who(token)).toEqual({ ...ada, pluginRan: true, sameAsFirst: true });
    expect(await who(token)).toEqual({ ...ada, pluginRan: false, sameAsFirst: true });
    expect(await who(token)).toEqual({ ...ada, pluginRan: false, sameAsFirst: true });
  });

  it("runs Clerk's plugin for every refused token, even after a valid one was reused, and signs it out", async () => {
    const valid = testAuth.tokenFor('member');
    await who(valid);
    expect((await who(valid)).pluginRan).toBe(false);
    const refused = testAuth.refusedTokensFor('member', valid);
    for (const token of [...refused, ...refused]) {
      expect(await who(token)).toMatchObject({ ...signedOut, pluginRan: true });
    }
  });

  it('honours a new token at once: another organization, another user', async () => {
    await who(testAuth.tokenFor('admin'));
    expect(await who(testAuth.tokenFor('otherAdmin'))).toMatchObject({
      userId: 'user_demo_gina',
      orgId: 'org_demo_globex',
      pluginRan: true,
    });
    const switched = testAuth.tokenFor('admin', {
      organization: { id: 'org_demo_globex', slug: 'globex', role: 'org:member', permissions: [] },
    });
    expect(await who(switched)).toMatchObject({
      userId: 'user_demo_ada',
      orgId: 'org_demo_globex',
      pluginRan: true,
    });
    expect(await who()).toMatchObject({ ...signedOut, pluginRan: true });
  });

  it('stops reusing at the token exp, and Clerk then decides with its clock skew', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2031-01-01T00:00:00Z').getTime();
    vi.setSystemTime(start);
    const token = testAuth.tokenFor('noOrg', { ttlSeconds: 60 });
    expect((await who(token)).pluginRan).toBe(true);
    vi.setSystemTime(start + 59_000);
    expect(await who(token)).toMatchObject({ userId: 'user_demo_nora', pluginRan: false });
    vi.setSystemTime(start + 60_000);
    expect(await who(token)).toMatchObject({ userId: 'user_demo_nora', pluginRan: true });
    vi.setSystemTime(start + 66_000);
    expect(await who(token)).toMatchObject({ ...signedOut, pluginRan: true });
  });
});

describe('registerCachedClerkPlugin with rememberSignedOut', () => {
  let memo: FastifyInstance;
  beforeAll(async () => {
    memo = await whoApp(true);
  });
  afterAll(() => memo?.close());

  it("runs Clerk's plugin for the first request without credentials only, then reuses its signed-out auth", async () => {
    expect(await who(undefined, { on: memo })).toEqual({
      ...signedOut,
      pluginRan: true,
      sameAsFirst: true,
    });
    expect(await who(undefined, { on: memo })).toEqual({
      ...signedOut,
      pluginRan: false,
      sameAsFirst: true,
    });
    expect(await who(undefined, { on: memo, query: '?input=%7B%7D' })).toMatchObject({
      ...signedOut,
      pluginRan: false,
    });
  });

  it("runs Clerk's plugin for every request that may carry credentials, and a valid token is signed in", async () => {
    await who(undefined, { on: memo });
    const mayCarryCredentials = [
      { headers: { cookie: `__session=${testAuth.tokenFor('member')}` } },
      { query: '?__clerk_db_jwt=x' },
    ];
    for (const init of mayCarryCredentials) {
      expect(await who(undefined, { on: memo, ...init })).toMatchObject({ pluginRan: true });
    }
    expect(await who(testAuth.tokenFor('admin'), { on: memo })).toMatchObject({
      ...ada,
      pluginRan: true,
    });
  });
});
