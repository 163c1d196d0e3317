import { randomUUID, sign } from 'node:crypto';
import type { OrgRole, Permission } from '@tasklane/shared';
import type { SigningKey } from './signing-key.ts';

/** Clerk session tokens live 60 s; local ones do too, so the SPA's refresh path is exercised. */
export const SESSION_TOKEN_TTL_SECONDS = 60;

export interface SessionTokenInput {
  userId: string;
  sessionId: string;
  /** The SPA origin the token is for (`azp`); must be one of the server's authorized parties. */
  authorizedParty: string;
  issuer: string;
  organization?: { id: string; slug: string; role: OrgRole; permissions: readonly Permission[] };
  /** Seconds since the epoch; tests move it to mint expired or future tokens. */
  now?: number;
  ttlSeconds?: number;
  /** Extra or overriding claims (tests use it to build hostile tokens). */
  extraClaims?: Record<string, unknown>;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Clerk's v2 organization claims: `o.per` lists permission names, `fea` lists the
 * organization features (`o:<feature>`), and `o.fpm` holds one decimal bitmask per
 * feature saying which of `per` it grants (lowest bit = first name). Clerk rebuilds
 * `org:<feature>:<permission>` from these, so `orgPermissions` and `has()` match Clerk's.
 */
export function encodeOrgClaims(org: NonNullable<SessionTokenInput['organization']>) {
  const features: string[] = [];
  const names: string[] = [];
  for (const permission of org.permissions) {
    const [, feature = '', name = ''] = permission.split(':');
    if (!features.includes(feature)) features.push(feature);
    if (!names.includes(name)) names.push(name);
  }
  const masks = features.map((feature) =>
    org.permissions
      .filter((permission) => permission.split(':')[1] === feature)
      .reduce(
        (mask, permission) => mask | (1n << BigInt(names.indexOf(permission.split(':')[2] ?? ''))),
        0n,
      ),
  );
  return {
    o: {
      id: org.id,
      rol: org.role.replace(/^org:/, ''),
      slg: org.slug,
      per: names.join(','),
      fpm: masks.map(String).join(','),
    },
    fea: features.map((feature) => `o:${feature}`).join(','),
  };
}

/** Mints an RS256 session token in Clerk's v2 format. */
export function mintSessionToken(key: SigningKey, input: SessionTokenInput): string {
  const now = input.now ?? Math.floor(Date.now() / 1000);
  const claims = {
    azp: input.authorizedParty,
    exp: now + (input.ttlSeconds ?? SESSION_TOKEN_TTL_SECONDS),
    iat: now,
    iss: input.issuer,
    jti: randomUUID(),
    // Clerk back-dates nbf by a few seconds to absorb clock skew; so do we.
    nbf: now - 5,
    sid: input.sessionId,
    sub: input.userId,
    v: 2,
    ...(input.organization ? encodeOrgClaims(input.organization) : {}),
    ...input.extraClaims,
  };
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}
