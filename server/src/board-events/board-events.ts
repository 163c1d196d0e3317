import type { Database } from '../db/database.ts';
import { ACCESS_REVOKED_CHANNEL, BOARD_EVENTS_CHANNEL, BoardEventHub } from './event-hub.ts';

/** An instance's board streams: the hub, and the LISTEN connection that feeds it. */
export interface BoardEvents {
  hub: BoardEventHub;
  /** Starts listening, once; streams await it before their first read. */
  ready(): Promise<void>;
  /** Ends every open stream (clients reconnect elsewhere) and stops listening. */
  close(): Promise<void>;
}

export function createBoardEvents(database: Database): BoardEvents {
  const hub = new BoardEventHub();
  let listening: ReturnType<Database['listen']> | undefined;
  return {
    hub,
    ready: async () => {
      listening ??= database.listen([BOARD_EVENTS_CHANNEL, ACCESS_REVOKED_CHANNEL], {
        onNotification: (channel, payload) =>
          channel === BOARD_EVENTS_CHANNEL
            ? hub.onBoardEvent(payload)
            : hub.onAccessRevoked(payload),
        onResync: () => hub.wakeAll(),
      });
      // A failed start is tried again by the next stream, not remembered.
      await listening.catch((error: unknown) => {
        listening = undefined;
        throw error;
      });
    },
    close: async () => {
      hub.closeAll();
      const listener = await listening?.catch(() => undefined);
      await listener?.close();
    },
  };
}
