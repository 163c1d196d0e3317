import { randomBytes, sign, verify } from 'node:crypto';
import type { SigningKey } from './signing-key.ts';

/**
 * The local "client" credential: what Clerk keeps in its own cookie on its frontend API.
 * It is signed, so it cannot be forged; whether its session still exists is the session
 * registry's answer (session-registry.ts). It has no `sub` and no `azp`, so Clerk's
 * verification can never take it for a session token.
 */
export interface LocalSessionState {
  sessionId: string;
  userId: string;
  orgId: string | null;
}

export const SESSION_COOKIE = 'tasklane_local_session';
const TYPE = 'tasklane-local-session';
/** How long a session lasts unused: each token it mints restarts the count. */
export const SESSION_LIFETIME_SECONDS = 7 * 24 * 3600;

export function newSessionId(): string {
  return `sess_${randomBytes(12).toString('hex')}`;
}

export function encodeSessionCookie(key: SigningKey, state: LocalSessionState): string {
  const now = Math.floor(Date.now() / 1000);
  const body = Buffer.from(
    JSON.stringify({ typ: TYPE, ...state, iat: now, exp: now + SESSION_LIFETIME_SECONDS }),
  ).toString('base64url');
  const signature = sign('RSA-SHA256', Buffer.from(body), key.privateKey).toString('base64url');
  return `${body}.${signature}`;
}

export function decodeSessionCookie(
  key: SigningKey,
  value: string | undefined,
): LocalSessionState | undefined {
  if (!value || value.length > 4096) return undefined;
  const [body, signature, extra] = value.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const valid = verify(
    'RSA-SHA256',
    Buffer.from(body),
    key.privateKey,
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const fresh = typeof claims.exp === 'number' && claims.exp > Date.now() / 1000;
    if (claims.typ !== TYPE || !fresh || typeof claims.userId !== 'string') return undefined;
    if (typeof claims.sessionId !== 'string') return undefined;
    return {
      sessionId: claims.sessionId,
      userId: claims.userId,
      orgId: typeof claims.orgId === 'string' ? claims.orgId : null,
    };
  } catch {
    return undefined;
  }
}

export function cookieHeader(value: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/auth/local',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${SESSION_LIFETIME_SECONDS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedCookieHeader(): string {
  return `${SESSION_COOKIE}=; Path=/auth/local; HttpOnly; SameSite=Strict; Max-Age=0`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
