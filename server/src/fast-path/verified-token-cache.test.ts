import { afterEach, describe, expect, it, vi } from 'vitest';
import { clerkClientFor } from '../auth/clerk-client.ts';
import { generateSigningKey } from '../auth/local/signing-key.ts';
import { createTestAuth, TEST_ORIGIN, testConfig } from '../test/auth-fixture.ts';
import { countingClerk } from '../test/counting-clerk.ts';
import { demoWorld } from '../test/personas.ts';
import { createVerifiedTokenCache } from './verified-token-cache.ts';

const testAuth = createTestAuth(testConfig(), demoWorld());
const { setup } = testAuth;

/** The options `clerkMiddleware()` passes for our setup (the ones that matter here). */
const OPTIONS = {
  jwtKey: setup.jwtKey,
  issuer: setup.issuer,
  authorizedParties: setup.authorizedParties,
  acceptsToken: 'any' as const,
};

function setupCache(maxEntries?: number) {
  const { client, counter } = countingClerk(clerkClientFor(setup));
  const cache = createVerifiedTokenCache(maxEntries ? { maxEntries } : {});
  const cached = cache.wrap(client);
  /** Clerk's verdict as `clerkMiddleware()` would get it, and its auth object. */
  async function authenticate(token: string | undefined, options: object = OPTIONS) {
    const headers = new Headers({ 'sec-fetch-dest': 'empty' });
    if (token) headers.set('authorization', `Bearer ${token}`);
    const state = await cached.authenticateRequest(
      new Request(`${TEST_ORIGIN}/trpc`, { headers }),
      options,
    );
    const auth = state.toAuth();
    return { state, auth, userId: auth && 'userId' in auth ? auth.userId : null };
  }
  return { cache, counter, authenticate };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function tamper(token: string, claims: Record<string, unknown>) {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...decoded, ...claims })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('verified-token cache', () => {
  it('verifies a token once and then answers from the cache with the same auth', async () => {
    const { counter, authenticate, cache } = setupCache();
    const token = testAuth.tokenFor('member');
    const first = await authenticate(token);
    const second = await authenticate(token);
    expect(first.userId).toBe('user_demo_max');
    expect(second.auth).toBe(first.auth);
    expect(Object.isFrozen(second.auth)).toBe(true);
    expect(counter.calls).toBe(1);
    expect(cache.size).toBe(1);
  });

  const hostile: [string, (valid: string) => string][] = [
    ['expired', () => testAuth.tokenFor('member', { now: nowSeconds() - 600 })],
    ['tampered (the cached token with another sub)', (valid) => tamper(valid, { sub: 'user_x' })],
    ['tampered (the cached token with a later exp)', (valid) => tamper(valid, { exp: 9e9 })],
    ['signed by another key', () => testAuth.tokenFor('member', { key: generateSigningKey() })],
    [
      'for another party (azp)',
      () => testAuth.tokenFor('member', { authorizedParty: 'https://evil.test' }),
    ],
    [
      'from another issuer',
      () => testAuth.tokenFor('member', { issuer: 'https://clerk.evil.test' }),
    ],
    ['not valid yet', () => testAuth.tokenFor('member', { now: nowSeconds() + 600 })],
  ];

  it.each(hostile)(
    'refuses a token %s after a valid one was cached, every time',
    async (_, make) => {
      const { counter, authenticate, cache } = setupCache();
      const valid = testAuth.tokenFor('member');
      expect((await authenticate(valid)).userId).toBe('user_demo_max');
      const bad = make(valid);
      for (let attempt = 1; attempt <= 2; attempt++) {
        const { state, userId } = await authenticate(bad);
        expect(state.isAuthenticated).toBe(false);
        expect(userId).toBeNull();
        expect(counter.calls).toBe(1 + attempt);
      }
      expect(cache.size).toBe(1);
    },
  );

  it('stops answering from the cache at the token exp; Clerk then refuses it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2030-01-01T00:00:00Z').getTime();
    vi.setSystemTime(start);
    const { counter, authenticate } = setupCache();
    const token = testAuth.tokenFor('member', { ttlSeconds: 60 });

    expect((await authenticate(token)).userId).toBe('user_demo_max');
    vi.setSystemTime(start + 59_999);
    expect((await authenticate(token)).userId).toBe('user_demo_max');
    expect(counter.calls).toBe(1);

    // At exp the cache steps aside; Clerk decides (it allows 5 s of clock skew).
    vi.setSystemTime(start + 60_000);
    await authenticate(token);
    expect(counter.calls).toBe(2);
    vi.setSystemTime(start + 66_000);
    const late = await authenticate(token);
    expect(late.state.isAuthenticated).toBe(false);
    expect(late.state.reason).toMatch(/expired/);
    expect(counter.calls).toBe(3);
  });

  it('honours a new token at once: switched organization, signed out, other user', async () => {
    const { authenticate } = setupCache();
    const acme = await authenticate(testAuth.tokenFor('member'));
    expect(acme.auth).toMatchObject({ orgId: 'org_demo_acme', orgRole: 'org:member' });

    // Same session, organization switched off: the SPA's next token says so.
    const noOrg = await authenticate(testAuth.tokenFor('member', { organization: undefined }));
    expect(noOrg.auth).toMatchObject({ userId: 'user_demo_max', orgId: undefined });

    // Signed out: the SPA sends no token any more.
    expect((await authenticate(undefined)).state.isAuthenticated).toBe(false);

    // Signed in as someone else.
    expect((await authenticate(testAuth.tokenFor('admin'))).userId).toBe('user_demo_ada');
  });

  it('does not reuse a verdict given under other options', async () => {
    const { counter, authenticate } = setupCache();
    const token = testAuth.tokenFor('member');
    await authenticate(token);
    const elsewhere = await authenticate(token, {
      ...OPTIONS,
      authorizedParties: ['https://other.test'],
    });
    expect(elsewhere.state.isAuthenticated).toBe(false);
    expect(counter.calls).toBe(2);
  });

  it('keeps at most maxEntries tokens, dropping the oldest', async () => {
    const { counter, authenticate, cache } = setupCache(2);
    const [a, b, c] = ['member', 'admin', 'noOrg'].map((p) =>
      testAuth.tokenFor(p as 'member' | 'admin' | 'noOrg'),
    );
    for (const token of [a, b, c]) await authenticate(token);
    expect(cache.size).toBe(2);
    await authenticate(c);
    expect(counter.calls).toBe(3);
    await authenticate(a);
    expect(counter.calls).toBe(4);
  });

  it('treats a validly signed token with NUL in a stored claim as no token, and keeps nothing', async () => {
    // Only the key holder can mint these; PostgreSQL text cannot store them.
    const { authenticate, cache } = setupCache();
    const nul = (value: string) => `${value}\u0000x`;
    const member = testAuth.world.personas.member!;
    const org = { ...member.org!, permissions: [] };
    const overrides = [
      { userId: nul(member.userId) },
      { organization: { ...org, id: nul(org.id) } },
      { organization: { ...org, role: nul(org.role) as typeof org.role } },
      { organization: { ...org, slug: nul(org.slug) } },
    ];
    for (const override of overrides) {
      const { state, userId } = await authenticate(testAuth.tokenFor('member', override));
      expect({ override, signedIn: state.isAuthenticated, userId }).toEqual({
        override,
        signedIn: false,
        userId: null,
      });
    }
    expect(cache.size).toBe(0);
    // The same identity without the NUL is accepted.
    expect((await authenticate(testAuth.tokenFor('member'))).userId).toBe(member.userId);
  });

  it('leaves requests without a Bearer header to Clerk every time', async () => {
    const { counter, authenticate, cache } = setupCache();
    await authenticate(undefined);
    await authenticate(undefined);
    expect(counter.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('attaches a value only to a live verdict, keeps the first, and drops it at exp', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { cache, authenticate } = setupCache();
    const token = testAuth.tokenFor('member', { ttlSeconds: 60 });
    const header = `Bearer ${token}`;

    cache.attach(header, 'before');
    expect(cache.attached(header)).toBeUndefined();

    await authenticate(token);
    cache.attach(header, 'first');
    cache.attach(header, 'second');
    expect(cache.attached(header)).toBe('first');
    expect(cache.attached(`${header}x`)).toBeUndefined();
    expect(cache.verifiedAuth(header)).toBe((await authenticate(token)).auth);

    vi.setSystemTime(Date.now() + 61_000);
    expect(cache.attached(header)).toBeUndefined();
    expect(cache.verifiedAuth(header)).toBeUndefined();
  });
});
