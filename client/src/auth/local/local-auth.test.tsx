import { act, renderHook } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend, tokenName } from '../../test/fake-backend.ts';
import { useAppAuth } from '../app-auth.ts';
import { LocalAuthProvider } from './LocalAuthProvider.tsx';
import { useLocalSessionStore } from './local-store-context.ts';

let backend: FakeBackend;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
  backend = new FakeBackend();
  globalThis.fetch = backend.fetch as typeof fetch;
});

afterEach(() => {
  vi.useRealTimers();
});

function wrapper({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      <LocalAuthProvider>{children}</LocalAuthProvider>
    </StrictMode>
  );
}

/** The app's hook, plus the local store to drive sign-in/out like local mode's screens do. */
function renderLocalAuth() {
  return renderHook(() => ({ auth: useAppAuth(), store: useLocalSessionStore() }), { wrapper });
}

/** Lets pending fetches and promise callbacks run, without moving the clock. */
async function settle() {
  await act(() => vi.advanceTimersByTimeAsync(0));
}

const tokenCalls = () => backend.count('POST', '/auth/local/token');

describe('useAppAuth() in local mode', () => {
  it('restores the session kept in the cookie on load (even under StrictMode)', async () => {
    backend.withSession('user_demo_max');
    const { result } = renderLocalAuth();
    expect(result.current.auth.isLoaded).toBe(false);
    expect(await result.current.auth.getToken()).toBeNull();

    await settle();
    expect(result.current.auth).toMatchObject({
      isLoaded: true,
      isSignedIn: true,
      userId: 'user_demo_max',
      orgId: 'org_demo_acme',
      orgRole: 'org:member',
    });
    expect(tokenName(await result.current.auth.getToken())).toBe(backend.lastToken());
  });

  it('is loaded and signed out when the cookie holds no session', async () => {
    const { result } = renderLocalAuth();
    await settle();
    expect(result.current.auth).toMatchObject({
      isLoaded: true,
      isSignedIn: false,
      userId: null,
      orgId: null,
      orgRole: null,
    });
    expect(await result.current.auth.getToken()).toBeNull();
  });

  it('signs in a demo user and hands out their token', async () => {
    const { result } = renderLocalAuth();
    await settle();
    await act(() => result.current.store.signIn('user_demo_ada'));

    const signIn = backend.requests.find((r) => r.path === '/auth/local/sign-in');
    expect(signIn?.body).toEqual({ userId: 'user_demo_ada' });
    expect(result.current.auth).toMatchObject({
      isSignedIn: true,
      userId: 'user_demo_ada',
      orgId: 'org_demo_acme',
      orgRole: 'org:admin',
    });
    expect(tokenName(await result.current.auth.getToken())).toBe(backend.lastToken());
  });

  it('refreshes the token in the background before its 60 s expiry', async () => {
    const { result } = renderLocalAuth();
    await settle();
    await act(() => result.current.store.signIn('user_demo_max'));
    const first = await result.current.auth.getToken();
    const before = tokenCalls();

    await act(() => vi.advanceTimersByTimeAsync(44_000));
    expect(tokenCalls()).toBe(before);
    await act(() => vi.advanceTimersByTimeAsync(2_000)); // 46 s: inside the 15 s margin
    expect(tokenCalls()).toBe(before + 1);

    const second = await result.current.auth.getToken();
    expect(second).not.toBe(first);
    expect(tokenName(second)).toBe(backend.lastToken());
    // The fresh token is good for another 45 s: no request for it.
    expect(tokenCalls()).toBe(before + 1);
  });

  it('getToken() refreshes by itself when the token is near expiry (timer throttled)', async () => {
    const { result } = renderLocalAuth();
    await settle();
    await act(() => result.current.store.signIn('user_demo_max'));
    const first = await result.current.auth.getToken();

    // Move the clock without running timers, as a throttled background tab would.
    vi.setSystemTime(Date.now() + 50_000);
    const fresh = await result.current.auth.getToken();
    expect(fresh).not.toBe(first);
    expect(tokenName(fresh)).toBe(backend.lastToken());
  });

  it('shares one in-flight refresh between concurrent callers', async () => {
    const { result } = renderLocalAuth();
    await settle();
    await act(() => result.current.store.signIn('user_demo_max'));
    const before = tokenCalls();

    let open!: () => void;
    backend.tokenGate = new Promise((resolve) => {
      open = resolve;
    });
    vi.setSystemTime(Date.now() + 50_000);
    const callers = [1, 2, 3, 4].map(() => result.current.auth.getToken());
    await settle();
    expect(tokenCalls()).toBe(before + 1);

    open();
    const tokens = await act(() => Promise.all(callers));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenName(tokens[0] ?? null)).toBe(backend.lastToken());
    expect(tokenCalls()).toBe(before + 1);
  });

  it('switches organization: the new token and role replace the old ones', async () => {
    const { result } = renderLocalAuth();
    await settle();
    await act(() => result.current.store.signIn('user_demo_ada'));
    await act(() => result.current.store.switchOrganization(null));
    expect(result.current.auth).toMatchObject({ isSignedIn: true, orgId: null, orgRole: null });
    expect(tokenName(await result.current.auth.getToken())).toBe(backend.lastToken());
  });

  it('signs out: the session ends, getToken() gives null and refreshing stops', async () => {
    const { result } = renderLocalAuth();
    await settle();
    await act(() => result.current.store.signIn('user_demo_max'));
    await act(() => result.current.store.signOut());

    expect(backend.count('POST', '/auth/local/sign-out')).toBe(1);
    expect(result.current.auth).toMatchObject({ isLoaded: true, isSignedIn: false, userId: null });
    expect(await result.current.auth.getToken()).toBeNull();
    const after = tokenCalls();
    await act(() => vi.advanceTimersByTimeAsync(120_000));
    expect(tokenCalls()).toBe(after);
  });

  it('a refresh already in flight cannot bring back a session that signed out', async () => {
    const { result } = renderLocalAuth();
    await settle();
    await act(() => result.current.store.signIn('user_demo_max'));
    let open!: () => void;
    backend.tokenGate = new Promise((resolve) => {
      open = resolve;
    });
    vi.setSystemTime(Date.now() + 50_000);
    const pending = result.current.auth.getToken();
    await settle();
    // The server still answers the refresh (it was sent before sign-out)…
    backend.session = { sessionId: 'sess_old', userId: 'user_demo_max', orgId: null };
    await act(() => result.current.store.signOut());
    backend.session = { sessionId: 'sess_old', userId: 'user_demo_max', orgId: null };
    open();
    await act(() => pending);
    // …but the client stays signed out.
    expect(result.current.auth.isSignedIn).toBe(false);
    expect(await result.current.auth.getToken()).toBeNull();
  });
});
