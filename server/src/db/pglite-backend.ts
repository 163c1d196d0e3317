import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';

/**
 * One PGlite backend session, spoken to in raw PostgreSQL protocol: what the node-postgres
 * adapter (pglite-pg-connection.ts) needs, whether PGlite runs in its own thread
 * (pglite-worker.ts, what the server uses) or in this one (tests and scripts).
 */
export interface PgliteBackend {
  readonly waitReady: Promise<void>;
  readonly closed: boolean;
  /** Why the backend stopped without being closed (a thread that died), if it did. */
  readonly lost?: Error;
  /**
   * Sends protocol messages and resolves with every reply byte they produced. Exchanges run
   * in the order they are sent; a caller may send the next before the last has answered.
   */
  exchange(messages: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The bytes of PGlite's reply to `messages`, run on this thread. */
export async function exchangeWith(pglite: PGlite, messages: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await pglite.execProtocolRawStream(messages, {
    // The file systems PGlite has in Node (memory, NODEFS) have nothing to sync; the sync
    // would only take a mutex and several promises per exchange.
    syncToFs: false,
    // A chunk is a view of PGlite's memory, reused for the next one: it is copied.
    onRawData: (chunk) => chunks.push(chunk.slice()),
  });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * A PGlite on this thread as a backend, for tests and scripts (the server runs PGlite in a
 * thread of its own: pglite-worker.ts). Exchanges run one per turn of the event loop:
 * PGlite works synchronously, and without that turn queued exchanges (and the code their
 * replies resume) ran back to back in microtasks, and no I/O was read until the queue was
 * empty.
 */
export function inProcessBackend(pglite: PGlite): PgliteBackend {
  let queue: Promise<unknown> = pglite.waitReady;
  return {
    waitReady: pglite.waitReady,
    get closed() {
      return pglite.closed;
    },
    exchange(messages) {
      const reply = queue
        .catch(() => {})
        .then(() => eventLoopTurn())
        .then(() => {
          // PGlite's own calls check this; execProtocolRawStream would fail obscurely without it.
          if (pglite.closed) throw new Error('PGlite is closed');
          return exchangeWith(pglite, messages);
        });
      queue = reply;
      return reply;
    },
    close: () => pglite.close(),
  };
}
