import { UPSTREAM_HEADER } from './cluster.ts';

export interface CallResult<T> {
  status: number;
  /** `result.data` of a 200; undefined otherwise. */
  data: T | undefined;
  /** What nginx said answered (`X-Upstream-Addr`); null when calling an instance directly. */
  upstream: string | null;
  headers: Headers;
}

/**
 * One tRPC call over plain HTTP, unbatched (one call, one request, one answer to count):
 * a query as GET with `?input=`, a mutation as POST with the input as JSON body.
 */
export async function trpcCall<T = unknown>(
  baseUrl: string,
  path: string,
  opts: { token: string; input?: unknown; mutation?: boolean },
): Promise<CallResult<T>> {
  const headers = { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' };
  const query =
    opts.input === undefined || opts.mutation
      ? ''
      : `?input=${encodeURIComponent(JSON.stringify(opts.input))}`;
  const res = await fetch(`${baseUrl}/trpc/${path}${query}`, {
    method: opts.mutation ? 'POST' : 'GET',
    headers,
    body: opts.mutation ? JSON.stringify(opts.input ?? null) : undefined,
  });
  const text = await res.text();
  let data: T | undefined;
  if (res.status === 200) data = (JSON.parse(text) as { result: { data: T } }).result.data;
  return {
    status: res.status,
    data,
    upstream: res.headers.get(UPSTREAM_HEADER),
    headers: res.headers,
  };
}
