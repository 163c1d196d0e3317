/**
 * The one tRPC init file. Read it top to bottom:
 *   1. CONTEXT: what every procedure receives, built from a Clerk auth object.
 *   2. INITIALIZATION: tRPC itself, the error formatter, procedure metadata.
 *   3. PROCEDURES: the gate ladder every router builds on. Nothing else is exported:
 *      a procedure can only be made from a base procedure, so it always declares a gate.
 */
import type { SessionAuthObject } from '@clerk/express';
import { ORG_ROLES, type Permission } from '@tasklane/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { BoardEvents } from './board-events/board-events.ts';
import type { Db, DbOrTx, Tx } from './db/database.ts';
import { FOREIGN_KEY_VIOLATION, sqlStateOf } from './db/sql-state.ts';
import { scopedToOrganization, TENANT_SCOPE_OFF } from './db/tenant-scope.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import type { IdentitySync } from './identity/identity-sync.ts';

/* ------------------------------------------------------------------------------------------
 * 1. CONTEXT
 * ---------------------------------------------------------------------------------------- */

/** What a host hands over besides the auth object: built once per app, not per request. */
export interface ContextDeps {
  db: Db;
  /** Mirrors the verified caller (user, organization, membership) into the database. */
  identity: IdentitySync;
  /** This instance's live board streams (board.events). */
  boardEvents: BoardEvents;
  /** Show stack traces and internal error messages (development only). */
  exposeErrors: boolean;
}

/**
 * The context without any HTTP in it, so tests and every host build it the same way.
 * `auth` is Clerk's own auth object: `getAuth(req)` in Express, `toAuth()` elsewhere.
 */
export function createContextInner(opts: { auth: SessionAuthObject; deps: ContextDeps }) {
  /**
   * The database as a procedure sees it. Its connections run as the role row-level
   * security binds (db/tenant-scope.ts): unscoped, it sees no organization's rows; under
   * an organization gate it is the transaction scoped to the caller's organization.
   */
  const db: DbOrTx = opts.deps.db;
  return { auth: opts.auth, db, deps: opts.deps };
}

export type Context = ReturnType<typeof createContextInner>;

/* ------------------------------------------------------------------------------------------
 * 2. INITIALIZATION
 * ---------------------------------------------------------------------------------------- */

/** The gates, weakest first. Every procedure carries one in its meta. */
export const GATES = ['public', 'protected', 'org', 'orgAdmin'] as const;
export type Gate = (typeof GATES)[number];

export interface Meta {
  gate: Gate;
  /** A Clerk organization permission the caller must hold, on top of the gate. */
  permission?: Permission;
}

/** "name: Give the project a name." rather than tRPC's default, the issues as JSON. */
function readableIssues(error: ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Server-sent events (board.events): a ping every 10 s keeps proxies from closing an
    // idle stream, and a client that hears nothing for 25 s reconnects.
    sse: {
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 25_000 },
    },
    errorFormatter({ shape, error, ctx }) {
      const expose = ctx?.deps.exposeErrors ?? false;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const { stack, ...data } = shape.data;
      const zodError = error.cause instanceof ZodError ? error.cause : undefined;
      return {
        ...shape,
        message: zodError
          ? readableIssues(zodError)
          : internal && !expose
            ? 'Internal server error'
            : shape.message,
        data: {
          ...data,
          ...(expose ? { stack } : {}),
          zodError: zodError ? z.flattenError(zodError) : null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/* ------------------------------------------------------------------------------------------
 * 3. PROCEDURES
 * ---------------------------------------------------------------------------------------- */

/*
 * The ladder, in the order every request meets it:
 *   databaseErrors → signedIn (401) → mirrorIdentity → inOrganization (403) →
 *   organizationScope → role or permission (403) → the procedure.
 * Under every gate, a database that cannot be reached answers 503 with a clear message (not
 * a 500), so clients and load balancers know to retry, and a write that refers to a row
 * deleted meanwhile answers 404 (see `databaseErrors`).
 */

function databaseUnavailable(cause: unknown) {
  return new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: 'The database is unavailable right now. Try again in a moment.',
    cause,
  });
}

/**
 * The database's failures a client can act on, given their code:
 * - unreachable: the 503 above;
 * - a foreign key violated: a row the write refers to (a task, a project, a member) was
 *   deleted between the procedure's checks and its write, a race those checks cannot close.
 *   That is NOT_FOUND, as it would have been a moment later, not a 500.
 */
const databaseErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { cause } = result.error;
  if (isDatabaseUnavailable(cause)) throw databaseUnavailable(cause);
  if (
    result.error.code === 'INTERNAL_SERVER_ERROR' &&
    sqlStateOf(cause) === FOREIGN_KEY_VIOLATION
  ) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'Something this refers to was deleted meanwhile. Reload and try again.',
      cause,
    });
  }
  return result;
});

type SignedInAuth = Extract<SessionAuthObject, { isAuthenticated: true }>;
type OrgAuth = SignedInAuth & { orgId: string; orgRole: string };

/** 401 unless Clerk verified a session; narrows `ctx.auth` so `userId` is a `string`. */
const signedIn = t.middleware(({ ctx, next }) => {
  const { auth } = ctx;
  if (!auth.isAuthenticated || !auth.userId) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  }
  return next({ ctx: { auth: auth as SignedInAuth } });
});

/**
 * Mirrors the verified caller (user, organization, membership) into the database the first
 * time they are seen, so procedures can join on them; a no-op from memory afterwards.
 */
const mirrorIdentity = signedIn.unstable_pipe(async ({ ctx, next }) => {
  try {
    await ctx.deps.identity.ensure(ctx.auth);
  } catch (error) {
    throw isDatabaseUnavailable(error) ? databaseUnavailable(error) : error;
  }
  return next();
});

/** 403 unless the caller has an active organization; narrows `ctx.auth.orgId` to `string`. */
const inOrganization = mirrorIdentity.unstable_pipe(({ ctx, next }) => {
  const { auth } = ctx;
  if (!auth.orgId || !auth.orgRole) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Select an organization first: this needs an active organization.',
    });
  }
  return next({ ctx: { auth: auth as OrgAuth } });
});

/**
 * Runs the procedure in one transaction scoped to the caller's organization: row-level
 * security then admits only its rows, whatever the procedure's queries forget to filter
 * (docs/tenancy.md), and a mutation's writes (a change, its audit entry, its board event)
 * commit together or not at all. An error rolls the transaction back. A subscription
 * outlives any transaction: its reads scope themselves (board-events/board-stream.ts), and
 * its `ctx.db` stays unscoped, which sees nothing of any organization.
 */
const organizationScope = inOrganization.unstable_pipe(async ({ ctx, type, next }) => {
  if (type === 'subscription' || (TENANT_SCOPE_OFF && type === 'query')) return next();
  // The bench's RLS-off build keeps mutations whole in a plain transaction.
  const inTransaction = TENANT_SCOPE_OFF
    ? (work: (tx: Tx) => Promise<void>) => ctx.deps.db.transaction(work)
    : (work: (tx: Tx) => Promise<void>) => scopedToOrganization(ctx.deps.db, ctx.auth.orgId, work);
  let result: Awaited<ReturnType<typeof next>> | undefined;
  try {
    await inTransaction(async (tx) => {
      result = await next({ ctx: { db: tx } });
      if (!result.ok) throw result.error;
    });
  } catch (error) {
    // The procedure's own error, after the rollback; anything else (a failed commit) is new.
    if (result && !result.ok && error === result.error) return result;
    throw error;
  }
  return result as NonNullable<typeof result>;
});

/** Signed-out callers allowed, like Clerk's lax middleware: `ctx.auth` may be signed out. */
export const publicProcedure = t.procedure.meta({ gate: 'public' }).use(databaseErrors);

/** A signed-in user, mirrored into the database. */
export const protectedProcedure = t.procedure
  .meta({ gate: 'protected' })
  .use(databaseErrors)
  .use(mirrorIdentity);

/** A signed-in user with an active organization. */
export const orgProcedure = t.procedure
  .meta({ gate: 'org' })
  .use(databaseErrors)
  .use(organizationScope);

/** An admin (`org:admin`) of the active organization, checked with Clerk's own `has()`. */
export const orgAdminProcedure = orgProcedure.meta({ gate: 'orgAdmin' }).use(({ ctx, next }) => {
  if (!ctx.auth.has({ role: ORG_ROLES.admin })) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Organization admins only.' });
  }
  return next();
});

/**
 * An organization procedure that also requires a Clerk permission, checked with
 * `auth.has({ permission })`. The permission is part of the procedure's meta, so the
 * access matrix knows who may call it.
 */
export function permissionProcedure(permission: Permission) {
  return orgProcedure.meta({ gate: 'org', permission }).use(({ ctx, next }) => {
    if (!ctx.auth.has({ permission })) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Missing permission ${permission}.` });
    }
    return next();
  });
}
