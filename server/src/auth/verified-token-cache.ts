import type { ClerkClient, ExpressRequestWithAuth } from '@clerk/express';

type AuthenticateRequest = ClerkClient['authenticateRequest'];
/**
 * Clerk's overloads narrow the state by `acceptsToken`; inside the wrapper its widest
 * form is enough (`clerkMiddleware()` asks for `acceptsToken: 'any'`).
 */
type AuthenticateOptions = Parameters<AuthenticateRequest>[1];
type RequestState = Awaited<ReturnType<AuthenticateRequest>>;
type Authenticate = (request: Request, options: AuthenticateOptions) => Promise<RequestState>;
/** What `clerkMiddleware()` puts on `req.auth` and `getAuth(req)` calls. */
export type ClerkAuthHandler = ExpressRequestWithAuth['auth'];
/** What Fastify's `clerkPlugin` puts on `request.auth` and `getAuth(request)` returns. */
export type ClerkAuthObject = NonNullable<ReturnType<RequestState['toAuth']>>;

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered; the oldest entry goes first. */
  maxEntries?: number;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

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
  /** `req.auth` as `clerkMiddleware()` built it from `state` (see clerk-auth-reuse.ts). */
  handler?: ClerkAuthHandler;
  /** `request.auth` as Fastify's `clerkPlugin` built it for this header (cached-clerk-plugin.ts). */
  authObject?: ClerkAuthObject;
}

/** `Bearer <token>`: the only header form the cache handles; anything else goes to Clerk. */
const BEARER = 'Bearer ';

/**
 * The token Clerk's own parser takes from this header (`split(' ', 2)`, scheme `Bearer`),
 * or undefined when the header is not a bearer header with a token.
 */
function bearerToken(header: string | null | undefined): string | undefined {
  if (!header?.startsWith(BEARER)) return undefined;
  return header.slice(BEARER.length).split(' ', 1)[0] || undefined;
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
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The state Clerk returned, with `toAuth()` remembered. Clerk builds a new auth object
 * (and a backend API client inside it) on every `getAuth(req)`; for a verified token the
 * result only depends on `treatPendingAsSignedOut`, so it is built once per value.
 */
function rememberAuth(state: RequestState): RequestState {
  const toAuth = state.toAuth;
  const built = new Map<boolean, ReturnType<typeof toAuth>>();
  const remembered = ((opts?: { treatPendingAsSignedOut?: boolean }) => {
    const key = opts?.treatPendingAsSignedOut ?? true;
    let auth = built.get(key);
    if (!auth) {
      auth = deepFreeze(toAuth(opts));
      built.set(key, auth);
    }
    return auth;
  }) as typeof toAuth;
  return { ...state, toAuth: remembered } as RequestState;
}

/** The claims the app stores (identity sync): PostgreSQL text cannot hold a NUL byte. */
const STORED_CLAIMS = ['userId', 'orgId', 'orgRole', 'orgSlug'] as const;

/**
 * Whether the verified claims can be used at all: Clerk can read them (a malformed `fea`,
 * `o.per` or `o.fpm` makes `toAuth()` throw), and the ones the app stores hold no NUL.
 */
function claimsUsable(state: RequestState): boolean {
  let auth: ReturnType<RequestState['toAuth']>;
  try {
    auth = state.toAuth();
  } catch {
    return false;
  }
  if (!auth) return true;
  const claims = auth as Partial<Record<(typeof STORED_CLAIMS)[number], unknown>>;
  return STORED_CLAIMS.every((name) => {
    const value = claims[name];
    return typeof value !== 'string' || !value.includes('\u0000');
  });
}

function withoutAuthorization(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete('authorization');
  return new Request(request.url, { method: request.method, headers });
}

/**
 * Whether `auth` is a signed-in session auth object for the same session and token claims
 * as `verified` (the cached verdict): same user, session, organization, `iat` and `exp`.
 */
function sameSession(auth: unknown, verified: ClerkAuthObject | null): auth is ClerkAuthObject {
  type SessionAuth = {
    isAuthenticated?: unknown;
    tokenType?: unknown;
    userId?: unknown;
    sessionId?: unknown;
    orgId?: unknown;
    sessionClaims?: { iat?: unknown; exp?: unknown } | null;
  };
  const a = auth as SessionAuth | null | undefined;
  const v = verified as SessionAuth | null;
  if (!a || !v || a.isAuthenticated !== true || a.tokenType !== 'session_token') return false;
  return (
    a.userId === v.userId &&
    a.sessionId === v.sessionId &&
    a.orgId === v.orgId &&
    a.sessionClaims?.iat === v.sessionClaims?.iat &&
    a.sessionClaims?.exp === v.sessionClaims?.exp
  );
}

/** The verified token's `exp` (seconds), from the claims Clerk checked. */
function expOf(state: RequestState): number | undefined {
  const auth = state.toAuth();
  if (!auth || !('sessionClaims' in auth) || !auth.sessionClaims) return undefined;
  const { exp } = auth.sessionClaims;
  return typeof exp === 'number' ? exp : undefined;
}

/**
 * Remembers Clerk's verdict on session tokens it accepted, so the same token is not
 * verified again on every request. Clerk still verifies every token once, and every
 * token it refused every time.
 *
 * Why it is safe:
 * - Keyed on the exact `Authorization: Bearer …` value. With a token in that header,
 *   Clerk's verdict depends on nothing else in the request (cookies, URL and the other
 *   headers are not read), and the options must be identical, value for value.
 * - Only signed-in session-token results are kept. Anything refused (expired, tampered,
 *   other key, wrong `azp`/`iss`, not yet valid) is verified again on every request, and
 *   a changed token (new organization, new session) is a new key, verified at once.
 * - An entry is never used at or after the token's `exp`; Clerk then decides again, with
 *   its usual clock skew. `nbf` and `iat` were already in the past when it was verified.
 * - Bounded: at `maxEntries` the oldest entry is dropped.
 * - Machine tokens (API keys, M2M, OAuth) are never kept: Clerk checks them online and
 *   they can be revoked.
 * The shared auth objects are frozen; their `debug()` describes the first request.
 */
export function createVerifiedTokenCache({
  maxEntries = DEFAULT_MAX_ENTRIES,
  // Read the clock Clerk reads, even if it is replaced later (tests fake `Date`).
  now = () => Date.now(),
}: VerifiedTokenCacheOptions = {}) {
  const entries = new Map<string, Entry>();

  /** The entry for this header while its token has not expired. */
  function live(header: string): Entry | undefined {
    const entry = entries.get(header);
    if (entry && now() >= entry.expiresAtMs) {
      entries.delete(header);
      return undefined;
    }
    return entry;
  }

  function store(header: string, entry: Entry) {
    if (entries.size >= maxEntries && !entries.has(header)) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(header, entry);
  }

  return {
    get size() {
      return entries.size;
    },

    /**
     * A Clerk client whose `authenticateRequest` consults the cache. Give it to
     * `clerkMiddleware({ clerkClient })`: the middleware and `getAuth(req)` stay Clerk's.
     */
    wrap(client: ClerkClient): ClerkClient {
      const verify = client.authenticateRequest as Authenticate;
      const authenticateRequest: Authenticate = async (request, options) => {
        const header = request.headers.get('authorization');
        const token = bearerToken(header);
        if (!header || !token) return verify(request, options);

        const entry = live(header);
        if (entry && sameOptions(entry.options, options)) return entry.state;

        const state = await verify(request, options);
        // A validly signed token whose claims cannot be used (see claimsUsable) is treated
        // as no token at all: a 401, never a 500 from every `getAuth(req)` or database
        // write that follows.
        if (!claimsUsable(state)) return verify(withoutAuthorization(request), options);
        const exp = state.isAuthenticated && state.tokenType === 'session_token' && expOf(state);
        if (!exp || state.token !== token || now() >= exp * 1000) return state;
        const remembered = rememberAuth(state);
        store(header, { options, state: remembered, expiresAtMs: exp * 1000 });
        return remembered;
      };
      return { ...client, authenticateRequest: authenticateRequest as AuthenticateRequest };
    },

    /** Whether Clerk accepted the token in this exact header and it has not expired yet. */
    accepted(header: string | undefined): boolean {
      return Boolean(header && bearerToken(header) && live(header));
    },

    /** `req.auth` as Clerk built it for this exact header, while the token is valid. */
    handlerFor(header: string | undefined): ClerkAuthHandler | undefined {
      return header && bearerToken(header) ? live(header)?.handler : undefined;
    },

    /**
     * Keeps `req.auth` for this header if Clerk built it from the cached state, i.e. it
     * returns that state's (remembered, identical) auth object. A handler built from any
     * other verdict (say, a refusal racing with an acceptance) is not kept.
     */
    keepHandler(header: string | undefined, handler: ClerkAuthHandler | undefined) {
      const entry = header && bearerToken(header) ? live(header) : undefined;
      if (!entry || entry.handler || typeof handler !== 'function') return;
      if (handler() === entry.state.toAuth()) entry.handler = handler;
    },

    /** `request.auth` as Fastify's `clerkPlugin` built it for this exact header, while the token is valid. */
    authObjectFor(header: string | undefined): ClerkAuthObject | undefined {
      return header && bearerToken(header) ? live(header)?.authObject : undefined;
    },

    /**
     * Keeps the auth object Fastify's `clerkPlugin` built for this header, if it is the
     * signed-in session the cache holds for the header (same user, session, organization,
     * `iat`, `exp`); anything else (a refusal, a different verdict) is not kept. It is
     * frozen: from now on it is the one object of every request with this header.
     */
    keepAuthObject(header: string | undefined, auth: unknown) {
      const entry = header && bearerToken(header) ? live(header) : undefined;
      if (!entry || entry.authObject || !sameSession(auth, entry.state.toAuth())) return;
      entry.authObject = deepFreeze(auth);
    },
  };
}

export type VerifiedTokenCache = ReturnType<typeof createVerifiedTokenCache>;
