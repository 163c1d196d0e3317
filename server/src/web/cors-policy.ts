/**
 * The API's CORS policy, applied by every host: only the SPA origins (= Clerk's
 * authorizedParties) may call it from a browser, with the headers tRPC's client sends.
 */
export const CORS_POLICY = {
  methods: ['GET', 'HEAD', 'POST'],
  allowedHeaders: ['authorization', 'content-type', 'trpc-accept', 'x-trpc-source'],
  maxAgeSeconds: 600,
} as const;

/**
 * The CORS headers for a request, as the `cors` package computes them: the origin is
 * echoed only when allowed; preflights also get the methods, headers and max age.
 */
export function corsHeaders(request: Request, allowedOrigins: readonly string[]): Headers {
  const headers = new Headers({ vary: 'Origin' });
  const origin = request.headers.get('origin');
  if (origin && allowedOrigins.includes(origin)) {
    headers.set('access-control-allow-origin', origin);
  }
  if (request.method === 'OPTIONS') {
    headers.set('access-control-allow-methods', CORS_POLICY.methods.join(','));
    headers.set('access-control-allow-headers', CORS_POLICY.allowedHeaders.join(','));
    headers.set('access-control-max-age', String(CORS_POLICY.maxAgeSeconds));
  }
  return headers;
}
