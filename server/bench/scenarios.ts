import type { Request } from 'autocannon';
import { type BenchBoard, PAGE_SIZE } from './bench-data.ts';
import { TARGETS, type TargetName } from './targets.ts';

/** What a scenario's requests may use. */
export interface ScenarioContext {
  /** A valid session token (Acme member) living for the whole run. */
  memberToken: string;
  /** The bench projects in the target's database (bench-data.ts). */
  board: BenchBoard;
}

export interface Scenario {
  /** Stable id: the JSON key, `--only` filter and ratio reference. */
  id: string;
  title: string;
  target: TargetName;
  /** Sent in order on every connection, then again from the first. */
  requests(ctx: ScenarioContext): Request[];
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `me.session`: a protected query that reads no table (its caller is mirrored once). */
const session = (ctx: ScenarioContext): Request[] => [
  { path: '/trpc/me.session', headers: bearer(ctx.memberToken) },
];

/** The same without a token: the auth-off ceiling's member is built in. */
const sessionAuthOff = (): Request[] => [{ path: '/trpc/me.session' }];

/** The mixed traffic: a signed-out `me.whoami`, then a signed-in `me.session`, in turn. */
const signedOutAndIn = (ctx: ScenarioContext): Request[] => [
  { path: '/trpc/me.whoami' },
  ...session(ctx),
];

/** `tasks.list`: the first page of 20 of a project with more (so `nextCursor` is set). */
const tasksListPath = (ctx: ScenarioContext) =>
  `/trpc/tasks.list?input=${encodeURIComponent(
    JSON.stringify({ projectId: ctx.board.listProjectId, limit: PAGE_SIZE }),
  )}`;
const tasksList = (ctx: ScenarioContext): Request[] => [
  { path: tasksListPath(ctx), headers: bearer(ctx.memberToken) },
];
const tasksListAuthOff = (ctx: ScenarioContext): Request[] => [{ path: tasksListPath(ctx) }];

/** `tasks.create`: a mutation is a POST with the input as its JSON body. */
const tasksCreate = (ctx: ScenarioContext): Request[] => [
  {
    method: 'POST',
    path: '/trpc/tasks.create',
    headers: { ...bearer(ctx.memberToken), 'content-type': 'application/json' },
    body: JSON.stringify({
      projectId: ctx.board.createProjectId,
      title: 'Benchmark task',
      description: 'Created by npm run bench.',
    }),
  },
];

const LIST = `tasks.list page of ${PAGE_SIZE}`;

const scenario = (
  id: string,
  target: TargetName,
  title: string,
  requests: Scenario['requests'],
): Scenario => ({ id, target, title, requests });

/**
 * The scenarios, in the order the table shows them. Adding one is adding an entry here
 * (and, for a new stack, a target in targets.ts). Every pair a ratio compares sends the
 * same requests to two targets that differ in one thing (ratios.ts).
 */
export const SCENARIOS: Scenario[] = [
  scenario('trpc.protected', 'app', 'me.session, app', session),
  scenario('trpc.noauth', 'trpcNoAuth', 'me.session, auth off', sessionAuthOff),
  scenario(
    'trpc.stock',
    'trpcStock',
    "me.session, stock clerkMiddleware() + tRPC's Express adapter, http.createServer",
    session,
  ),
  scenario('trpc.protected.again', 'appAgain', 'me.session, app, a second process', session),
  scenario(
    'trpc.protected.noVerdictCache',
    'appNoVerdictCache',
    'me.session, app, verdictCache off (so authReuse too)',
    session,
  ),
  scenario(
    'trpc.protected.noAuthReuse',
    'appNoAuthReuse',
    'me.session, app, authReuse off',
    session,
  ),
  scenario(
    'trpc.protected.noFetchAdapter',
    'appNoFetchAdapter',
    "me.session, app, fetchAdapter off (tRPC's Express adapter)",
    session,
  ),
  scenario(
    'trpc.protected.createServer',
    'appOnCreateServer',
    'me.session, app on http.createServer (not expressServer)',
    session,
  ),
  scenario(
    'trpc.mixed',
    'app',
    '1:1 signed-out me.whoami / signed-in me.session, app',
    signedOutAndIn,
  ),
  scenario(
    'trpc.mixed.noSignedOutReuse',
    'appNoSignedOutReuse',
    'the same mix, app, signedOutReuse off',
    signedOutAndIn,
  ),
  scenario('tasks.list', 'appPglite', `${LIST}, app, PGlite`, tasksList),
  scenario('tasks.create', 'appPglite', 'tasks.create, app, PGlite', tasksCreate),
  scenario('tasks.list.pg', 'appPostgres', `${LIST}, app, PostgreSQL`, tasksList),
  scenario(
    'tasks.list.pg.noauth',
    'trpcNoAuthPostgres',
    `${LIST}, auth off, PostgreSQL`,
    tasksListAuthOff,
  ),
  scenario(
    'tasks.list.pg.norls',
    'appPostgresNoRls',
    `${LIST}, app, PostgreSQL, without row-level security`,
    tasksList,
  ),
  scenario('tasks.create.pg', 'appPostgres', 'tasks.create, app, PostgreSQL', tasksCreate),
];

/** Why the scenario cannot run here, or undefined to run it. */
export function unavailable(scenario: Scenario): string | undefined {
  return TARGETS[scenario.target].database === 'postgres' && !process.env.DATABASE_URL
    ? 'DATABASE_URL not set (eval "$(scripts/pg-temp-cluster.sh start)" gives a throwaway server)'
    : undefined;
}
