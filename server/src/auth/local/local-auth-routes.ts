import {
  type LocalSession,
  localSignInInputSchema,
  localSwitchOrgInputSchema,
  ROLE_PERMISSIONS,
} from '@tasklane/shared';
import {
  jsonErrorResponse,
  jsonResponse,
  payloadTooLargeResponse,
} from '../../web/json-response.ts';
import { readJsonBody, TOO_LARGE } from '../../web/read-body.ts';
import type { WebRoute } from '../../web/web-route.ts';
import type { AuthSetup } from '../auth-setup.ts';
import { DEMO_USERS, findDemoUser } from './demo-directory.ts';
import {
  clearedCookieHeader,
  cookieHeader,
  decodeSessionCookie,
  encodeSessionCookie,
  type LocalSessionState,
  newSessionId,
  readCookie,
  SESSION_COOKIE,
} from './session-cookie.ts';
import type { LocalSessionRegistry } from './session-registry.ts';
import { mintSessionToken, SESSION_TOKEN_TTL_SECONDS } from './session-token.ts';
import type { SigningKey } from './signing-key.ts';

/** Bodies here are a user id and an organization id: anything bigger is refused. */
const MAX_BODY_BYTES = 4 * 1024;
const PREFIX = '/auth/local';

/**
 * `/auth/local/*`: local mode's stand-in for Clerk's frontend API. It signs in demo
 * users, names their session in a signed cookie, and mints 60 s session tokens that
 * the API verifies through Clerk exactly like Clerk's, for as long as the session is live
 * in `sessions` (the database, so any instance can refresh it): signing out ends it there.
 * Web Request/Response handlers, so every host serves the same endpoints.
 */
export function localAuthRoutes(
  setup: AuthSetup,
  signingKey: SigningKey,
  sessions: LocalSessionRegistry,
): WebRoute[] {
  /** The token's `azp`: the calling SPA's origin when authorized, else the first one. */
  const authorizedPartyFor = (request: Request) => {
    const origin = request.headers.get('origin');
    return origin && setup.authorizedParties.includes(origin)
      ? origin
      : (setup.authorizedParties[0] ?? '');
  };

  /** The token and cookie of a session that is live (started or touched just before). */
  const issueSession = (request: Request, state: LocalSessionState) => {
    const user = findDemoUser(state.userId);
    const membership = user?.memberships.find((m) => m.orgId === state.orgId);
    const now = Math.floor(Date.now() / 1000);
    const token = mintSessionToken(signingKey, {
      userId: state.userId,
      sessionId: state.sessionId,
      authorizedParty: authorizedPartyFor(request),
      issuer: setup.issuer,
      now,
      organization: membership && {
        id: membership.orgId,
        slug: membership.orgSlug,
        role: membership.role,
        permissions: ROLE_PERMISSIONS[membership.role],
      },
    });
    const secure = new URL(request.url).protocol === 'https:';
    const body: LocalSession = {
      sessionId: state.sessionId,
      userId: state.userId,
      orgId: membership?.orgId ?? null,
      orgRole: membership?.role ?? null,
      token,
      expiresAt: (now + SESSION_TOKEN_TTL_SECONDS) * 1000,
    };
    return jsonResponse(body, {
      headers: {
        'cache-control': 'no-store',
        'set-cookie': cookieHeader(encodeSessionCookie(signingKey, state), secure),
      },
    });
  };

  /** The cookie's session, whatever its state: sign-in and sign-out end it. */
  const cookieSession = (request: Request) =>
    decodeSessionCookie(
      signingKey,
      readCookie(request.headers.get('cookie') ?? undefined, SESSION_COOKIE),
    );

  /** The cookie's session if it is still live: a signed cookie alone is not enough. */
  const currentSession = async (request: Request) => {
    const session = cookieSession(request);
    return session && (await sessions.isLive(session.sessionId, session.userId))
      ? session
      : undefined;
  };

  /** A fresh token for a live session, whose lifetime restarts; 401 if it ended meanwhile. */
  const renewSession = async (request: Request, state: LocalSessionState) =>
    (await sessions.touch(state.sessionId, state.userId))
      ? issueSession(request, state)
      : noSession();

  const noSession = () =>
    jsonErrorResponse(401, 'UNAUTHORIZED', 'No local session: sign in first.');

  return [
    {
      method: 'GET',
      path: `${PREFIX}/users`,
      handle: async () => jsonResponse({ users: DEMO_USERS }),
    },
    {
      method: 'GET',
      path: `${PREFIX}/jwks.json`,
      handle: async () => jsonResponse({ keys: [signingKey.publicJwk] }),
    },
    {
      method: 'POST',
      path: `${PREFIX}/sign-in`,
      handle: async (request) => {
        const body = await readJsonBody(request, MAX_BODY_BYTES);
        if (body === TOO_LARGE) return payloadTooLargeResponse();
        const input = localSignInInputSchema.safeParse(body);
        if (!input.success)
          return jsonErrorResponse(400, 'BAD_REQUEST', 'Send { userId, orgId? }.');
        const user = findDemoUser(input.data.userId);
        if (!user) return jsonErrorResponse(404, 'NOT_FOUND', 'No demo user with that id.');
        const orgId =
          input.data.orgId === undefined ? (user.memberships[0]?.orgId ?? null) : input.data.orgId;
        if (orgId !== null && !user.memberships.some((m) => m.orgId === orgId)) {
          return jsonErrorResponse(
            403,
            'FORBIDDEN',
            'That user is not a member of the organization.',
          );
        }
        // The browser's cookie is replaced, so the session it held ends rather than living
        // on in any copy of that cookie.
        const replaced = cookieSession(request);
        if (replaced) await sessions.end(replaced.sessionId);
        const state = { sessionId: newSessionId(), userId: user.id, orgId };
        await sessions.start(state.sessionId, state.userId);
        return issueSession(request, state);
      },
    },
    {
      /** A fresh token for the session in the cookie: the SPA calls it before each expiry. */
      method: 'POST',
      path: `${PREFIX}/token`,
      handle: async (request) => {
        const session = cookieSession(request);
        if (!session || !findDemoUser(session.userId)) return noSession();
        return renewSession(request, session);
      },
    },
    {
      method: 'POST',
      path: `${PREFIX}/organization`,
      handle: async (request) => {
        const session = await currentSession(request);
        const user = session && findDemoUser(session.userId);
        if (!session || !user) return noSession();
        const body = await readJsonBody(request, MAX_BODY_BYTES);
        if (body === TOO_LARGE) return payloadTooLargeResponse();
        const input = localSwitchOrgInputSchema.safeParse(body);
        if (!input.success) return jsonErrorResponse(400, 'BAD_REQUEST', 'Send { orgId }.');
        const { orgId } = input.data;
        if (orgId !== null && !user.memberships.some((m) => m.orgId === orgId)) {
          return jsonErrorResponse(403, 'FORBIDDEN', 'You are not a member of that organization.');
        }
        return renewSession(request, { ...session, orgId });
      },
    },
    {
      /** Ends the session on the server, not only in this browser: copies of the cookie die too. */
      method: 'POST',
      path: `${PREFIX}/sign-out`,
      handle: async (request) => {
        const session = cookieSession(request);
        if (session) await sessions.end(session.sessionId);
        return new Response(null, {
          status: 204,
          headers: { 'set-cookie': clearedCookieHeader() },
        });
      },
    },
  ];
}
