import { useAuth } from '@clerk/react';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppAuth } from '../app-auth.ts';
import ClerkAuthProvider from './ClerkAuthProvider.tsx';

// Clerk's cloud is never contacted: the provider passes its children through and
// `useAuth()` returns whatever each test sets.
vi.mock('@clerk/react', () => ({
  useAuth: vi.fn(),
  ClerkProvider: vi.fn(({ children }: { children: ReactNode }) => children),
  SignIn: () => null,
  UserButton: () => null,
  OrganizationSwitcher: () => null,
}));

const mockedUseAuth = vi.mocked(useAuth);
type ClerkAuth = ReturnType<typeof useAuth>;

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
