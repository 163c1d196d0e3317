/**
 * RFC 6750 §2.1: `credentials = "Bearer" 1*SP b64token`, the scheme matched without regard
 * to case (RFC 9110 §11.1). b64token: letters, digits, `-._~+/`, then any `=` padding.
 */
const BEARER_CREDENTIALS = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** What the API makes of a request's `Authorization` header. */
export type BearerVerdict =
  /** No header, or an empty one: no credentials at all. */
  | { kind: 'none' }
  /** A Bearer token, its header spelled the one way Clerk and the verified-token cache read it. */
  | { kind: 'bearer'; header: string }
  /** Credentials the API does not take; `why` names the problem, never the token. */
  | { kind: 'refused'; why: string };

/**
 * The API's reading of `Authorization`: `Bearer <token>` and nothing else. Clerk itself also
 * takes a bare token (no scheme at all) and refuses `bearer <token>`; this rule is stricter
 * than the first and follows the RFCs on the second.
 *
 * An accepted header comes back as `Bearer <token>`, the same string when it is already
 * spelled that way, so Clerk sees a scheme it reads and the verified-token cache keys every
 * spelling of one token on one entry.
 */
export function readBearer(header: string | null | undefined): BearerVerdict {
  if (!header) return { kind: 'none' };
  const token = BEARER_CREDENTIALS.exec(header)?.[1];
  if (token) {
    const canonical = header.startsWith('Bearer ') && header.length === token.length + 7;
    return { kind: 'bearer', header: canonical ? header : `Bearer ${token}` };
  }
  return { kind: 'refused', why: refusalReason(header) };
}

/** Why an Authorization header is refused, in words that never repeat its credentials. */
function refusalReason(header: string): string {
  if (/^bearer$/i.test(header)) return 'the Bearer scheme without a token';
  if (/^bearer\s/i.test(header)) return 'a Bearer token that is not one b64token after spaces';
  const space = header.indexOf(' ');
  if (space === -1) return 'a bare token, without the Bearer scheme';
  const scheme = header.slice(0, space);
  // A scheme is a token (RFC 9110 §11.1); anything else may be part of a credential.
  return /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(scheme)
    ? `the ${scheme} scheme, not Bearer`
    : 'a malformed scheme, not Bearer';
}

/**
 * The `Authorization` header a request goes on with (`undefined`: none), every host's rule:
 * a Bearer header as `Bearer <token>`; a refused one removed, so the request is signed out,
 * and reported to `log`; no header or an empty one as it came.
 */
export function apiAuthorization(
  header: string | null | undefined,
  log: (reason: string) => void,
): string | undefined {
  const verdict = readBearer(header);
  if (verdict.kind === 'bearer') return verdict.header;
  if (verdict.kind === 'refused') {
    log(`an Authorization header with ${verdict.why}`);
    return undefined;
  }
  return header ?? undefined;
}
