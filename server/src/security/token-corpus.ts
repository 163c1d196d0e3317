import { encodeSessionCookie } from '../auth/local/session-cookie.ts';
import { generateSigningKey, type SigningKey } from '../auth/local/signing-key.ts';
import { b64url, decodeSegment, ecKey, forgeJwt } from './jwt-forge.ts';

/**
 * Hostile credentials, after RFC 8725 (JWT best current practice) and OWASP ASVS V3/V9:
 * algorithm confusion, key confusion, claim abuse, malformed encodings, header tricks.
 * Each case is the request headers to send; every one must end signed out.
 */

export interface TokenWorld {
  /** The key the server trusts. */
  key: SigningKey;
  issuer: string;
  authorizedParty: string;
  userId: string;
  /** A valid token, the starting point of most forgeries (`overrides` as in tokenFor). */
  valid: (claims?: Record<string, unknown>) => string;
}

export interface HostileCase {
  name: string;
  headers: (w: TokenWorld) => Record<string, string | string[]>;
  /** Statuses allowed on top of 401 (431: Node refuses headers over 16 KB). */
  alsoAllowed?: number[];
}

const now = () => Math.floor(Date.now() / 1000);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The claims of a valid token, re-signed as RS256 with `key` after `edit`. */
function resigned(
  w: TokenWorld,
  edit: (claims: Record<string, unknown>) => Record<string, unknown>,
  key = w.key,
) {
  const [h, p] = w.valid().split('.');
  return forgeJwt(decodeSegment(h!), edit(decodeSegment(p!)), {
    alg: 'RS256',
    key: key.privateKey,
  });
}

const without = (claims: Record<string, unknown>, name: string) => {
  const { [name]: _dropped, ...rest } = claims;
  return rest;
};

const untrustedKey = generateSigningKey();

/** Header and claims of a valid token, for forgeries that keep them and swap the signing. */
function parts(w: TokenWorld) {
  const [h, p, s] = w.valid().split('.');
  return { h: h!, p: p!, s: s!, header: decodeSegment(h!), claims: decodeSegment(p!) };
}

export const HOSTILE_CASES: HostileCase[] = [
  // --- algorithm confusion (RFC 8725 §2.1, §3.1) ---
  {
    name: 'alg none, empty signature',
    headers: (w) => bearer(forgeJwt({ alg: 'none', typ: 'JWT' }, parts(w).claims, { alg: 'none' })),
  },
  {
    name: 'alg "None" with the original signature kept',
    headers: (w) => {
      const { claims, s } = parts(w);
      return bearer(
        `${b64url(JSON.stringify({ alg: 'None' }))}.${b64url(JSON.stringify(claims))}.${s}`,
      );
    },
  },
  {
    name: 'HS256 signed with the trusted public key PEM as the HMAC secret',
    headers: (w) =>
      bearer(
        forgeJwt({ alg: 'HS256', typ: 'JWT', kid: w.key.kid }, parts(w).claims, {
          alg: 'HS256',
          secret: w.key.publicKeyPem,
        }),
      ),
  },
  {
    name: 'HS256 signed with the public key DER as the HMAC secret',
    headers: (w) =>
      bearer(
        forgeJwt({ alg: 'HS256', typ: 'JWT' }, parts(w).claims, {
          alg: 'HS256',
          secret: Buffer.from(w.key.publicKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'),
        }),
      ),
  },
  {
    name: 'ES256 signed by an untrusted EC key',
    headers: (w) =>
      bearer(
        forgeJwt({ alg: 'ES256', typ: 'JWT' }, parts(w).claims, { alg: 'ES256', key: ecKey() }),
      ),
  },
  ...(['PS256', 'RS384', 'RS512'] as const).map((alg) => ({
    name: `${alg} signed by the trusted key itself`,
    headers: (w: TokenWorld) =>
      bearer(
        forgeJwt({ alg, typ: 'JWT', kid: w.key.kid }, parts(w).claims, {
          alg,
          key: w.key.privateKey,
        }),
      ),
  })),
  {
    name: 'RS256 header on an RS512 signature by the trusted key',
    headers: (w) =>
      bearer(forgeJwt(parts(w).header, parts(w).claims, { alg: 'RS512', key: w.key.privateKey })),
  },

  // --- key confusion: keys the server must not take from the token (RFC 8725 §3.10) ---
  {
    name: 'signed by an untrusted RSA key',
    headers: (w) => bearer(resigned(w, (c) => c, untrustedKey)),
  },
  {
    name: 'untrusted key embedded as a jwk header',
    headers: (w) =>
      bearer(
        forgeJwt({ alg: 'RS256', typ: 'JWT', jwk: untrustedKey.publicJwk }, parts(w).claims, {
          alg: 'RS256',
          key: untrustedKey.privateKey,
        }),
      ),
  },
  {
    name: 'jku / x5u pointing at an attacker host (must not be fetched)',
    headers: (w) =>
      bearer(
        forgeJwt(
          {
            alg: 'RS256',
            typ: 'JWT',
            kid: 'evil',
            jku: 'https://evil.example/jwks.json',
            x5u: 'https://evil.example/cert.pem',
          },
          parts(w).claims,
          { alg: 'RS256', key: untrustedKey.privateKey },
        ),
      ),
  },
  {
    name: 'kid path traversal, signed by an untrusted key',
    headers: (w) =>
      bearer(
        forgeJwt({ alg: 'RS256', typ: 'JWT', kid: '../../../../dev/null' }, parts(w).claims, {
          alg: 'RS256',
          key: untrustedKey.privateKey,
        }),
      ),
  },

  // --- tampering ---
  {
    name: 'payload changed to another user, signature kept',
    headers: (w) => {
      const { h, s, claims } = parts(w);
      return bearer(`${h}.${b64url(JSON.stringify({ ...claims, sub: 'user_someone_else' }))}.${s}`);
    },
  },
  {
    name: 'payload escalated to org:admin, signature kept',
    headers: (w) => {
      const { h, s, claims } = parts(w);
      const o = { ...(claims.o as object), rol: 'admin' };
      return bearer(`${h}.${b64url(JSON.stringify({ ...claims, o }))}.${s}`);
    },
  },
  {
    name: 'signature with one bit flipped',
    headers: (w) => {
      const { h, p, s } = parts(w);
      const sig = Buffer.from(s, 'base64url');
      sig[0] = (sig[0] ?? 0) ^ 1;
      return bearer(`${h}.${p}.${b64url(sig)}`);
    },
  },
  {
    name: 'signature truncated',
    headers: (w) => {
      const { h, p, s } = parts(w);
      return bearer(`${h}.${p}.${s.slice(0, 40)}`);
    },
  },
  {
    name: 'signature removed (trailing dot)',
    headers: (w) => bearer(`${parts(w).h}.${parts(w).p}.`),
  },

  // --- time claims (Clerk allows 5 s of skew) ---
  {
    name: 'expired 10 minutes ago',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, exp: now() - 600, iat: now() - 660 }))),
  },
  {
    name: 'expired 30 s ago (beyond the clock skew)',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, exp: now() - 30 }))),
  },
  {
    name: 'nbf one minute in the future',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, nbf: now() + 60 }))),
  },
  {
    name: 'iat one minute in the future',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, iat: now() + 60, nbf: now() - 5 }))),
  },
  { name: 'no exp', headers: (w) => bearer(resigned(w, (c) => without(c, 'exp'))) },
  {
    name: 'exp as a string far in the future',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, exp: '99999999999' }))),
  },

  // --- identity and audience claims ---
  { name: 'no sub', headers: (w) => bearer(resigned(w, (c) => without(c, 'sub'))) },
  { name: 'sub empty', headers: (w) => bearer(resigned(w, (c) => ({ ...c, sub: '' }))) },
  { name: 'sub null', headers: (w) => bearer(resigned(w, (c) => ({ ...c, sub: null }))) },
  { name: 'sub not a string', headers: (w) => bearer(resigned(w, (c) => ({ ...c, sub: 42 }))) },
  {
    name: 'azp of another origin',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, azp: 'https://evil.example' }))),
  },
  { name: 'no azp', headers: (w) => bearer(resigned(w, (c) => without(c, 'azp'))) },
  {
    name: 'azp as an array holding the right origin',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, azp: [w.authorizedParty] }))),
  },
  {
    name: 'azp with a trailing slash',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, azp: `${w.authorizedParty}/` }))),
  },
  {
    name: 'iss of another Clerk instance',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, iss: 'https://clerk.evil.example' }))),
  },
  { name: 'no iss', headers: (w) => bearer(resigned(w, (c) => without(c, 'iss'))) },
  {
    name: 'iss over http instead of https',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, iss: w.issuer.replace('https', 'http') }))),
  },
  {
    name: 'pending session (sts: pending)',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, sts: 'pending' }))),
  },

  // --- malformed v2 organization claims that make Clerk's claim parser throw ---
  ...(
    [
      ['fea entry without a scope', { fea: 'tasks' }],
      ['fea as a number', { fea: 7 }],
      ['fea as an array', { fea: ['o:tasks'] }],
      ['o.per as a number', { o: { id: 'org_x', rol: 'admin', per: 3, fpm: '1' } }],
      ['o.fpm as a number', { o: { id: 'org_x', rol: 'admin', per: 'write', fpm: 1 } }],
    ] as const
  ).map(([name, extra]) => ({
    name: `v2 token with ${name}`,
    headers: (w: TokenWorld) => bearer(w.valid({ ...extra })),
  })),

  // --- malformed encodings ---
  { name: 'empty Authorization header', headers: () => ({ authorization: '' }) },
  { name: 'scheme only', headers: () => ({ authorization: 'Bearer' }) },
  { name: 'scheme and a space', headers: () => ({ authorization: 'Bearer ' }) },
  { name: 'one segment', headers: () => bearer('abc') },
  { name: 'two segments', headers: (w) => bearer(w.valid().split('.').slice(0, 2).join('.')) },
  { name: 'four segments', headers: (w) => bearer(`${w.valid()}.AAAA`) },
  {
    name: 'five segments (JWE-shaped)',
    headers: () => bearer(`${b64url('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.a.b.c.d`),
  },
  { name: 'dots only', headers: () => bearer('..') },
  {
    name: 'invalid base64url characters',
    headers: (w) => bearer(w.valid().replace(/^[^.]+/, '!!!$$$')),
  },
  {
    name: 'standard base64 with padding',
    headers: (w) => {
      const { p, s } = parts(w);
      const h = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64');
      return bearer(`${h}==.${p}.${s}`);
    },
  },
  {
    name: 'header that is not JSON',
    headers: (w) => bearer(`${b64url('{"alg":')}.${parts(w).p}.${parts(w).s}`),
  },
  {
    name: 'payload that is a JSON array, validly signed',
    headers: (w) =>
      bearer(forgeJwt(parts(w).header, '["sub"]', { alg: 'RS256', key: w.key.privateKey })),
  },
  {
    name: 'payload that is JSON null, validly signed',
    headers: (w) =>
      bearer(forgeJwt(parts(w).header, 'null', { alg: 'RS256', key: w.key.privateKey })),
  },
  {
    name: 'payload that is not JSON, validly signed',
    headers: (w) =>
      bearer(forgeJwt(parts(w).header, 'sub=user', { alg: 'RS256', key: w.key.privateKey })),
  },
  {
    name: '12 KB of garbage claims, untrusted key',
    headers: (w) => bearer(resigned(w, (c) => ({ ...c, pad: 'x'.repeat(9000) }), untrustedKey)),
  },
  {
    name: '100 KB Authorization header',
    headers: () => bearer('A'.repeat(100 * 1024)),
    alsoAllowed: [431],
  },
  {
    // Node's HTTP parser refuses these bytes itself: 400 before any middleware runs.
    name: 'NUL and control bytes',
    headers: () => bearer('eyJ\u0000\u0001.eyJ\u007f.AAAA'),
    alsoAllowed: [400],
  },
  { name: 'Latin-1 bytes', headers: () => bearer('eyJ\u00ff\u00fe.eyJ.AAAA') },

  // --- schemes and transports the API must not accept (RFC 6750 §2.1: Bearer only) ---
  { name: 'bare token, without a scheme', headers: (w) => ({ authorization: w.valid() }) },
  { name: 'Basic scheme', headers: () => ({ authorization: `Basic ${b64url('user:pass')}` }) },
  {
    name: 'valid token under another scheme',
    headers: (w) => ({ authorization: `Token ${w.valid()}` }),
  },
  {
    name: 'valid token after a tab instead of a space',
    headers: (w) => ({ authorization: `Bearer\t${w.valid()}` }),
  },
  {
    name: 'token after two spaces',
    headers: (w) => ({ authorization: `Bearer  ${w.valid()} trailing` }),
  },
  {
    name: 'two Authorization headers, the forged one first',
    headers: (w) => ({
      authorization: [`Bearer ${resigned(w, (c) => c, untrustedKey)}`, `Bearer ${w.valid()}`],
    }),
  },
  {
    name: 'valid token only in the __session cookie',
    headers: (w) => ({ cookie: `__session=${w.valid()}; __client_uat=${now()}` }),
  },
  {
    name: 'valid token only in the cookie, with a refresh cookie and an expired bearer',
    headers: (w) => ({
      authorization: `Bearer ${resigned(w, (c) => ({ ...c, exp: now() - 600 }))}`,
      cookie: `__session=${w.valid()}; __client_uat=${now()}; __refresh_abc=r`,
    }),
  },
  {
    name: 'local session cookie value as the Bearer token',
    headers: (w) =>
      bearer(encodeSessionCookie(w.key, { sessionId: 'sess_x', userId: w.userId, orgId: null })),
  },
  {
    name: 'local session cookie spliced into a JWT (its signature covers the body only)',
    headers: (w) => {
      const [body, sig] = encodeSessionCookie(w.key, {
        sessionId: 'sess_x',
        userId: w.userId,
        orgId: null,
      }).split('.');
      return bearer(`${parts(w).h}.${body}.${sig}`);
    },
  },
];

/**
 * Spellings of a valid token's header the API must accept: RFC 6750 §2.1 `"Bearer" 1*SP
 * b64token`, the scheme in any case (RFC 9110 §11.1). Each must be signed in, every time.
 */
export const ACCEPTED_BEARER_FORMS: { name: string; header: (token: string) => string }[] = [
  { name: 'Bearer <token>', header: (token) => `Bearer ${token}` },
  { name: 'lowercase bearer scheme', header: (token) => `bearer ${token}` },
  { name: 'uppercase BEARER scheme', header: (token) => `BEARER ${token}` },
  { name: 'two spaces after the scheme', header: (token) => `Bearer  ${token}` },
];

/**
 * Validly signed tokens with odd but parseable claims. Only the trusted issuer can mint
 * these, so they may be signed in; what matters is that no procedure answers 5xx.
 */
export const ODD_SIGNED_CLAIMS: [string, Record<string, unknown>][] = [
  ['o as a string', { o: 'org_x' }],
  ['o.fpm not decimal', { o: { id: 'org_odd', rol: 'admin', per: 'write', fpm: '0x1f' } }],
  ['o.id as an object', { o: { id: { $ne: null }, rol: 'admin', slg: 'x' } }],
  ['o.id as a number', { o: { id: 12, rol: 'admin', slg: 'x' } }],
  ['o.rol as an object', { o: { id: 'org_odd_rol', rol: { a: 1 }, slg: 'x' } }],
  ['o.id very long', { o: { id: `org_${'x'.repeat(5000)}`, rol: 'admin', slg: 'x' } }],
  ['sid as a number', { sid: 7 }],
  // PostgreSQL text cannot hold NUL: such ids must never reach the identity rows.
  ['sub with a NUL byte', { sub: 'user_nul\u0000x' }],
  ['o.id with a NUL byte', { o: { id: 'org_nul\u0000x', rol: 'admin', slg: 'x' } }],
  ['o.rol with a NUL byte', { o: { id: 'org_nul_rol', rol: 'ad\u0000min', slg: 'x' } }],
  ['o.slg with a NUL byte', { o: { id: 'org_nul_slg', rol: 'admin', slg: 'x\u0000y' } }],
  ['sid with a NUL byte', { sid: 'sess_\u0000' }],
  ['act (impersonation) as a string', { act: 'user_admin' }],
  ['v as a string', { v: '2' }],
  [
    'v1 org_permissions as a string',
    { v: 1, org_id: 'org_v1', org_role: 'org:admin', org_permissions: 'org:tasks:write' },
  ],
];
