import { describe, expect, it } from 'vitest';
import { createTestAuth, TEST_ORIGIN, testConfig } from '../../test/auth-fixture.ts';
import { demoWorld } from '../../test/personas.ts';
import { createFetchApiAuth } from './fetch-api-auth.ts';

const testAuth = createTestAuth(testConfig(), demoWorld());

const request = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${TEST_ORIGIN}${path}`, { headers });

describe('createFetchApiAuth: requests without credentials', () => {
  it('answers them all with the signed-out auth object Clerk built for the first one', async () => {
    const authenticate = createFetchApiAuth(testAuth.setup, { debugHeaders: false });
    const first = await authenticate(request('/trpc/me.whoami'));
    expect(first.auth.isAuthenticated).toBe(false);
    for (const path of ['/trpc/me.whoami', '/trpc/me.session?input=%7B%7D', '/trpc/a,b?batch=1']) {
      expect((await authenticate(request(path))).auth).toBe(first.auth);
    }
  });

  it('sends every request that may carry credentials to Clerk, and a valid token is signed in', async () => {
    const authenticate = createFetchApiAuth(testAuth.setup, { debugHeaders: false });
    const memo = (await authenticate(request('/trpc/me.whoami'))).auth;
    const mayCarryCredentials = [
      request('/trpc/me.whoami', { authorization: 'Bearer not-a-token' }),
      request('/trpc/me.whoami', { authorization: '' }),
      request('/trpc/me.whoami?__clerk_db_jwt=x'),
      request('/trpc/me.whoami?%5F%5Fclerk_db_jwt=x'),
    ];
    for (const carrier of mayCarryCredentials) {
      const { auth } = await authenticate(carrier);
      expect({ url: carrier.url, isMemo: auth === memo }).toEqual({
        url: carrier.url,
        isMemo: false,
      });
      expect(auth.isAuthenticated).toBe(false);
    }
    const valid = request('/trpc/me.session', {
      authorization: `Bearer ${testAuth.tokenFor('admin')}`,
    });
    expect((await authenticate(valid)).auth.userId).toBe('user_demo_ada');
  });

  it('asks Clerk every time in development, which explains each verdict in headers', async () => {
    const authenticate = createFetchApiAuth(testAuth.setup, { debugHeaders: true });
    const first = await authenticate(request('/trpc/me.whoami'));
    const second = await authenticate(request('/trpc/me.whoami'));
    expect(second.auth).not.toBe(first.auth);
    expect(second.headers.get('x-clerk-auth-status')).toBe('signed-out');
  });
});
