import { getAuth } from '@clerk/fastify';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import { MAX_BATCH_SIZE } from '@tasklane/shared';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthSetup } from '../../auth/auth-setup.ts';
import type { Config } from '../../env.ts';
import { type AppRouter, appRouter } from '../../routers/_app.ts';
import { type ContextDeps, createContextInner } from '../../trpc.ts';
import { apiAuthorization } from '../../web/bearer-authorization.ts';
import { CORS_POLICY } from '../../web/cors-policy.ts';
import { RATE_LIMITED_BODY, rateLimitKey } from '../../web/rate-limit-policy.ts';
import { tokenRefusalLog } from '../../web/token-refusal-log.ts';
import { limitTrpcBody } from '../../web/trpc-body-limit.ts';
import { logTrpcInternalError, trpcResponseMeta } from '../../web/trpc-options.ts';
import { registerCachedClerkPlugin } from './cached-clerk-plugin.ts';
import { sendWebResponse } from './web-route-adapter.ts';

/** Headers Clerk adds to signed-out answers; the message names the authorized parties. */
const CLERK_DEBUG_HEADERS = ['x-clerk-auth-status', 'x-clerk-auth-reason', 'x-clerk-auth-message'];

/** @fastify/rate-limit throws what its error builder returns; this one is answered as 429. */
class RateLimitedError extends Error {
  statusCode = 429;
}

export interface FastifyApiOptions {
  config: Config;
  auth: AuthSetup;
  contextDeps: ContextDeps;
  debugHeaders: boolean;
}

const trpcOptions = (deps: ContextDeps) => ({
  router: appRouter,
  createContext: ({ req }: { req: FastifyRequest }) =>
    createContextInner({ auth: getAuth(req), deps }),
  maxBatchSize: MAX_BATCH_SIZE,
  responseMeta: trpcResponseMeta,
  onError: logTrpcInternalError,
});

/**
 * tRPC's answer to a body Fastify refused as too large (Fastify enforces `bodyLimit` before
 * tRPC sees the request): tRPC formats the refusal itself, so the 413 is identical to the
 * other hosts'.
 */
function trpcPayloadTooLarge(request: FastifyRequest, deps: ContextDeps) {
  const url = new URL(request.url, 'http://fastify.invalid');
  const oversized = new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  return fetchRequestHandler({
    ...trpcOptions(deps),
    req: limitTrpcBody(oversized, 0),
    endpoint: '/trpc',
    createContext: () => createContextInner({ auth: getAuth(request), deps }),
  });
}

/**
 * `/trpc` on Fastify, in the order the Express host uses: CORS (preflights end there),
 * bearer-only, Clerk's `clerkPlugin` (reusing what it built for a token it accepted),
 * rate limiting keyed on the verified user, tRPC.
 * Everything runs in `onRequest`, before Fastify reads a body.
 */
export async function fastifyApiPlugin(api: FastifyInstance, opts: FastifyApiOptions) {
  const { config, auth, contextDeps } = opts;

  await api.register(fastifyCors, {
    origin: config.appOrigins,
    // Joined here: @fastify/cors would join arrays with ', ', the `cors` package with ','.
    methods: CORS_POLICY.methods.join(','),
    allowedHeaders: CORS_POLICY.allowedHeaders.join(','),
    maxAge: CORS_POLICY.maxAgeSeconds,
    // Any OPTIONS is a preflight, even without the preflight headers (as with `cors`).
    strictPreflight: false,
  });

  // Bearer only (see auth/clerk-auth.ts for why): `Authorization: Bearer <token>` as
  // Clerk and the cache read it, or none; no cookies; and never a page navigation, so Clerk
  // never answers an API call with its 307 handshake redirect.
  const log = tokenRefusalLog(auth.mode);
  api.addHook('onRequest', async (request) => {
    const authorization = apiAuthorization(request.headers.authorization, log);
    if (authorization === undefined) delete request.headers.authorization;
    else request.headers.authorization = authorization;
    delete request.headers.cookie;
    request.headers['sec-fetch-dest'] = 'empty';
  });

  // Clerk's clerkPlugin, behind the verified-token cache every host verifies through.
  // Outside development, requests without credentials share the first one's signed-out
  // auth; in development each goes to Clerk, which explains its verdict in headers.
  await registerCachedClerkPlugin(api, auth, { rememberSignedOut: !opts.debugHeaders });

  if (!opts.debugHeaders) {
    api.addHook('onRequest', async (_request, reply) => {
      for (const header of CLERK_DEBUG_HEADERS) reply.removeHeader(header);
    });
  }

  api.setErrorHandler(async (error: { statusCode?: number }, request, reply) => {
    if (error instanceof RateLimitedError) return reply.code(429).send(RATE_LIMITED_BODY);
    if (error.statusCode === 413) {
      return sendWebResponse(reply, await trpcPayloadTooLarge(request, contextDeps));
    }
    throw error;
  });

  if (config.rateLimit.limit > 0) {
    await api.register(fastifyRateLimit, {
      max: config.rateLimit.limit,
      timeWindow: config.rateLimit.windowMs,
      hook: 'onRequest',
      keyGenerator: (request) => rateLimitKey(getAuth(request).userId, request.ip),
      errorResponseBuilder: () => new RateLimitedError('Too many requests'),
      // Every host answers alike: no informational rate-limit headers, `Retry-After` on 429.
      addHeadersOnExceeding: {
        'x-ratelimit-limit': false,
        'x-ratelimit-remaining': false,
        'x-ratelimit-reset': false,
      },
      addHeaders: {
        'x-ratelimit-limit': false,
        'x-ratelimit-remaining': false,
        'x-ratelimit-reset': false,
        'retry-after': true,
      },
    });
  }

  // tRPC reads JSON as text itself; any other content type is handed over as text too.
  api.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  await api.register(fastifyTRPCPlugin, {
    trpcOptions: trpcOptions(contextDeps),
  } satisfies FastifyTRPCPluginOptions<AppRouter>);
}
