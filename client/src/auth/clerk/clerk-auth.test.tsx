import { useAuth, useClerk } from '@clerk/react';
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireSignedIn } from '../../layout/RequireSignedIn.tsx';
import { useAppAuth } from '../app-auth.ts';
import ClerkAuthProvider from './ClerkAuthProvider.tsx';
import { CLERK_LOAD_DEADLINE_MS } from './use-clerk-load-failed.ts';

// Clerk's cloud is never contacted: the provider passes its children through, and
// `useAuth()` and `useClerk().status` return whatever each test sets.
vi.mock('@clerk/react', () => ({
  useAuth: vi.fn(),
  useClerk: vi.fn(),
  ClerkProvider: vi.fn(({ children }: { children: ReactNode }) => children),
  SignIn: () => null,
  UserButton: () => null,
  OrganizationSwitcher: () => null,
}));

const mockedUseAuth = vi.mocked(useAuth);
type ClerkAuth = ReturnType<typeof useAuth>;
const mockedUseClerk = vi.mocked(useClerk);
type ClerkStatus = ReturnType<typeof useClerk>['status'];
const clerkStatus = (status: ClerkStatus) =>
  mockedUseClerk.mockReturnValue({ status } as ReturnType<typeof useClerk>);

function wrapper({ children }: { children: ReactNode }) {
  return (
    <MemoryRouter>
      <ClerkAuthProvider publishableKey="pk_test_Y2xlcmsuZXhhbXBsZS50ZXN0JA">
        {children}
      </ClerkAuthProvider>
    </MemoryRouter>
  );
}

/** Resolves to 'still pending' if the promise has not settled within `ms`. */
function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'still pending'> {
  return Promise.race([
    promise,
    new Promise<'still pending'>((resolve) => setTimeout(() => resolve('still pending'), ms)),
  ]);
}

beforeEach(() => {
  mockedUseAuth.mockReset();
  clerkStatus('ready');
});

describe('useAppAuth() in Clerk mode', () => {
  it('while Clerk is not loaded, getToken() resolves to null at once instead of hanging', async () => {
    // What Clerk does when its cloud is unreachable: getToken() never settles.
    const clerkGetToken = vi.fn(() => new Promise<string | null>(() => {}));
    mockedUseAuth.mockReturnValue({
      isLoaded: false,
      isSignedIn: undefined,
      userId: undefined,
      orgId: undefined,
      orgRole: undefined,
      getToken: clerkGetToken,
    } as unknown as ClerkAuth);

    const { result } = renderHook(() => useAppAuth(), { wrapper });
    expect(result.current).toMatchObject({
      isLoaded: false,
      isSignedIn: false,
      userId: null,
      orgId: null,
      orgRole: null,
    });
    expect(await settlesWithin(result.current.getToken(), 100)).toBeNull();
    expect(clerkGetToken).not.toHaveBeenCalled();
  });

  it('maps a signed-in Clerk session and asks Clerk for the token on each call', async () => {
    const clerkGetToken = vi
      .fn<() => Promise<string | null>>()
      .mockResolvedValueOnce('clerk-token-1')
      .mockResolvedValueOnce('clerk-token-2');
    mockedUseAuth.mockReturnValue({
      isLoaded: true,
      isSignedIn: true,
      userId: 'user_2abc',
      orgId: 'org_2xyz',
      orgRole: 'org:admin',
      getToken: clerkGetToken,
    } as unknown as ClerkAuth);

    const { result } = renderHook(() => useAppAuth(), { wrapper });
    expect(result.current).toMatchObject({
      isLoaded: true,
      isSignedIn: true,
      userId: 'user_2abc',
      orgId: 'org_2xyz',
      orgRole: 'org:admin',
    });
    expect(await result.current.getToken()).toBe('clerk-token-1');
    expect(await result.current.getToken()).toBe('clerk-token-2');
    expect(clerkGetToken).toHaveBeenCalledTimes(2);
  });

  it('maps a signed-out, loaded Clerk to signed out with nulls', async () => {
    mockedUseAuth.mockReturnValue({
      isLoaded: true,
      isSignedIn: false,
      userId: null,
      orgId: null,
      orgRole: null,
      getToken: vi.fn(async () => null),
    } as unknown as ClerkAuth);

    const { result } = renderHook(() => useAppAuth(), { wrapper });
    expect(result.current).toMatchObject({
      isLoaded: true,
      isSignedIn: false,
      userId: null,
      orgId: null,
      orgRole: null,
    });
    expect(await result.current.getToken()).toBeNull();
  });

  it('gives a signed-in user without an active organization null org fields', () => {
    mockedUseAuth.mockReturnValue({
      isLoaded: true,
      isSignedIn: true,
      userId: 'user_2abc',
      orgId: null,
      orgRole: null,
      getToken: vi.fn(async () => 't'),
    } as unknown as ClerkAuth);
    const { result } = renderHook(() => useAppAuth(), { wrapper });
    expect(result.current).toMatchObject({ isSignedIn: true, orgId: null, orgRole: null });
  });
});

/** What Clerk's `useAuth()` says before it has loaded (and forever, if it never does). */
const notLoaded = {
  isLoaded: false,
  isSignedIn: undefined,
  userId: undefined,
  orgId: undefined,
  orgRole: undefined,
  getToken: () => new Promise<string | null>(() => {}),
} as unknown as ClerkAuth;

describe('when Clerk cannot load (made-up key, blocked script, no network)', () => {
  const retry = vi.fn();

  function renderSignedInPage() {
    // A new element each time, so a rerender reaches the hooks (as Clerk's context would).
    const app = () => (
      <MemoryRouter>
        <ClerkAuthProvider publishableKey="pk_test_Y2xlcmsuZXhhbXBsZS50ZXN0JA" retry={retry}>
          <Routes>
            <Route element={<RequireSignedIn />}>
              <Route index element={<p>The board</p>} />
            </Route>
          </Routes>
        </ClerkAuthProvider>
      </MemoryRouter>
    );
    const view = render(app());
    return { rerender: () => view.rerender(app()) };
  }

  beforeEach(() => {
    retry.mockReset();
    mockedUseAuth.mockReturnValue(notLoaded);
  });

  it('says so within the deadline, naming the likely causes, and offers a retry', () => {
    vi.useFakeTimers();
    clerkStatus('loading');
    renderSignedInPage();
    act(() => vi.advanceTimersByTime(CLERK_LOAD_DEADLINE_MS - 1000));
    expect(screen.getByText('Checking your session…')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    act(() => vi.advanceTimersByTime(1000));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Sign-in could not load');
    expect(alert.textContent).toContain('clerk.example.test');
    for (const cause of ['publishable key', 'network', 'content blocker']) {
      expect(alert.textContent?.toLowerCase()).toContain(cause);
    }
    expect(screen.queryByText('Checking your session…')).toBeNull();
    expect(CLERK_LOAD_DEADLINE_MS).toBeLessThan(15_000);

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('says so at once when Clerk reports that it failed', () => {
    clerkStatus('error');
    renderSignedInPage();
    expect(screen.getByRole('alert').textContent).toContain('Sign-in could not load');
  });

  it('lets the app through if Clerk loads after all', () => {
    vi.useFakeTimers();
    clerkStatus('loading');
    const view = renderSignedInPage();
    act(() => vi.advanceTimersByTime(CLERK_LOAD_DEADLINE_MS));
    expect(screen.getByRole('alert')).toBeTruthy();

    clerkStatus('ready');
    mockedUseAuth.mockReturnValue({
      isLoaded: true,
      isSignedIn: true,
      userId: 'user_2abc',
      orgId: null,
      orgRole: null,
      getToken: vi.fn(async () => 't'),
    } as unknown as ClerkAuth);
    view.rerender();
    expect(screen.getByText('The board')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
