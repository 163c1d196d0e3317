import type { Request } from 'autocannon';
import { EXPRESS_ROUTE, type TargetName } from './targets.ts';

/** What a scenario's requests may use. */
export interface ScenarioContext {
  /** A valid session token (Acme member) living for the whole run. */
  memberToken: string;
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

/**
 * The scenarios, in the order the table shows them. Adding one is adding an entry here
 * (and, for a new stack, a target in targets.ts).
 *
 * EXTENSION POINTS (data layer, issue 6 phase 2), each a plain entry:
 *   - `trpc.tasks.list` / `trpc.tasks.list.noauth`: `tasks.list` page of 20, on `app` with the
 *     member token and on `trpcNoAuth` (that one needs an org in its fixed auth object);
 *   - `trpc.tasks.create`: POST with a JSON body on `app` (mind growth: fixed duration);
 *   - the same on PostgreSQL, with `unavailable: () => process.env.DATABASE_URL ? undefined
 *     : 'DATABASE_URL not set'`, on a target built with a pg pool.
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
    id: 'express.clerk',
    title: "Express JSON route, Clerk's recipe, valid token",
    target: 'expressClerk',
    requests: (ctx) => [{ path: EXPRESS_ROUTE, headers: bearer(ctx.memberToken) }],
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.noauth',
    title: 'tRPC me.whoami, auth off (ceiling)',
    target: 'trpcNoAuth',
    requests: () => [{ path: trpcGet(['me.whoami']) }],
    queriesPerRequest: 1,
  },
  {
    id: 'trpc.stock',
    title: 'tRPC me.session, stock clerkMiddleware',
    target: 'trpcStockClerk',
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
    requests: (ctx) => [
      { path: trpcGet(['me.whoami']) },
      { path: trpcGet(['me.session']), headers: bearer(ctx.memberToken) },
    ],
    queriesPerRequest: 1,
  },
];
