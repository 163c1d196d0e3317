import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import { createAppServices, type HostOptions } from './app-services.ts';
import { clerkAuth } from './auth/clerk-auth.ts';
import type { Config } from './env.ts';
import { FAST_PATH_ON, type FastPath } from './fast-path/switches.ts';
import { jsonErrorHandler, sendJsonError } from './http/json-errors.ts';
import {
  apiRateLimit,
  configuredRateLimitStore,
  type RateLimitOptions,
} from './http/rate-limit.ts';
import { securityHeaderOptions } from './http/security-headers.ts';
import { spaRouter } from './http/spa.ts';
import { trpcHandler } from './http/trpc-handler.ts';
import { mountWebRoutes } from './http/web-routes.ts';
import { CORS_POLICY } from './web/cors-policy.ts';

export interface AppOptions extends HostOptions {
  /**
   * A shared rate-limit store, so several API instances enforce one limit; by default the
   * one RATE_LIMIT_STORE names (http/rate-limit.ts).
   */
  rateLimitStore?: RateLimitOptions['store'];
  /** The speed-ups (docs/performance.md); all on unless the benchmark turns one off. */
  fastPath?: FastPath;
}

/**
 * The whole HTTP app on Express: `main.ts` listens on it, tests call it directly.
 * A tRPC request goes: security headers → CORS → Clerk (`clerkMiddleware()`, Bearer only)
 * → rate limit (per verified user) → tRPC (context from `getAuth(req)`, then the gates).
 */
export function createApp(config: Config, options: AppOptions) {
  const services = createAppServices(config, options);
  const { auth, development } = services;
  const fastPath = options.fastPath ?? FAST_PATH_ON;
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet(securityHeaderOptions(auth)));

  app.use(
    '/trpc',
    cors({
      origin: config.appOrigins,
      methods: [...CORS_POLICY.methods],
      allowedHeaders: [...CORS_POLICY.allowedHeaders],
      maxAge: CORS_POLICY.maxAgeSeconds,
    }),
    ...clerkAuth(auth, { debugHeaders: development, fastPath }),
    apiRateLimit({
      ...config.rateLimit,
      store: options.rateLimitStore ?? configuredRateLimitStore(config),
    }),
    trpcHandler(services.contextDeps, {
      maxBodyBytes: config.maxBodyBytes,
      adapter: fastPath.fetchAdapter ? 'fetch' : 'express',
    }),
  );

  // Health, readiness, client config, /auth/local and webhooks (app-services.ts). Mounted
  // after /trpc: the API is the hot path, and Express tries routes in order.
  mountWebRoutes(app, services.routes);

  const spa = spaRouter(options.clientDist);
  if (spa) app.use(spa);

  app.use((_req, res) => sendJsonError(res, 404, 'NOT_FOUND', 'No such route.'));
  app.use(jsonErrorHandler({ exposeErrors: development }));
  return { app, auth, identity: services.identity };
}
