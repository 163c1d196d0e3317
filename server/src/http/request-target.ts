import type { IncomingMessage } from 'node:http';
import type { Refusal } from '../web/api-refusal.ts';

/**
 * RFC 9110 §7.2 `Host = uri-host [ ":" port ]`, narrowed to what browsers and proxies send:
 * a name of letters, digits and `-._~`, or an IP literal in brackets; a port of 1-5 digits.
 */
const HOST_SYNTAX = /^(?:[a-z0-9._~-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

/** The last Host found valid: nearly every request names the same one, checked once. */
let lastValidHost: string | undefined;

/**
 * Whether every host can build a URL from this Host header as it is. Beyond the syntax,
 * the port must exist, WHATWG's URL parser must accept the name (it refuses `1.2.3.999`)
 * and keep it as sent, up to case: `@hono/node-server` refuses a Host it would rewrite.
 */
export function hostIsValid(host: string): boolean {
  if (host === lastValidHost) return true;
  const match = HOST_SYNTAX.exec(host);
  if (!match || Number(match[1] ?? 0) > 65_535) return false;
  try {
    const { hostname } = new URL(`http://${host}/`);
    if (hostname !== host.replace(/:\d+$/, '').toLowerCase()) return false;
  } catch {
    return false;
  }
  lastValidHost = host;
  return true;
}

/** A backslash before the query: WHATWG URLs read it as `/`, so hosts would disagree on the path. */
function backslashInPath(target: string): boolean {
  const backslash = target.indexOf('\\');
  if (backslash === -1) return false;
  const query = target.indexOf('?');
  return query === -1 || backslash < query;
}

/**
 * Whether the request target is one every host reads alike: origin-form (`/path?query`), or
 * absolute-form (`http://host/path`, RFC 9112 §3.2.2) that parses, without credentials.
 * `*` (asterisk-form, a server-wide OPTIONS) names no resource here.
 */
function targetIsValid(target: string): boolean {
  if (target.charCodeAt(0) === 0x2f /* / */) return !backslashInPath(target);
  if (!/^https?:\/\//i.test(target) || backslashInPath(target)) return false;
  try {
    const url = new URL(target);
    return url.username === '' && url.password === '' && hostIsValid(url.host);
  } catch {
    return false;
  }
}

/** How many times the request carries a Host header (Node keeps only the first in `headers`). */
function hostHeaderCount(raw: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') count++;
  }
  return count;
}

const badRequest = (message: string): Refusal => ({
  status: 400,
  code: 'BAD_REQUEST',
  trpcCode: 'BAD_REQUEST',
  message,
});

/**
 * Why the request's Host or target cannot be served (RFC 9112 §3.2: a server MUST answer 400
 * to a missing, repeated or invalid Host in HTTP/1.1), or undefined. HTTP/1.0 may omit Host:
 * the hosts then take `localhost`.
 */
export function requestTargetRefusal(req: IncomingMessage): Refusal | undefined {
  const hosts = hostHeaderCount(req.rawHeaders);
  const host = req.headers.host;
  if (hosts > 1) return badRequest('The request has more than one Host header.');
  if (host === undefined) {
    if (req.httpVersion !== '1.0') return badRequest('The request has no Host header.');
  } else if (!hostIsValid(host)) {
    return badRequest('The Host header is not a valid host and port.');
  }
  if (!targetIsValid(req.url ?? '')) return badRequest('The request target is malformed.');
  return undefined;
}

/** The path of an absolute-form target, read as text: the URL around it may not parse. */
const ABSOLUTE_PATH = /^https?:\/\/[^/?#]*(\/[^?#]*)?/i;

/** The pathname of an origin-form or absolute-form target, as sent, when it has one. */
export function pathnameOf(target: string): string | undefined {
  if (target.charCodeAt(0) === 0x2f) {
    const query = target.indexOf('?');
    return query === -1 ? target : target.slice(0, query);
  }
  const absolute = ABSOLUTE_PATH.exec(target);
  return absolute ? (absolute[1] ?? '/') : undefined;
}
