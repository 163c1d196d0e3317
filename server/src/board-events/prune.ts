import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { boardEvents } from '../db/schema.ts';
import { acrossOrganizations } from '../db/tenant-scope.ts';

/** How long events are kept: a client away longer than this refetches its board instead. */
export const KEEP_EVENTS_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Deletes the events older than `KEEP_EVENTS_MS`; returns how many. */
export async function pruneBoardEvents(db: Db, keepMs = KEEP_EVENTS_MS): Promise<number> {
  const deleted = await acrossOrganizations(db, 'event-pruning', (tx) =>
    tx
      .delete(boardEvents)
      .where(lt(boardEvents.createdAt, sql`now() - make_interval(secs => ${keepMs / 1000})`))
      .returning({ id: boardEvents.id }),
  );
  return deleted.length;
}

/**
 * Prunes at start and then hourly. Every instance does it; the deletes are idempotent, and
 * a failed run (database away) is logged and tried again at the next hour.
 */
export function schedulePruning(db: Db): { stop(): void } {
  const run = () =>
    pruneBoardEvents(db).catch((error: unknown) =>
      console.error(`Pruning old board events failed: ${(error as Error).message}`),
    );
  void run();
  const timer = setInterval(run, PRUNE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
