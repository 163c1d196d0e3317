import type { LocalSession, LocalUser } from '@tasklane/shared';

/**
 * The server's `/auth/local/*` endpoints (local mode's stand-in for Clerk's frontend API).
 * The session itself lives in an HttpOnly cookie scoped to /auth/local; each call that
 * succeeds returns a fresh 60 s session token.
 */

/** A refusal from the server (with its status), as opposed to a network failure. */
export class LocalAuthError extends Error {
  override name = 'LocalAuthError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/auth/local/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as
    | (T & { error?: { message?: string } })
    | null;
  if (!res.ok) {
    throw new LocalAuthError(res.status, json?.error?.message ?? `HTTP ${res.status}`);
  }
  return json as T;
}

export const localAuthApi = {
  listUsers: () => call<{ users: LocalUser[] }>('users').then((body) => body.users),
  signIn: (userId: string, orgId?: string | null) =>
    call<LocalSession>('sign-in', orgId === undefined ? { userId } : { userId, orgId }),
  /** A fresh token for the session in the cookie; 401 when there is none. */
  refreshToken: () => call<LocalSession>('token', {}),
  switchOrganization: (orgId: string | null) => call<LocalSession>('organization', { orgId }),
  signOut: () => call<void>('sign-out', {}),
};

export type LocalAuthApi = typeof localAuthApi;
