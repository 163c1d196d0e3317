import type { ClerkClient } from '@clerk/backend';
import type { AuthSetup } from '../auth/auth-setup.ts';
import { clerkClientFor } from '../auth/clerk-client.ts';

type AuthenticateRequest = ClerkClient['authenticateRequest'];
/** Clerk's overloads narrow the state by `acceptsToken`; its widest form is enough here. */
type AuthenticateOptions = Parameters<AuthenticateRequest>[1];
type RequestState = Awaited<ReturnType<AuthenticateRequest>>;
type Authenticate = (request: Request, options: AuthenticateOptions) => Promise<RequestState>;
/** Clerk's auth object, as `toAuth()` builds it. */
export type ClerkAuthObject = NonNullable<ReturnType<RequestState['toAuth']>>;

/**
 * Enough for thousands of concurrently active sessions (Clerk's SPA refreshes its token
 * every ~50 s, so a session holds one or two live tokens); a few KB per entry.
 */
export const DEFAULT_MAX_ENTRIES = 5_000;

interface Entry {
  /** The exact options Clerk verified with: any difference and the entry is not used. */
  options: AuthenticateOptions;
  state: RequestState;
  /** The token's `exp`, in ms: the entry is never used at or after it. */
  expiresAtMs: number;
  /** What a host built from this verdict for reuse (clerk-auth-reuse.ts), dropped with it. */
  attached?: unknown;
}

/** The token of a `Bearer <token>` header as Clerk's own parser takes it (`split(' ', 2)`). */
function bearerToken(header: string | null | undefined): string | undefined {
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice('Bearer '.length).split(' ', 1)[0] || undefined;
}

/** Both option objects name the same values for the same keys. */
function sameOptions(a: AuthenticateOptions, b: AuthenticateOptions): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof typeof a)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.is(a[key], b[key]));
}

/** Freezes an auth object and its claims: one object now serves many requests. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The state with `toAuth()` remembered: Clerk builds a new auth object (and an API client
 * inside it) on every `getAuth(req)`; for a verified token it depends only on
 * `treatPendingAsSignedOut`, so it is built once per value.
 */
function rememberAuth(state: RequestState): RequestState {
  const toAuth = state.toAuth;
  const built = new Map<boolean, ReturnType<typeof toAuth>>();
  const remembered = ((opts?: { treatPendingAsSignedOut?: boolean }) => {
    const key = opts?.treatPendingAsSignedOut ?? true;
    if (!built.has(key)) built.set(key, deepFreeze(toAuth(opts)));
    return built.get(key);
  }) as typeof toAuth;
  return { ...state, toAuth: remembered } as RequestState;
}

/** The verified session token's `exp` (seconds). */
function expOf(state: RequestState): number | undefined {
  const auth = state.toAuth();
  const exp = auth && 'sessionClaims' in auth ? auth.sessionClaims?.exp : undefined;
  return typeof exp === 'number' ? exp : undefined;
}

/**
 * Remembers Clerk's verdict on session tokens it accepted, so a token is verified once,
 * not on every request; given to `clerkMiddleware({ clerkClient })`, its public option.
 *
 * Why it is safe:
 * - Keyed on the exact `Authorization: Bearer …` value. With a token in that header, Clerk's
 *   verdict depends on nothing else in the request, and the options must be identical.
 *   Every host spells the scheme `Bearer` before Clerk or this cache sees the header
 *   (web/bearer-authorization.ts), so `bearer <token>` shares the entry of `Bearer <token>`.
 * - Only signed-in session-token results are kept: anything refused is verified again on
 *   every request, and a changed token (new organization, new session) is a new key.
 * - An entry is never used at or after the token's `exp`; Clerk then decides again.
 * - Bounded: at `maxEntries` the oldest entry is dropped. Machine tokens (API keys, M2M,
 *   OAuth) are never kept: Clerk checks them online and they can be revoked.
 */
export function createVerifiedTokenCache({
  maxEntries = DEFAULT_MAX_ENTRIES,
  // Read the clock Clerk reads, even if it is replaced later (tests fake `Date`).
  now = () => Date.now(),
}: {
  maxEntries?: number;
  now?: () => number;
} = {}) {
  const entries = new Map<string, Entry>();

  /** The entry for this exact bearer header while its token has not expired. */
  function live(header: string | null | undefined): Entry | undefined {
    if (!header || !bearerToken(header)) return undefined;
    const entry = entries.get(header);
    if (entry && now() >= entry.expiresAtMs) {
      entries.delete(header);
      return undefined;
    }
    return entry;
  }

  return {
    get size() {
      return entries.size;
    },

    /** A Clerk client whose `authenticateRequest` consults the cache first. */
    wrap(client: ClerkClient): ClerkClient {
      const verify = client.authenticateRequest as Authenticate;
      const authenticateRequest: Authenticate = async (request, options) => {
        const header = request.headers.get('authorization');
        const entry = live(header);
        if (entry && sameOptions(entry.options, options)) return entry.state;
        const state = await verify(request, options);
        const token = bearerToken(header);
        const exp = state.isAuthenticated && state.tokenType === 'session_token' && expOf(state);
        if (!header || !token || !exp || state.token !== token || now() >= exp * 1000) {
          return state;
        }
        const remembered = rememberAuth(state);
        if (entries.size >= maxEntries && !entries.has(header)) {
          entries.delete(entries.keys().next().value as string);
        }
        entries.set(header, { options, state: remembered, expiresAtMs: exp * 1000 });
        return remembered;
      };
      return { ...client, authenticateRequest: authenticateRequest as AuthenticateRequest };
    },

    /** Whether Clerk accepted the token in this exact header and it has not expired yet. */
    accepted(header: string | undefined): boolean {
      return live(header) !== undefined;
    },

    /** The auth object of the verdict for this exact header, while its token is valid. */
    verifiedAuth(header: string | undefined): ClerkAuthObject | undefined {
      return live(header)?.state.toAuth() ?? undefined;
    },

    /** What was attached to this header's verdict, while its token is valid. */
    attached(header: string | undefined): unknown {
      return live(header)?.attached;
    },

    /** Attaches a value built from this header's verdict (the first one stays). */
    attach(header: string | undefined, value: unknown) {
      const entry = live(header);
      if (entry && entry.attached === undefined) entry.attached = value;
    },
  };
}

export type VerifiedTokenCache = ReturnType<typeof createVerifiedTokenCache>;

/** A Clerk client for the auth setup that verifies through a new verified-token cache. */
export function createCachedClerkClient(setup: AuthSetup) {
  const cache = createVerifiedTokenCache();
  return { cache, clerkClient: cache.wrap(clerkClientFor(setup)) };
}
