import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/**
 * Builds JWTs the way an attacker would: any header, any payload, any algorithm.
 * Only the hostile-token tests use it; real tokens come from `mintSessionToken`.
 */

export const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export const decodeSegment = (segment: string) =>
  JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;

export type Signer =
  | { alg: 'none' }
  | { alg: 'HS256'; secret: string | Buffer }
  | { alg: 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'ES256'; key: KeyObject };

/** Signs `header.payload` with the given algorithm (raw ECDSA r||s for ES256, as JOSE wants). */
function signature(signer: Signer, input: string): string {
  switch (signer.alg) {
    case 'none':
      return '';
    case 'HS256':
      return createHmac('sha256', signer.secret).update(input).digest('base64url');
    case 'RS256':
      return b64url(sign('RSA-SHA256', Buffer.from(input), signer.key));
    case 'RS384':
      return b64url(sign('RSA-SHA384', Buffer.from(input), signer.key));
    case 'RS512':
      return b64url(sign('RSA-SHA512', Buffer.from(input), signer.key));
    case 'PS256':
      return b64url(
        sign('sha256', Buffer.from(input), {
          key: signer.key,
          padding: 6 /* RSA_PKCS1_PSS_PADDING */,
          saltLength: 32,
        }),
      );
    case 'ES256':
      return b64url(
        sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' }),
      );
  }
}

/** A compact JWS over arbitrary header and payload objects (or raw payload text). */
export function forgeJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown> | string,
  signer: Signer,
): string {
  const h = b64url(JSON.stringify(header));
  const p = b64url(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return `${h}.${p}.${signature(signer, `${h}.${p}`)}`;
}

/** An EC P-256 key pair nobody trusts. */
export function ecKey(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}
