import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clerkMiddleware, type ExpressRequestWithAuth, getAuth } from '@clerk/express';
import { MAX_BATCH_SIZE } from '@tasklane/shared';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { createApp } from '../src/app.ts';
import { clerkAuth } from '../src/auth/clerk-auth.ts';
import { createBoardEvents } from '../src/board-events/board-events.ts';
import type { Database } from '../src/db/database.ts';
import { expressServer } from '../src/fast-path/express-server.ts';
import { FAST_PATH_ON, type FastPath } from '../src/fast-path/switches.ts';
import { apiRateLimit } from '../src/http/rate-limit.ts';
import { securityHeaderOptions } from '../src/http/security-headers.ts';
import { trpcHandler } from '../src/http/trpc-handler.ts';
import { createIdentitySync } from '../src/identity/identity-sync.ts';
import { localProfileSource } from '../src/identity/profile-source.ts';
import { appRouter } from '../src/routers/_app.ts';
import { type ContextDeps, createContextInner } from '../src/trpc.ts';
import { CORS_POLICY } from '../src/web/cors-policy.ts';
import { openBenchPglite, openBenchPostgres } from './bench-data.ts';
import type { BenchAuth } from './fixture.ts';

interface BuildContext {
  auth: BenchAuth;
  database: Database;
}

interface TargetSpec {
  /**
   * `pglite`: an in-memory PGlite of the process's own, seeded; `postgres`: DATABASE_URL's;
   * `any`: PostgreSQL when DATABASE_URL is set, else PGlite (targets that only serve
   * `me.session`, which reads the database once every 5 minutes to mirror its caller).
   */
  database: 'pglite' | 'postgres' | 'any';
  /** Set in the process's environment before it loads the app (read once, at start). */
  env?: Record<string, string>;
  /** An Express app is served on `expressServer` (as `main.ts` serves it), a Server as is. */
  build(ctx: BuildContext): Express | Server | Promise<Express | Server>;
}

/** The app exactly as `main.ts` builds it (plus the in-memory signing key), speed-ups as given. */
const app =
  (off: Partial<FastPath> = {}) =>
  ({ auth, database }: BuildContext) =>
    createApp(auth.config, {
      database,
      signingKey: auth.signingKey,
      fastPath: { ...FAST_PATH_ON, ...off },
    }).app;

/**
 * The servers the scenarios hit. Each runs alone in a process of its own (target-process.ts),
 * as `npm start` runs the app: servers of one process share its V8 heap and JIT feedback,
 * and the same app measured 20% dearer in a process beside six other builds of it, whose
 * code it shares, than beside one. Each process with a PGlite costs about 1 s of CPU and
 * 400 MB more to start: with DATABASE_URL set, only `appPglite`'s opens one.
 */
const TARGET_SPECS = {
  app: { database: 'any', build: app() },
  appAgain: { database: 'any', build: app() },
  trpcNoAuth: { database: 'any', build: (ctx) => trpcNoAuth(ctx) },
  trpcStock: { database: 'any', build: (ctx) => createServer(trpcStock(ctx)) },
  appNoVerdictCache: { database: 'any', build: app({ verdictCache: false }) },
  appNoAuthReuse: { database: 'any', build: app({ authReuse: false }) },
  appNoSignedOutReuse: { database: 'any', build: app({ signedOutReuse: false }) },
  appNoFetchAdapter: { database: 'any', build: app({ fetchAdapter: false }) },
  // Stock `http.createServer(app)` (what `app.listen()` does) instead of `expressServer`.
  appOnCreateServer: { database: 'any', build: (ctx) => createServer(app()(ctx)) },
  appPglite: { database: 'pglite', build: app() },
  appPostgres: { database: 'postgres', build: app() },
  trpcNoAuthPostgres: { database: 'postgres', build: (ctx) => trpcNoAuth(ctx) },
  // The login role (the bench's superuser, which RLS does not bind), no scoped transaction.
  appPostgresNoRls: { database: 'postgres', env: { TASKLANE_BENCH_OFF: 'rls' }, build: app() },
} satisfies Record<string, TargetSpec>;
export type TargetName = keyof typeof TARGET_SPECS;
export const TARGETS: Record<TargetName, TargetSpec> = TARGET_SPECS;

/** The database a target opens here. */
export function databaseOf(name: TargetName): 'pglite' | 'postgres' {
  const { database } = TARGETS[name];
  if (database !== 'any') return database;
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

type ClerkAuthHandler = ExpressRequestWithAuth['auth'];

/**
 * The app's `/trpc` stack (security headers, CORS, rate limiter, router, database) with
 * the given authentication and tRPC middleware: the auth-off ceiling and the stock stack
 * differ from the app in exactly these two places.
 */
function trpcStack(auth: BenchAuth, authenticate: RequestHandler, trpc: RequestHandler): Express {
  const stack = express();
  stack.disable('x-powered-by');
  stack.use(helmet(securityHeaderOptions(auth.setup)));
  stack.use(
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
  return stack;
}

function depsOf(database: Database): ContextDeps {
  return {
    db: database.db,
    identity: createIdentitySync(database.db, localProfileSource()),
    boardEvents: createBoardEvents(database),
    exposeErrors: false,
  };
}

/**
 * The `req.auth` the app's auth puts on a request bearing the member token: built once by
 * Clerk (`clerkMiddleware()` → `authenticateRequest` → `toAuth()`) on one loopback request,
 * and read with `getAuth(req)` like any other. A verified Acme member with its claims.
 */
async function memberAuthHandler(auth: BenchAuth): Promise<ClerkAuthHandler> {
  let captured: ClerkAuthHandler | undefined;
  const capture = express();
  capture.get('/capture', ...clerkAuth(auth.setup, { debugHeaders: false }), (req, res) => {
    captured = (req as ExpressRequestWithAuth).auth;
    res.end();
  });
  const server = await listen(capture);
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
 * The ceiling: the app's `/trpc` stack with auth switched off. Instead of Clerk's
 * middleware, every request gets one fixed, verified member auth (above), so `getAuth(req)`
 * and everything after it run exactly as in the app.
 */
async function trpcNoAuth({ auth, database }: BuildContext): Promise<Express> {
  const member = await memberAuthHandler(auth);
  const fixedMember: RequestHandler = (req, _res, next) => {
    (req as ExpressRequestWithAuth).auth = member;
    next();
  };
  return trpcStack(
    auth,
    fixedMember,
    trpcHandler(depsOf(database), { maxBodyBytes: auth.config.maxBodyBytes }),
  );
}

/**
 * The stock stack: the app's `/trpc` stack built from both libraries' documented parts,
 * Clerk's recipe (`clerkMiddleware()` with its keys from `CLERK_*` environment variables,
 * `getAuth(req)`, every token verified every time) and tRPC's own Express adapter, on stock
 * `http.createServer`. The security options without an environment variable (azp, iss)
 * are passed, as the app does.
 */
function trpcStock({ auth, database }: BuildContext): Express {
  process.env.CLERK_PUBLISHABLE_KEY = auth.setup.publishableKey;
  process.env.CLERK_SECRET_KEY = auth.setup.secretKey;
  process.env.CLERK_JWT_KEY = auth.setup.jwtKey;
  const deps = depsOf(database);
  return trpcStack(
    auth,
    clerkMiddleware({ authorizedParties: auth.setup.authorizedParties, issuer: auth.setup.issuer }),
    createExpressMiddleware({
      router: appRouter,
      createContext: ({ req }) => createContextInner({ auth: getAuth(req), deps }),
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: auth.config.maxBodyBytes,
    }),
  );
}

/** Listens on a free 127.0.0.1 port; `close()` ends it with its open connections. */
async function listen(target: Express | Server) {
  const server = typeof target === 'function' ? expressServer(target) : target;
  server.listen(0, '127.0.0.1');
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

/**
 * Builds the target with the database it uses, on a free 127.0.0.1 port; a PGlite is loaded
 * from `pgliteDump` (bench-data.ts).
 */
export async function startTarget(auth: BenchAuth, name: TargetName, pgliteDump?: string) {
  const url = process.env.DATABASE_URL;
  const kind = databaseOf(name);
  if (kind === 'postgres' && !url) throw new Error(`${name} needs DATABASE_URL`);
  const { database, board } =
    kind === 'postgres' && url ? await openBenchPostgres(url) : await openBenchPglite(pgliteDump);
  const server = await listen(await TARGETS[name].build({ auth, database }));
  return {
    url: server.baseUrl,
    /** The seeded projects the target reads and writes. */
    board,
    async close() {
      await server.close();
      await database.close();
    },
  };
}
