import { TRPCError, tracked } from '@trpc/server';
import { and, asc, eq, gt, max } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { boardEvents, memberships, projects } from '../db/schema.ts';
import { notFound } from '../domain/not-found.ts';
import type { BoardEventHub, StreamWatch } from './event-hub.ts';
import type { BoardEvent } from './events.ts';
import { FEED_PAGE, type FeedEvent, SHARED_FEED_OFF } from './project-feed.ts';

export interface BoardStreamOptions {
  hub: BoardEventHub;
  /** Runs database work in the caller's organization (the ladder's scope). */
  inOrg: <T>(work: (db: DbOrTx) => Promise<T>) => Promise<T>;
  orgId: string;
  userId: string;
  projectId: string;
  /** The last event the client has; absent on a first connect. */
  lastEventId: string | null | undefined;
  /** When the session token the stream was opened with expires (ms since the epoch). */
  expiresAt: number;
  /** Aborted when the client goes away. */
  signal: AbortSignal | undefined;
}

/**
 * Opens a board's stream: access is checked first, so a refused (re)connect ends with the
 * error before any event (tRPC sends it as the stream's one `serialized-error` event, whose
 * data carries the 403/404 status), and tRPC's client takes it as final.
 */
export async function openBoardStream(options: BoardStreamOptions) {
  // Watching starts before the check, so a revocation or change from then on is not missed.
  const watch = options.hub.watch(options);
  try {
    const start = await options.inOrg(async (db) => {
      await assertAccess(db, options);
      return startAfter(db, options);
    });
    return boardStream(options, watch, start);
  } catch (error) {
    watch.close();
    throw error;
  }
}

/**
 * The stream: missed events first (after `lastEventId`), in order, then live ones as they
 * commit. It ends:
 * - quietly when the token expires or the instance shuts down, so the client reconnects
 *   (with a new token, to any instance) and resumes from its last id;
 * - with FORBIDDEN when the caller is no longer a member, NOT_FOUND after the project's
 *   deletion, so the client stops.
 */
async function* boardStream(
  options: BoardStreamOptions,
  watch: StreamWatch,
  start: { after: number; resync: boolean },
) {
  const { signal, expiresAt } = options;
  const ring = () => watch.bell.ring();
  signal?.addEventListener('abort', ring);
  // A flag, not a clock check: a timer may fire a millisecond before Date.now() says so.
  let expired = false;
  const expiry = setTimeout(
    () => {
      expired = true;
      ring();
    },
    Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1),
  );
  let last = start.after;
  const read = (after: number) => options.inOrg((db) => readAfter(db, options, after));
  const feed = SHARED_FEED_OFF ? undefined : options.hub.feedFor(options.projectId, last);
  /** From the project's shared feed, or from the table when behind what the feed keeps. */
  async function nextEvents(after: number): Promise<FeedEvent[]> {
    if (feed) {
      await feed.refresh(read);
      const kept = feed.eventsAfter(after);
      if (kept) return kept;
    }
    return read(after);
  }
  try {
    if (start.resync) yield tracked(String(last), resyncEvent(options));
    while (true) {
      await watch.bell.wait();
      if (signal?.aborted) return;
      if (watch.closing) throw reconnect('The server is restarting.');
      if (expired || Date.now() >= expiresAt) throw reconnect('The session token expired.');
      if (watch.recheckAccess) {
        watch.recheckAccess = false;
        await options.inOrg((db) => assertAccess(db, options));
      }
      for (let more = true; more; ) {
        const rows = await nextEvents(last);
        for (const row of rows) {
          last = row.id;
          yield tracked(String(row.id), row.payload as BoardEvent);
          if (row.type === 'project.deleted') throw notFound('Project');
        }
        more = rows.length >= FEED_PAGE;
      }
    }
  } finally {
    clearTimeout(expiry);
    signal?.removeEventListener('abort', ring);
    watch.close();
  }
}

/**
 * An AbortError: tRPC ends the response without its `return` event, which is what makes
 * the client's EventSource reconnect (with `Last-Event-ID`) instead of finishing. Canary:
 * board-events.http.test.ts "ends at the token's expiry and resumes on reconnect".
 */
function reconnect(why: string) {
  return new DOMException(`${why} Reconnect to resume.`, 'AbortError');
}

async function assertAccess(db: DbOrTx, who: BoardStreamOptions) {
  const [member] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, who.orgId), eq(memberships.userId, who.userId)));
  if (!member) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'You are no longer a member of this organization.',
    });
  }
  const [project] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, who.projectId), eq(projects.orgId, who.orgId)));
  if (!project) throw notFound('Project');
}

/** Where the stream starts: after the client's last event if it is still kept, else now. */
async function startAfter(db: DbOrTx, options: BoardStreamOptions) {
  const scope = and(
    eq(boardEvents.orgId, options.orgId),
    eq(boardEvents.projectId, options.projectId),
  );
  if (options.lastEventId) {
    const lastId = Number(options.lastEventId);
    const [kept] = await db
      .select({ id: boardEvents.id })
      .from(boardEvents)
      .where(and(scope, eq(boardEvents.id, lastId)));
    if (kept) return { after: lastId, resync: false };
  }
  const [latest] = await db
    .select({ id: max(boardEvents.id) })
    .from(boardEvents)
    .where(scope);
  return { after: Number(latest?.id ?? 0), resync: Boolean(options.lastEventId) };
}

function readAfter(db: DbOrTx, options: BoardStreamOptions, after: number) {
  return db
    .select({ id: boardEvents.id, type: boardEvents.type, payload: boardEvents.payload })
    .from(boardEvents)
    .where(
      and(
        eq(boardEvents.orgId, options.orgId),
        eq(boardEvents.projectId, options.projectId),
        gt(boardEvents.id, after),
      ),
    )
    .orderBy(asc(boardEvents.id))
    .limit(FEED_PAGE);
}

function resyncEvent(options: BoardStreamOptions): BoardEvent {
  return {
    type: 'board.resync',
    projectId: options.projectId,
    actorId: options.userId,
    at: new Date().toISOString(),
  };
}
