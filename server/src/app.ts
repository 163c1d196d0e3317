import { createClerkClient } from '@clerk/express';
import type { ClientConfig } from '@tasklane/shared';
import cors from 'cors';
import express from 'express';
import { apiAuthMiddleware } from './auth/api-auth.ts';
import { type AuthSetup, createAuthSetup } from './auth/auth-setup.ts';
import { localAuthRouter } from './auth/local/routes.ts';
import type { SigningKey } from './auth/local/signing-key.ts';
import type { Database } from './db/database.ts';
import type { Config } from './env.ts';
import { jsonErrorHandler, sendJsonError } from './http/json-errors.ts';
import { apiRateLimit, type RateLimitOptions } from './http/rate-limit.ts';
import { securityHeaders } from './http/security-headers.ts';
import { spaRouter } from './http/spa.ts';
import { trpcExpressMiddleware } from './http/trpc-express.ts';
import { createIdentitySync } from './identity/identity-sync.ts';
import { clerkProfileSource, localProfileSource } from './identity/profile-source.ts';
import { clerkWebhookRouter } from './webhooks/clerk-webhook-route.ts';

export interface AppOptions {
  /** The opened and migrated database (see db/database.ts). */
  database: Database;
  /** Local mode: sign with this key instead of the one persisted in `dataDir` (tests). */
  signingKey?: SigningKey;
  /** Serve the built SPA from this directory (default: client/dist, when it exists). */
  clientDist?: string;
  /** A shared rate-limit store, so several API instances enforce one limit. */
  rateLimitStore?: RateLimitOptions['store'];
}

/** The whole HTTP app, built in-process: `main.ts` listens on it, tests call it directly. */
export function createApp(config: Config, options: AppOptions) {
  const auth: AuthSetup = createAuthSetup(config, { signingKey: options.signingKey });
  const development = config.nodeEnv === 'development';
  const { db } = options.database;
  const profiles =
    auth.mode === 'clerk'
      ? clerkProfileSource(createClerkClient({ secretKey: auth.secretKey }).users)
      : localProfileSource();
  const identity = createIdentitySync(db, profiles);
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(auth));

  /** Liveness: the process answers. */
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /** Readiness: the database answers too (load balancers stop routing here when it does not). */
  app.get('/readyz', async (_req, res) => {
    try {
      await options.database.ping();
      res.json({ status: 'ready', database: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });

  app.get('/api/client-config', (_req, res) => {
    const body: ClientConfig =
      auth.mode === 'clerk'
        ? { authMode: 'clerk', publishableKey: auth.publishableKey }
        : { authMode: 'local' };
    res.json(body);
  });

  if (auth.mode === 'local' && auth.signingKey) {
    app.use('/auth/local', localAuthRouter(auth, auth.signingKey));
  }

  app.use(
    '/webhooks/clerk',
    clerkWebhookRouter({ db, identity, signingSecret: config.webhookSigningSecret }),
  );

  app.use(
    '/trpc',
    cors({
      origin: config.appOrigins,
      allowedHeaders: ['authorization', 'content-type', 'trpc-accept', 'x-trpc-source'],
      maxAge: 600,
    }),
    ...apiAuthMiddleware(auth, { debugHeaders: development }),
    apiRateLimit({ ...config.rateLimit, store: options.rateLimitStore }),
    trpcExpressMiddleware(
      { db, identity, exposeErrors: development },
      { maxBodyBytes: config.maxBodyBytes },
    ),
  );

  const spa = spaRouter(options.clientDist);
  if (spa) app.use(spa);

  app.use((_req, res) => sendJsonError(res, 404, 'NOT_FOUND', 'No such route.'));
  app.use(jsonErrorHandler({ exposeErrors: development }));
  return { app, auth, identity };
}
