import { clerkPlugin } from '@clerk/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthSetup } from '../../auth/auth-setup.ts';
import { createSignedOutAuthMemo, isSignedOutAuthObject } from '../../fast-path/signed-out-auth.ts';
import {
  type ClerkAuthObject,
  createCachedClerkClient,
  deepFreeze,
} from '../../fast-path/verified-token-cache.ts';

/** `request.auth`: where Clerk's plugin leaves the auth object and `getAuth()` reads it. */
type RequestWithAuth = FastifyRequest & { auth?: unknown };
type Hook = (
  this: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  done?: unknown,
) => unknown;

/** Where the precheck says a token comes from: its verdict depends on the token alone. */
const VERIFY_URL = 'http://tasklane.invalid/trpc';

/**
 * Whether `auth` is a signed-in session auth object for the same session and token claims
 * as `verified` (the cached verdict): same user, session, organization, `iat` and `exp`.
 */
function sameSession(auth: unknown, verified: ClerkAuthObject | undefined): boolean {
  type SessionAuth = {
    isAuthenticated?: unknown;
    tokenType?: unknown;
    userId?: unknown;
    sessionId?: unknown;
    orgId?: unknown;
    sessionClaims?: { iat?: unknown; exp?: unknown } | null;
  };
  const a = auth as SessionAuth | null | undefined;
  const v = verified as SessionAuth | undefined;
  if (!a || !v || a.isAuthenticated !== true || a.tokenType !== 'session_token') return false;
  return (
    a.userId === v.userId &&
    a.sessionId === v.sessionId &&
    a.orgId === v.orgId &&
    a.sessionClaims?.iat === v.sessionClaims?.iat &&
    a.sessionClaims?.exp === v.sessionClaims?.exp
  );
}

/**
 * A hook of Clerk's plugin that does not run for a request already carrying `request.auth`,
 * in the style of the hook (callback or async: Fastify tells them apart by arity).
 */
function unlessAuthKept(hook: Hook): Hook {
  if (hook.length >= 3) {
    return function (this: unknown, request, reply, done) {
      if ((request as RequestWithAuth).auth) return (done as () => void)();
      return hook.call(this, request, reply, done);
    };
  }
  return async function (this: unknown, request, reply) {
    if ((request as RequestWithAuth).auth) return;
    return hook.call(this, request, reply);
  };
}

/**
 * Clerk's `clerkPlugin` on `api` (its `onRequest` hook), behind the verified-token cache
 * the other hosts verify through. In order, per request:
 *
 * 1. Precheck: a token is checked with the other hosts' verification (once per token, then
 *    remembered); one it refuses is removed before the plugin sees it. Why: the plugin
 *    throws (a 500) on a validly signed token whose claims it cannot read (a malformed
 *    `fea`, `o.per` or `o.fpm`), which the other hosts treat as no token.
 * 2. Reuse: a request whose exact `Authorization` header the plugin already accepted gets
 *    the auth object the plugin built for it then, while the cache holds the token as
 *    signed in and before its `exp` (verified-token-cache.ts, `attach`).
 * 3. Clerk's plugin, as it registers itself, except that its hooks step aside for a request
 *    that already carries `request.auth` (the plugin decorates it as `null`): the Fastify
 *    twin of `clerkMiddleware()` skipping a request with `req.auth` (fast-path/clerk-auth-reuse.ts).
 * 4. Keep: a signed-in auth object the plugin built is kept for that header.
 *
 * With `rememberSignedOut` (outside development, as on Express), a request without any
 * credentials gets the signed-out auth object the plugin built for the first such request
 * (fast-path/signed-out-auth.ts).
 *
 * Why reuse: the plugin builds a Clerk client of its own (it cannot be given the caching
 * one) and verifies every request from scratch: the request converted to a web `Request`,
 * the key imported, the token decoded several times. That was three quarters of the CPU
 * time of a signed-in tRPC call on this host (about 2,600 against 580 µs with reuse).
 *
 * The plugin is called directly rather than through `register()`: that is the one way to
 * hand it an instance whose `addHook` wraps its hooks. It is a `fastify-plugin` (no
 * encapsulation), so it lands in `api` as `register()` would put it; every other method
 * of the instance it is given is `api`'s own.
 */
export async function registerCachedClerkPlugin(
  api: FastifyInstance,
  auth: AuthSetup,
  { rememberSignedOut }: { rememberSignedOut: boolean },
) {
  const { cache, clerkClient } = createCachedClerkClient(auth);
  const signedOut = rememberSignedOut ? createSignedOutAuthMemo(isSignedOutAuthObject) : undefined;

  api.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header || cache.accepted(header)) return;
    const state = await clerkClient.authenticateRequest(
      new Request(VERIFY_URL, { headers: { authorization: header, 'sec-fetch-dest': 'empty' } }),
      { jwtKey: auth.jwtKey, issuer: auth.issuer, authorizedParties: auth.authorizedParties },
    );
    if (!state.isAuthenticated) delete request.headers.authorization;
  });

  api.addHook('onRequest', async (request) => {
    const kept = cache.attached(request.headers.authorization) ?? signedOut?.authFor(request.raw);
    if (kept) (request as RequestWithAuth).auth = kept;
  });

  // clerkPlugin hands all its options to `authenticateRequest()`, `issuer` included, though
  // its option type does not list it; a wrong `iss` is refused on every host (parity suite).
  const options = {
    publishableKey: auth.publishableKey,
    secretKey: auth.secretKey,
    jwtKey: auth.jwtKey,
    issuer: auth.issuer,
    authorizedParties: auth.authorizedParties,
    hookName: 'onRequest' as const,
  };
  const wrapping = new Proxy(api, {
    get(target, property) {
      if (property === 'addHook') {
        return (name: string, hook: Hook) =>
          target.addHook(name as 'onRequest', unlessAuthKept(hook) as never);
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await new Promise<void>((resolve, reject) => {
    clerkPlugin(wrapping, options, (error) => (error ? reject(error) : resolve()));
  });

  api.addHook('onRequest', async (request) => {
    const built = (request as RequestWithAuth).auth;
    const header = request.headers.authorization;
    // Frozen: from now on it is the one auth object of every request with this header.
    if (sameSession(built, cache.verifiedAuth(header))) cache.attach(header, deepFreeze(built));
    signedOut?.keep(request.raw, built);
  });
}
