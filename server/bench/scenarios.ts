import type { Request } from 'autocannon';
import { type BenchBoard, PAGE_SIZE } from './bench-data.ts';
import { EXPRESS_ROUTE, type TargetName } from './targets.ts';

/** What a scenario's requests may use. */
export interface ScenarioContext {
  /** A valid session token (Acme member) living for the whole run. */
  memberToken: string;
  /** The bench projects in the shared PGlite (bench-data.ts). */
  board: BenchBoard;
  /** The same on PostgreSQL, when DATABASE_URL is set. */
  postgresBoard: BenchBoard | undefined;
}

export interface Scenario {
  /** Stable id: the JSON key, `--only` filter and ratio reference. */
  id: string;
  title: string;
  target: TargetName;
  /** Sent in order on every connection, then again from the first. */
  requests(ctx: ScenarioContext): Request[];
  /** tRPC procedure calls per HTTP request (a batch carries several). */
  queriesPerRequest: number;
  /** Why the scenario cannot run here (e.g. no DATABASE_URL), or undefined to run it. */
  unavailable?(): string | undefined;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** GET of one tRPC query without input, or of several in one batched request. */
function trpcGet(procedures: string[]): string {
  const path = `/trpc/${procedures.join(',')}`;
  return procedures.length === 1 ? path : `${path}?batch=1`;
}

const BATCH = 10;

/** `tasks.list`: the first page of 20 of a project with more (so `nextCursor` is set). */
function tasksListPage(projectId: string): string {
  const input = encodeURIComponent(JSON.stringify({ projectId, limit: PAGE_SIZE }));
  return `/trpc/tasks.list?input=${input}`;
}

/** The mixed traffic: a signed-out `me.whoami`, then a signed-in `me.session`, in turn. */
function signedOutAndIn(ctx: ScenarioContext): Request[] {
  return [
    { path: trpcGet(['me.whoami']) },
    { path: trpcGet(['me.session']), headers: bearer(ctx.memberToken) },
  ];
}

/** `tasks.create`: a mutation is a POST with the input as its JSON body. */
function tasksCreate(token: string, projectId: string): Request {
  return {
    method: 'POST',
    path: '/trpc/tasks.create',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({
      projectId,
      title: 'Benchmark task',
      description: 'Created by npm run bench.',
    }),
  };
}

const needsPostgres = () =>
  process.env.DATABASE_URL
    ? undefined
    : 'DATABASE_URL not set (eval "$(scripts/pg-temp-cluster.sh start)" gives a throwaway server)';

/**
 * The scenarios, in the order the table shows them. Adding one is adding an entry here
 * (and, for a new stack, a target in targets.ts). Every "auth off" scenario calls the same
 * procedure with the same input as its authenticated twin, so their ratio is auth's cost.
 */
export const SCENARIOS: Scenario[] = [
  {
    id: 'express.bare',
    title: 'Express JSON route, no auth',
    target: 'expressBare',
    requests: () => [{ path: EXPRESS_ROUTE }],
    queriesPerRequest: 1,
  },
  {
    id: 'express.bare.server',
    title: "Express JSON route, no auth, the app's server (expressServer)",
    target: 'expressBareAppServer',
    requests: () => [{ path: EXPRESS_ROUTE }],
    queriesPerRequest: 1,
  },
  {
    id: 'express.clerk',
    title: "Express JSON route, Clerk's recipe, valid token",
    target: 'expressClerk',
    requests: (ctx) => [{ path: EXPRESS_ROUTE, headers: bearer(ctx.memberToken) }],
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.noauth',
    title: 'tRPC me.session, auth off (ceiling)',
    target: 'trpcNoAuth',
    requests: () => [{ path: trpcGet(['me.session']) }],
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.stock',
    title: 'tRPC me.session, stock clerkMiddleware + stock tRPC adapter',
    target: 'trpcStock',
    requests: (ctx) => [{ path: trpcGet(['me.session']), headers: bearer(ctx.memberToken) }],
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.protected',
    title: 'tRPC me.session, app, valid token',
    target: 'app',
    requests: (ctx) => [{ path: trpcGet(['me.session']), headers: bearer(ctx.memberToken) }],
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.protected.fastify',
    title: 'tRPC me.session, Fastify host (clerkPlugin), valid token',
    target: 'fastifyApp',
    requests: (ctx) => [{ path: trpcGet(['me.session']), headers: bearer(ctx.memberToken) }],
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.protected.fetch',
    title: 'tRPC me.session, fetch host (authenticateRequest), valid token',
    target: 'fetchApp',
    requests: (ctx) => [{ path: trpcGet(['me.session']), headers: bearer(ctx.memberToken) }],
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.batch10',
    title: `tRPC ${BATCH}× me.session in one batch, app`,
    target: 'app',
    requests: (ctx) => [
      { path: trpcGet(Array(BATCH).fill('me.session')), headers: bearer(ctx.memberToken) },
    ],
    queriesPerRequest: BATCH,
  },
  {
    id: 'trpc.mixed',
    title: 'tRPC app, 1:1 signed out whoami / signed in session',
    target: 'app',
    requests: signedOutAndIn,
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.mixed.fastify',
    title: 'tRPC Fastify host, 1:1 signed out whoami / signed in session',
    target: 'fastifyApp',
    requests: signedOutAndIn,
    queriesPerRequest: 1,
  },
  {
    id: 'tasks.list',
    title: `tasks.list page of ${PAGE_SIZE}, app, PGlite`,
    target: 'app',
    requests: (ctx) => [
      { path: tasksListPage(ctx.board.listProjectId), headers: bearer(ctx.memberToken) },
    ],
    queriesPerRequest: 1,
  },
  {
    id: 'tasks.list.noauth',
    title: `tasks.list page of ${PAGE_SIZE}, auth off, PGlite`,
    target: 'trpcNoAuth',
    requests: (ctx) => [{ path: tasksListPage(ctx.board.listProjectId) }],
    queriesPerRequest: 1,
  },
  {
    id: 'tasks.create',
    title: 'tasks.create (POST JSON), app, PGlite',
    target: 'app',
    requests: (ctx) => [tasksCreate(ctx.memberToken, ctx.board.createProjectId)],
    queriesPerRequest: 1,
  },
  {
    id: 'tasks.list.pg',
    title: `tasks.list page of ${PAGE_SIZE}, app, PostgreSQL`,
    target: 'appPostgres',
    requests: (ctx) => [
      {
        path: tasksListPage(ctx.postgresBoard?.listProjectId ?? 'not-seeded'),
        headers: bearer(ctx.memberToken),
      },
    ],
    queriesPerRequest: 1,
    unavailable: needsPostgres,
  },
  {
    id: 'tasks.create.pg',
    title: 'tasks.create (POST JSON), app, PostgreSQL',
    target: 'appPostgres',
    requests: (ctx) => [
      tasksCreate(ctx.memberToken, ctx.postgresBoard?.createProjectId ?? 'not-seeded'),
    ],
    queriesPerRequest: 1,
    unavailable: needsPostgres,
  },
];
