/** Paths that belong to the server: never answered with the SPA's index.html. */
export const SERVER_PATH_PREFIXES = ['/api/', '/trpc/', '/auth/', '/webhooks/', '/assets/'];

/** Whether an `Accept` header takes HTML, the way Express's `req.accepts('html')` decides. */
export function acceptsHtml(accept: string | null | undefined): boolean {
  if (!accept) return true;
  let best: { specificity: number; q: number } | undefined;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const specificity = type === 'text/html' ? 3 : type === 'text/*' ? 2 : type === '*/*' ? 1 : 0;
    if (!specificity) continue;
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!best || specificity > best.specificity) best = { specificity, q };
  }
  return best !== undefined && best.q > 0;
}

/**
 * The SPA's fallback rule, shared by every host: a GET for a client-side route that is not
 * a server path and takes HTML gets `index.html`. No auth runs for pages, so they are never
 * redirected.
 */
export function servesSpaIndex(method: string, pathname: string, accept: string | null) {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (SERVER_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return false;
  return acceptsHtml(accept);
}

/** `index.html` is revalidated on every load so a deploy is picked up at once. */
export const SPA_INDEX_CACHE_CONTROL = 'no-cache';
