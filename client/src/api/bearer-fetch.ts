/**
 * A `fetch` that asks `getToken` at every call and sends the answer as a Bearer token: the
 * EventSource calls it for every connect and reconnect, so each carries a token that is
 * valid right now (the server ends a stream when the token it was opened with expires).
 * `fetchImpl` is looked up at call time, like the batch link's.
 */
export function withBearerToken(
  getToken: () => Promise<string | null>,
  fetchImpl?: typeof globalThis.fetch,
) {
  return async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const token = await getToken();
    // Closed while the token was on its way (the page was left): nothing to send.
    if (init?.signal?.aborted) throw new DOMException('The stream was closed.', 'AbortError');
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return (fetchImpl ?? globalThis.fetch)(input, { ...init, headers });
  };
}
