import { MAX_BATCH_SIZE } from '@tasklane/shared';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { AuthSetup } from '../../auth/auth-setup.ts';
import { appRouter } from '../../routers/_app.ts';
import { type ContextDeps, createContextInner } from '../../trpc.ts';
import { corsHeaders } from '../../web/cors-policy.ts';
import { createFixedWindowLimiter } from '../../web/fixed-window-limiter.ts';
import { jsonResponse, notFoundResponse } from '../../web/json-response.ts';
import { RATE_LIMITED_BODY, rateLimitKey } from '../../web/rate-limit-policy.ts';
import { servesSpaIndex } from '../../web/spa-fallback.ts';
import { limitTrpcBody } from '../../web/trpc-body-limit.ts';
import { logTrpcInternalError, trpcResponseMeta } from '../../web/trpc-options.ts';
import { findWebRoute, type WebRoute } from '../../web/web-route.ts';
import { createFetchApiAuth } from './fetch-api-auth.ts';

/** The built SPA, read by the runtime (Node: from disk). */
export interface StaticFiles {
  /** The file at this pathname (`/assets/…`, `/favicon.svg`), or undefined. */
  file(pathname: string): Promise<Response | undefined>;
  /** `index.html`, for client-side routes. */
  index(): Promise<Response>;
}

/** Everything runtime-specific comes in here, already built (database, files, key). */
export interface FetchHandlerOptions {
  auth: AuthSetup;
  contextDeps: ContextDeps;
  /** Health, readiness, client config, /auth/local and webhooks. */
  routes: readonly WebRoute[];
  /** The CORS allowlist (= Clerk's authorizedParties). */
  appOrigins: readonly string[];
  /** Sent with every answer (helmet's list for the auth mode: see http/security-headers.ts). */
  securityHeaders: readonly (readonly [string, string])[];
  rateLimit: { limit: number; windowMs: number };
  maxBodyBytes: number;
  /** Keep Clerk's x-clerk-auth-* headers in answers (development only). */
  debugHeaders: boolean;
  staticFiles?: StaticFiles;
}

/** What the runtime knows about the connection; `clientAddress` keys signed-out rate limits. */
export interface ConnectionInfo {
  clientAddress: string;
}

export type FetchHandler = (request: Request, info: ConnectionInfo) => Promise<Response>;

const TRPC_ENDPOINT = '/trpc';

/**
 * Tasklane as one web-standard function, `(Request) => Promise<Response>`, on tRPC's fetch
 * adapter and Clerk's `authenticateRequest()`. It uses no Node API, so it runs unchanged
 * wherever Request and Response exist; the runtime injects the rest (see fetch-app.ts).
 */
export function createFetchHandler(options: FetchHandlerOptions): FetchHandler {
  const authenticate = createFetchApiAuth(options.auth, { debugHeaders: options.debugHeaders });
  const limiter =
    options.rateLimit.limit > 0 ? createFixedWindowLimiter(options.rateLimit) : undefined;

  async function api(request: Request, info: ConnectionInfo): Promise<Response> {
    const cors = corsHeaders(request, options.appOrigins);
    // Preflights end here, before auth and rate limiting (as the `cors` package does).
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: cors });
    }
    const { auth, headers: authHeaders } = await authenticate(request);
    const extra = new Headers([...cors, ...authHeaders]);
    if (limiter) {
      const verdict = limiter.hit(rateLimitKey(auth.userId, info.clientAddress));
      if (!verdict.allowed) {
        extra.set('retry-after', String(verdict.retryAfterSeconds));
        return jsonResponse(RATE_LIMITED_BODY, { status: 429, headers: extra });
      }
    }
    const response = await fetchRequestHandler({
      router: appRouter,
      req: limitTrpcBody(request, options.maxBodyBytes),
      endpoint: TRPC_ENDPOINT,
      createContext: () => createContextInner({ auth, deps: options.contextDeps }),
      maxBatchSize: MAX_BATCH_SIZE,
      responseMeta: trpcResponseMeta,
      onError: logTrpcInternalError,
    });
    return withHeaders(response, extra);
  }

  async function pages(request: Request, pathname: string): Promise<Response> {
    const files = options.staticFiles;
    if (files && (request.method === 'GET' || request.method === 'HEAD')) {
      const file = await files.file(pathname);
      if (file) return file;
      if (servesSpaIndex(request.method, pathname, request.headers.get('accept'))) {
        return files.index();
      }
    }
    return notFoundResponse();
  }

  return async (request, info) => {
    const { pathname } = new URL(request.url);
    let response: Response;
    if (pathname === TRPC_ENDPOINT || pathname.startsWith(`${TRPC_ENDPOINT}/`)) {
      response = await api(request, info);
    } else {
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const route = findWebRoute(options.routes, method, pathname);
      response = route ? await route.handle(request) : await pages(request, pathname);
    }
    return withSecurityHeaders(response, options.securityHeaders);
  };
}

/**
 * The response with these headers set. In place where its headers may change (every response
 * this handler and tRPC make): a copy would read the body as a stream, which on Node costs
 * more than a small answer itself. A copy where they may not (a `Response.error()`, or one
 * that came from `fetch()`).
 */
function withHeaders(response: Response, extra: Headers): Response {
  return editHeaders(response, (headers) => {
    for (const [name, value] of extra) headers.set(name, value);
  });
}

/** helmet's headers, unless the handler chose its own value (as with helmet on Express). */
function withSecurityHeaders(
  response: Response,
  securityHeaders: FetchHandlerOptions['securityHeaders'],
): Response {
  return editHeaders(response, (headers) => {
    for (const [name, value] of securityHeaders) if (!headers.has(name)) headers.set(name, value);
  });
}

function editHeaders(response: Response, edit: (headers: Headers) => void): Response {
  try {
    edit(response.headers);
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const headers = new Headers(response.headers);
    edit(headers);
    return new Response(response.body, { status: response.status, headers });
  }
}
