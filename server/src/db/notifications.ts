import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Receives `NOTIFY`s; `onResync` runs after a lost connection is back (some may be lost). */
export interface NotificationHandlers {
  onNotification(channel: string, payload: string): void;
  onResync(): void;
}

export interface NotificationListener {
  close(): Promise<void>;
}

/** PGlite delivers `NOTIFY`s in-process: the embedded database is one instance's own. */
export async function listenPglite(
  pglite: PGlite,
  channels: string[],
  handlers: NotificationHandlers,
): Promise<NotificationListener> {
  const unsubscribes = await Promise.all(
    channels.map((channel) =>
      pglite.listen(channel, (payload) => handlers.onNotification(channel, payload)),
    ),
  );
  return {
    close: async () => {
      if (pglite.closed) return;
      await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
    },
  };
}

const RETRY_MS = { first: 250, max: 5_000 };

/**
 * One dedicated PostgreSQL connection per instance that `LISTEN`s (a pooled connection
 * cannot: it would be handed to queries). When it drops (a restart, a network blip) it
 * reconnects with backoff and then calls `onResync`, since notifications sent meanwhile
 * are gone; listeners read the database again rather than trusting them.
 */
export async function listenPostgres(
  url: string,
  channels: string[],
  handlers: NotificationHandlers,
): Promise<NotificationListener> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    next.on('notification', (message) =>
      handlers.onNotification(message.channel, message.payload ?? ''),
    );
    // A dropped connection emits 'error' and then 'end'; reconnecting is done on 'end'.
    next.on('error', () => {});
    next.on('end', () => {
      if (client === next) client = undefined;
      if (!closed) scheduleReconnect(RETRY_MS.first);
    });
    await next.connect();
    for (const channel of channels) await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  }

  function scheduleReconnect(delayMs: number) {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        () => handlers.onResync(),
        () => scheduleReconnect(Math.min(delayMs * 2, RETRY_MS.max)),
      );
    }, delayMs);
    retryTimer.unref();
  }

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => {});
    },
  };
}
