import {
  type LocalSession,
  localSignInInputSchema,
  localSwitchOrgInputSchema,
  ROLE_PERMISSIONS,
} from '@tasklane/shared';
import express, { type Request, type Response, Router } from 'express';
import { sendJsonError } from '../../http/json-errors.ts';
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
import { mintSessionToken, SESSION_TOKEN_TTL_SECONDS } from './session-token.ts';
import type { SigningKey } from './signing-key.ts';

/**
 * `/auth/local/*`: local mode's stand-in for Clerk's frontend API. It signs in demo
 * users, keeps their session in a signed cookie, and mints 60 s session tokens that
 * the API verifies through `clerkMiddleware()` exactly like Clerk's.
 */
export function localAuthRouter(setup: AuthSetup, signingKey: SigningKey): Router {
  const router = Router();
  router.use(express.json({ limit: '4kb' }));

  /** The token's `azp`: the calling SPA's origin when authorized, else the first one. */
  const authorizedPartyFor = (req: Request) => {
    const origin = req.headers.origin;
    return origin && setup.authorizedParties.includes(origin)
      ? origin
      : (setup.authorizedParties[0] ?? '');
  };

  const issueSession = (req: Request, res: Response, state: LocalSessionState) => {
    const user = findDemoUser(state.userId);
    const membership = user?.memberships.find((m) => m.orgId === state.orgId);
    const now = Math.floor(Date.now() / 1000);
    const token = mintSessionToken(signingKey, {
      userId: state.userId,
      sessionId: state.sessionId,
      authorizedParty: authorizedPartyFor(req),
      issuer: setup.issuer,
      now,
      organization: membership && {
        id: membership.orgId,
        slug: membership.orgSlug,
        role: membership.role,
        permissions: ROLE_PERMISSIONS[membership.role],
      },
    });
    res.setHeader('cache-control', 'no-store');
    res.setHeader('set-cookie', cookieHeader(encodeSessionCookie(signingKey, state), req.secure));
    const body: LocalSession = {
      sessionId: state.sessionId,
      userId: state.userId,
      orgId: membership?.orgId ?? null,
      orgRole: membership?.role ?? null,
      token,
      expiresAt: (now + SESSION_TOKEN_TTL_SECONDS) * 1000,
    };
    res.json(body);
  };

  const currentSession = (req: Request) =>
    decodeSessionCookie(signingKey, readCookie(req.headers.cookie, SESSION_COOKIE));

  router.get('/users', (_req, res) => {
    res.json({ users: DEMO_USERS });
  });

  router.get('/jwks.json', (_req, res) => {
    res.json({ keys: [signingKey.publicJwk] });
  });

  router.post('/sign-in', (req, res) => {
    const input = localSignInInputSchema.safeParse(req.body);
    if (!input.success) return sendJsonError(res, 400, 'BAD_REQUEST', 'Send { userId, orgId? }.');
    const user = findDemoUser(input.data.userId);
    if (!user) return sendJsonError(res, 404, 'NOT_FOUND', 'No demo user with that id.');
    const orgId =
      input.data.orgId === undefined ? (user.memberships[0]?.orgId ?? null) : input.data.orgId;
    if (orgId !== null && !user.memberships.some((m) => m.orgId === orgId)) {
      return sendJsonError(res, 403, 'FORBIDDEN', 'That user is not a member of the organization.');
    }
    issueSession(req, res, { sessionId: newSessionId(), userId: user.id, orgId });
  });

  /** A fresh token for the session in the cookie: the SPA calls it before each expiry. */
  router.post('/token', (req, res) => {
    const session = currentSession(req);
    if (!session || !findDemoUser(session.userId)) {
      return sendJsonError(res, 401, 'UNAUTHORIZED', 'No local session: sign in first.');
    }
    issueSession(req, res, session);
  });

  router.post('/organization', (req, res) => {
    const session = currentSession(req);
    const user = session && findDemoUser(session.userId);
    if (!session || !user) {
      return sendJsonError(res, 401, 'UNAUTHORIZED', 'No local session: sign in first.');
    }
    const input = localSwitchOrgInputSchema.safeParse(req.body);
    if (!input.success) return sendJsonError(res, 400, 'BAD_REQUEST', 'Send { orgId }.');
    const { orgId } = input.data;
    if (orgId !== null && !user.memberships.some((m) => m.orgId === orgId)) {
      return sendJsonError(res, 403, 'FORBIDDEN', 'You are not a member of that organization.');
    }
    issueSession(req, res, { ...session, orgId });
  });

  router.post('/sign-out', (_req, res) => {
    res.setHeader('set-cookie', clearedCookieHeader());
    res.status(204).end();
  });

  return router;
}
