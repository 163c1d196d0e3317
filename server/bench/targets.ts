import { createServer, type Server } from 'node:http';
import { clerkMiddleware, type ExpressRequestWithAuth, getAuth } from '@clerk/express';
import { MAX_BATCH_SIZE } from '@tasklane/shared';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { createApp } from '../src/app.ts';
import { clerkAuth } from '../src/auth/clerk-auth.ts';
import type { Database } from '../src/db/database.ts';
import { createHost } from '../src/hosts/create-host.ts';
import { apiRateLimit } from '../src/http/rate-limit.ts';
import { securityHeaderOptions } from '../src/http/security-headers.ts';
import { trpcHandler } from '../src/http/trpc-handler.ts';
import { createIdentitySync } from '../src/identity/identity-sync.ts';
import { localProfileSource } from '../src/identity/profile-source.ts';
import { appRouter } from '../src/routers/_app.ts';
import { listen } from '../src/test/http-server.ts';
import { type ContextDeps, createContextInner } from '../src/trpc.ts';
import { CORS_POLICY } from '../src/web/cors-policy.ts';
import {
  type BenchBoard,
  type BenchDatabase,
  openBenchPglite,
  openBenchPostgres,
} from './bench-data.ts';
import type { BenchAuth } from './fixture.ts';

/**
 * The servers the scenarios hit. Each is a separate Express app on its own port, so a
 * scenario measures exactly one stack. The process that calls `startTargets` runs the
 * ones it is given on its own thread: the bench the app's, the reference process the stock
 * references (reference-process.ts); autocannon runs in a child process. One in-memory
 * PGlite per process, seeded with the demo board and the bench projects (bench-data.ts),
 * is shared by every target there but `appPostgres`.
 */
export const TARGET_NAMES = [
  'expressBare',
  'expressBareAppServer',
  'expressClerk',
  'trpcNoAuth',
  'trpcStock',
  'app',
  'appPostgres',
  'fastifyApp',
  'fetchApp',
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** The route of the two plain Express targets: a small JSON answer naming the caller. */
export const EXPRESS_ROUTE = '/api/bench';

type ClerkAuthHandler = ExpressRequestWithAuth['auth'];

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
 * The `req.auth` the app's auth puts on a request bearing the member token: built once by
 * Clerk (`clerkMiddleware()` → `authenticateRequest` → `toAuth()`) on one loopback request,
 * and read with `getAuth(req)` like any other. A verified Acme member with its claims.
 */
async function memberAuthHandler(auth: BenchAuth): Promise<ClerkAuthHandler> {
  let captured: ClerkAuthHandler | undefined;
  const app = express();
  app.get('/capture', ...clerkAuth(auth.setup, { debugHeaders: false }), (req, res) => {
    captured = (req as ExpressRequestWithAuth).auth;
    res.end();
  });
  const server = await listen(app);
  try {
    await fetch(`${server.baseUrl}/capture`, {
      headers: { authorization: `Bearer ${auth.memberToken}` },
    });
  } finally {
    await server.close();
  }
  const member = captured?.();
  if (!captured || !member?.isAuthenticated || member.orgRole !== 'org:member') {
    throw new Error('Clerk did not accept the bench member token');
  }
  return captured;
}

/**
 * The app's `/trpc` stack (security headers, CORS, rate limiter, router, database) with
 * the given authentication and tRPC adapter: the two comparison targets below differ from
 * the app in exactly these two places.
 */
function trpcStack(auth: BenchAuth, authenticate: RequestHandler, trpc: RequestHandler): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet(securityHeaderOptions(auth.setup)));
  app.use(
    '/trpc',
    cors({
      origin: auth.config.appOrigins,
      methods: [...CORS_POLICY.methods],
      allowedHeaders: [...CORS_POLICY.allowedHeaders],
      maxAge: CORS_POLICY.maxAgeSeconds,
    }),
    authenticate,
    apiRateLimit(auth.config.rateLimit),
    trpc,
  );
  return app;
}

/**
 * The ceiling: the app's `/trpc` stack with auth switched off. Instead of Clerk's
 * middleware, every request gets one fixed, verified member auth (above), so `getAuth(req)`
 * and everything after it run exactly as in the app. Only the app's other routes (health,
 * auth/local, webhooks), which `/trpc` requests pass over, are missing.
 */
function trpcNoAuth(auth: BenchAuth, member: ClerkAuthHandler, deps: ContextDeps): Express {
  const fixedMember: RequestHandler = (req, _res, next) => {
    (req as ExpressRequestWithAuth).auth = member;
    next();
  };
  return trpcStack(
    auth,
    fixedMember,
    trpcHandler(deps, { maxBodyBytes: auth.config.maxBodyBytes }),
  );
}

/**
 * "Before": the app's `/trpc` stack built from both libraries' stock parts: Clerk's recipe
 * (`clerkMiddleware()` + `getAuth(req)`, every token verified every time) and tRPC's own
 * Express adapter.
 */
function trpcStock(auth: BenchAuth, deps: ContextDeps): Express {
  return trpcStack(
    auth,
    clerkMiddleware(clerkRecipeOptions(auth)),
    createExpressMiddleware({
      router: appRouter,
      createContext: ({ req }) => createContextInner({ auth: getAuth(req), deps }),
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: auth.config.maxBodyBytes,
    }),
  );
}

export type RunningTarget = Awaited<ReturnType<typeof listen>>;

function depsOf(database: Database): ContextDeps {
  return {
    db: database.db,
    identity: createIdentitySync(database.db, localProfileSource()),
    exposeErrors: false,
  };
}

/** Starts the targets the chosen scenarios need, each on a free 127.0.0.1 port. */
export async function startTargets(auth: BenchAuth, names: ReadonlySet<TargetName>) {
  const pglite = await openBenchPglite();
  const postgres =
    names.has('appPostgres') && process.env.DATABASE_URL
      ? await openBenchPostgres(process.env.DATABASE_URL)
      : undefined;
  const deps = depsOf(pglite.database);
  // The real app, exactly as `main.ts` builds it (plus the in-memory signing key).
  const realApp = (database: Database) =>
    createApp(auth.config, { database, signingKey: auth.signingKey }).app;
  // The same app on the other two hosts (issue 7), built as `main.ts` builds them.
  const host = async (kind: 'fastify' | 'fetch') =>
    (
      await createHost(kind, auth.config, {
        database: pglite.database,
        signingKey: auth.signingKey,
      })
    ).server;
  // The stock recipes run on stock Express (`app.listen()`, i.e. `http.createServer(app)`);
  // the app and its auth-off ceiling on the server `main.ts` uses (`expressServer`).
  const builders: Record<TargetName, () => Promise<Express | Server> | Express | Server> = {
    expressBare: () => createServer(bareExpress()),
    // The same route on the app's server: what `expressServer` alone is worth.
    expressBareAppServer: bareExpress,
    expressClerk: () => createServer(expressWithClerk(auth)),
    trpcNoAuth: async () => trpcNoAuth(auth, await memberAuthHandler(auth), deps),
    trpcStock: () => createServer(trpcStock(auth, deps)),
    app: () => realApp(pglite.database),
    appPostgres: () => {
      if (!postgres) throw new Error('appPostgres needs DATABASE_URL');
      return realApp(postgres.database);
    },
    fastifyApp: () => host('fastify'),
    fetchApp: () => host('fetch'),
  };
  const running = new Map<TargetName, RunningTarget>();
  for (const name of names) running.set(name, await listen(await builders[name]()));
  const databases: Record<'pglite' | 'postgres', BenchDatabase | undefined> = {
    pglite,
    postgres,
  };
  return {
    /** The seeded projects, per database. */
    board: pglite.board as BenchBoard,
    postgresBoard: postgres?.board,
    databases,
    urlOf(name: TargetName): string {
      const target = running.get(name);
      if (!target) throw new Error(`target ${name} was not started`);
      return target.baseUrl;
    },
    async closeAll() {
      await Promise.all([...running.values()].map((target) => target.close()));
      await pglite.database.close();
      await postgres?.database.close();
    },
  };
}
