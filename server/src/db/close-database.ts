import { setTimeout as delay } from 'node:timers/promises';
import type { Database } from './database.ts';

export type CloseOutcome = 'closed' | 'timed out' | { failed: unknown };

/**
 * Closes the database at shutdown, waiting at most `timeoutMs`. A close can wait forever:
 * node-postgres's `pool.end()` waits for every client to be released, and drizzle never
 * releases the client of a transaction whose BEGIN failed. A process stuck there after
 * SIGTERM is ended only by its supervisor's SIGKILL, later and without a word; this lets
 * the caller say what happened and exit with a failure code instead.
 */
export async function closeDatabaseWithin(
  database: Pick<Database, 'close'>,
  timeoutMs: number,
): Promise<CloseOutcome> {
  const timer = new AbortController();
  try {
    return await Promise.race([
      database.close().then(
        () => 'closed' as const,
        (error: unknown) => ({ failed: error }),
      ),
      delay(timeoutMs, 'timed out' as const, { signal: timer.signal }),
    ]);
  } finally {
    // Once closed, the timer must not hold the process open until it fires.
    timer.abort();
  }
}
