import type { BoardEvent } from '../board-events/events.ts';

/** How long a test waits for the next event before failing (generous: loaded machines). */
const NEXT_EVENT_MS = 10_000;

/**
 * Reads a `board.events` stream as a caller gets it (`tracked()` envelopes: `[id, event]`),
 * one event at a time, failing with a clear message instead of hanging.
 */
export function boardStreamReader(stream: AsyncIterable<unknown>) {
  const iterator = stream[Symbol.asyncIterator]();
  return {
    async next(): Promise<{ id: string; event: BoardEvent }> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no board event within ${NEXT_EVENT_MS} ms`)),
          NEXT_EVENT_MS,
        );
      });
      try {
        const result = await Promise.race([iterator.next(), timeout]);
        if (result.done) throw new Error('the board stream ended');
        const [id, event] = result.value as [string, BoardEvent];
        return { id, event };
      } finally {
        clearTimeout(timer);
      }
    },
    /** The error the stream ends with, within `withinMs`. */
    async ending(withinMs = NEXT_EVENT_MS): Promise<unknown> {
      const deadline = Date.now() + withinMs;
      while (Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), deadline - Date.now());
        });
        try {
          const result = await Promise.race([iterator.next(), timeout]);
          if (result === 'timeout') break;
          if (result.done) return undefined;
        } catch (error) {
          return error;
        } finally {
          clearTimeout(timer);
        }
      }
      throw new Error(`the board stream did not end within ${withinMs} ms`);
    },
    close: () => iterator.return?.(),
  };
}
