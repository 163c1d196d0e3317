import type { SessionAuthObject } from '@clerk/backend';
import type { AuthSetup } from '../../auth/auth-setup.ts';
import { createSignedOutAuthMemo, isSignedOutAuthObject } from '../../fast-path/signed-out-auth.ts';
import { createCachedClerkClient } from '../../fast-path/verified-token-cache.ts';
import { apiAuthorization } from '../../web/bearer-authorization.ts';
import { tokenRefusalLog } from '../../web/token-refusal-log.ts';

/** Headers Clerk adds to signed-out answers; the message names the authorized parties. */
const CLERK_DEBUG_HEADER_PREFIX = 'x-clerk-auth-';

/**
 * The API's Clerk verification for web requests, with the same rules as the Express
 * host's auth/clerk-auth.ts:
 * - Bearer only: `Authorization: Bearer <token>` (any case of the scheme) as Clerk and the
 *   cache read it, any other `Authorization` removed and reported; cookies are not passed
 *   to Clerk (a cookie token would make the API CSRF-prone and can make Clerk call its
 *   cloud to refresh a session), and the request is marked `Sec-Fetch-Dest: empty`, so
 *   Clerk never answers with its 307 handshake.
 * - Networkless: `jwtKey`, `issuer` and `authorizedParties` from the auth setup.
 * - Clerk's verdict on an accepted token is remembered until its `exp`
 *   (verified-token-cache.ts); refused tokens are verified every time.
 * - Outside development, a request without credentials gets the signed-out auth object
 *   Clerk built for the first one (signed-out-auth.ts).
 */
export function createFetchApiAuth(setup: AuthSetup, options: { debugHeaders: boolean }) {
  const { clerkClient } = createCachedClerkClient(setup);
  const log = tokenRefusalLog(setup.mode);
  const signedOut = options.debugHeaders
    ? undefined
    : createSignedOutAuthMemo(isSignedOutAuthObject);
  const verifyOptions = {
    publishableKey: setup.publishableKey,
    secretKey: setup.secretKey,
    jwtKey: setup.jwtKey,
    issuer: setup.issuer,
    authorizedParties: setup.authorizedParties,
  };

  /** Clerk's auth object for the request, and the headers to add to the answer. */
  return async function authenticate(
    request: Request,
  ): Promise<{ auth: SessionAuthObject; headers: Headers }> {
    const headers = new Headers(request.headers);
    const authorization = apiAuthorization(headers.get('authorization'), log);
    if (authorization === undefined) headers.delete('authorization');
    else headers.set('authorization', authorization);
    headers.delete('cookie');
    headers.set('sec-fetch-dest', 'empty');
    // What Clerk will see, for the signed-out memo: the token (if any), no cookie, the URL.
    const carrier = {
      headers: { authorization: headers.get('authorization') ?? undefined },
      url: request.url,
    };
    const remembered = signedOut?.authFor(carrier);
    if (remembered) return { auth: remembered as SessionAuthObject, headers: new Headers() };
    // Clerk reads the URL and headers only: the body stays with the original request.
    const verify = (requestHeaders: Headers) =>
      clerkClient.authenticateRequest(
        new Request(request.url, { method: request.method, headers: requestHeaders }),
        verifyOptions,
      );
    let state = await verify(headers);
    // A handshake (never expected with the headers above) carries no auth object: answer as
    // for a request without a token, with Clerk's own signed-out auth object.
    if (!state.toAuth()) {
      headers.delete('authorization');
      state = await verify(headers);
    }
    const auth = state.toAuth();
    signedOut?.keep(carrier, auth);
    const answerHeaders = new Headers();
    if (options.debugHeaders) {
      for (const [name, value] of state.headers) {
        if (name.startsWith(CLERK_DEBUG_HEADER_PREFIX)) answerHeaders.set(name, value);
      }
    }
    return { auth: auth as SessionAuthObject, headers: answerHeaders };
  };
}
