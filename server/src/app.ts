import express from 'express';
import { apiAuthMiddleware } from './auth/api-auth.ts';
import type { Config } from './env.ts';
import { createAppServices, type HostOptions } from './hosts/app-services.ts';
import { mountWebRoutes } from './hosts/express/web-route-adapter.ts';
import { apiCors } from './http/api-cors.ts';
import { jsonErrorHandler, sendJsonError } from './http/json-errors.ts';
import { apiRateLimit, type RateLimitOptions } from './http/rate-limit.ts';
import { securityHeaders } from './http/security-headers.ts';
import { spaRouter } from './http/spa.ts';
import { trpcExpressMiddleware } from './http/trpc-express.ts';

export interface AppOptions extends HostOptions {
  /** A shared rate-limit store, so several API instances enforce one limit. */
  rateLimitStore?: RateLimitOptions['store'];
}

/** The whole HTTP app on Express, built in-process: `main.ts` listens on it, tests call it directly. */
export function createApp(config: Config, options: AppOptions) {
  const services = createAppServices(config, options);
  const { auth, development, identity } = services;
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(auth));

  app.use(
    '/trpc',
    apiCors(config.appOrigins),
    ...apiAuthMiddleware(auth, { debugHeaders: development }),
    apiRateLimit({ ...config.rateLimit, store: options.rateLimitStore }),
    trpcExpressMiddleware(services.contextDeps, { maxBodyBytes: config.maxBodyBytes }),
  );

  // Health, readiness, client config, /auth/local and webhooks: shared web routes. Mounted
  // after /trpc: the API is the hot path, and Express tries routes in order.
  mountWebRoutes(app, services.routes);

  const spa = spaRouter(options.clientDist);
  if (spa) app.use(spa);

  app.use((_req, res) => sendJsonError(res, 404, 'NOT_FOUND', 'No such route.'));
  app.use(jsonErrorHandler({ exposeErrors: development }));
  return { app, auth, identity };
}
