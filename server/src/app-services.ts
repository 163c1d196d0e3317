import { createClerkClient } from '@clerk/backend';
import { type AuthSetup, createAuthSetup } from './auth/auth-setup.ts';
import { localAuthRoutes } from './auth/local/local-auth-routes.ts';
import { LocalSessionRegistry } from './auth/local/session-registry.ts';
import type { SigningKey } from './auth/local/signing-key.ts';
import { type BoardEvents, createBoardEvents } from './board-events/board-events.ts';
import type { Database } from './db/database.ts';
import type { Config } from './env.ts';
import { createIdentitySync } from './identity/identity-sync.ts';
import { clerkProfileSource, localProfileSource } from './identity/profile-source.ts';
import type { ContextDeps } from './trpc.ts';
import { serviceRoutes } from './web/service-routes.ts';
import type { WebRoute } from './web/web-route.ts';
import { clerkWebhookRoute } from './webhooks/clerk-webhook-route.ts';

/** What every host is built from: the same configuration, database and (in tests) key. */
export interface HostOptions {
  /** The opened and migrated database (see db/database.ts). */
  database: Database;
  /** Local mode: sign with this key instead of the one persisted in `dataDir` (tests). */
  signingKey?: SigningKey;
  /** The instance's board streams; made here when not given (main.ts gives it, to close it). */
  boardEvents?: BoardEvents;
  /** Serve the built SPA from this directory (default: client/dist, when it exists). */
  clientDist?: string;
}

/**
 * Everything the hosts share, built once per app: Clerk's verification setup, the tRPC
 * context dependencies, and the non-tRPC endpoints as web routes. A host only adds its
 * framework's plumbing around these.
 */
export function createAppServices(config: Config, options: HostOptions) {
  const auth: AuthSetup = createAuthSetup(config, { signingKey: options.signingKey });
  const development = config.nodeEnv === 'development';
  const { db } = options.database;
  const profiles =
    auth.mode === 'clerk'
      ? clerkProfileSource(createClerkClient({ secretKey: auth.secretKey }).users)
      : localProfileSource();
  const identity = createIdentitySync(db, profiles);
  const boardEvents = options.boardEvents ?? createBoardEvents(options.database);
  const contextDeps: ContextDeps = { db, identity, boardEvents, exposeErrors: development };
  const routes: WebRoute[] = [
    ...serviceRoutes({ auth, ping: () => options.database.ping() }),
    ...(auth.mode === 'local' && auth.signingKey
      ? localAuthRoutes(auth, auth.signingKey, new LocalSessionRegistry(db))
      : []),
    clerkWebhookRoute({ db, identity, signingSecret: config.webhookSigningSecret }),
  ];
  return { config, auth, development, identity, contextDeps, routes };
}

export type AppServices = ReturnType<typeof createAppServices>;
