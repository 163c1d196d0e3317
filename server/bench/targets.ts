import type { AddressInfo } from 'node:net';
import { clerkMiddleware, getAuth, type SessionAuthObject } from '@clerk/express';
import { PGlite } from '@electric-sql/pglite';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cors from 'cors';
import express, { type Express } from 'express';
import { createApp } from '../src/app.ts';
import { type Database, openPglite } from '../src/db/database.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { MAX_BATCH_SIZE, trpcExpressMiddleware } from '../src/http/trpc-express.ts';
import { createIdentitySync } from '../src/identity/identity-sync.ts';
import { localProfileSource } from '../src/identity/profile-source.ts';
import { appRouter } from '../src/routers/_app.ts';
import { type ContextDeps, createContextInner } from '../src/trpc.ts';
import { type BenchAuth, signedOutAuth } from './fixture.ts';

/**
 * The servers the scenarios hit. Each is a separate Express app on its own port, so a
 * scenario measures exactly one stack. Every one runs in this process, on this thread;
 * autocannon runs in a worker thread.
 *
 * EXTENSION POINT (data layer): when `createApp` takes a database, build it here once
 * (PGlite in memory, or PostgreSQL when DATABASE_URL is set) and pass it to `app`.
 */
export const TARGET_NAMES = [
  'expressBare',
  'expressClerk',
  'trpcNoAuth',
  'trpcStockClerk',
  'app',
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** The route of the two plain Express targets: a small JSON answer naming the caller. */
export const EXPRESS_ROUTE = '/api/bench';

/** The seeded demo board in an in-memory PGlite, shared by every target that needs data. */
async function openBenchDatabase(): Promise<Database> {
  const database = await openPglite(await PGlite.create());
  await database.migrate();
  await seedDemoData(database.db);
  return database;
}

function bareExpress(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get(EXPRESS_ROUTE, (_req, res) => {
    res.json({ userId: null });
  });
  return app;
}

/**
 * Clerk's documented Express recipe: keys from `CLERK_*` environment variables,
 * `app.use(clerkMiddleware())`, `getAuth(req)` in the route. The security options that
 * have no environment variable (azp, iss) are passed, as our app does.
 */
function clerkRecipeOptions(auth: BenchAuth) {
  process.env.CLERK_PUBLISHABLE_KEY = auth.setup.publishableKey;
  process.env.CLERK_SECRET_KEY = auth.setup.secretKey;
  process.env.CLERK_JWT_KEY = auth.setup.jwtKey;
  return { authorizedParties: auth.setup.authorizedParties, issuer: auth.setup.issuer };
}

function expressWithClerk(auth: BenchAuth): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(clerkMiddleware(clerkRecipeOptions(auth)));
  app.get(EXPRESS_ROUTE, (req, res) => {
    const { userId } = getAuth(req);
    if (!userId) {
      res.status(401).json({ error: 'Unauthorized' });
      return;
    }
    res.json({ userId });
  });
  return app;
}

/**
 * The tRPC ceiling: the app's `/trpc` stack with auth taken out. Same CORS, router and
 * adapter options, no Clerk middleware, a fixed signed-out auth object.
 * Keep the CORS options in step with app.ts (they are not exported from there).
 */
function trpcNoAuth(auth: BenchAuth, signedOut: SessionAuthObject, deps: ContextDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/trpc',
    cors({
      origin: auth.config.appOrigins,
      allowedHeaders: ['authorization', 'content-type', 'trpc-accept', 'x-trpc-source'],
      maxAge: 600,
    }),
    createExpressMiddleware({
      router: appRouter,
      createContext: () => createContextInner({ auth: signedOut, deps }),
      maxBatchSize: MAX_BATCH_SIZE,
    }),
  );
  return app;
}

/** tRPC behind the stock recipe (`clerkMiddleware()` + `getAuth(req)`, no cache): "before". */
function trpcStockClerk(auth: BenchAuth, deps: ContextDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/trpc',
    clerkMiddleware(clerkRecipeOptions(auth)),
    trpcExpressMiddleware(deps, { maxBodyBytes: auth.config.maxBodyBytes }),
  );
  return app;
}

export interface RunningTarget {
  baseUrl: string;
  close(): Promise<void>;
}

async function listen(app: Express): Promise<RunningTarget> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts the targets the chosen scenarios need, each on a free 127.0.0.1 port. */
export async function startTargets(auth: BenchAuth, names: ReadonlySet<TargetName>) {
  const database = await openBenchDatabase();
  const deps: ContextDeps = {
    db: database.db,
    identity: createIdentitySync(database.db, localProfileSource()),
    exposeErrors: false,
  };
  const builders: Record<TargetName, () => Promise<Express> | Express> = {
    expressBare: bareExpress,
    expressClerk: () => expressWithClerk(auth),
    trpcNoAuth: async () => trpcNoAuth(auth, await signedOutAuth(auth.setup), deps),
    trpcStockClerk: () => trpcStockClerk(auth, deps),
    // The real app, exactly as `main.ts` builds it (plus the in-memory signing key).
    app: () => createApp(auth.config, { database, signingKey: auth.signingKey }).app,
  };
  const running = new Map<TargetName, RunningTarget>();
  for (const name of names) running.set(name, await listen(await builders[name]()));
  return {
    urlOf(name: TargetName): string {
      const target = running.get(name);
      if (!target) throw new Error(`target ${name} was not started`);
      return target.baseUrl;
    },
    async closeAll() {
      await Promise.all([...running.values()].map((target) => target.close()));
      await database.close();
    },
  };
}
