import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { BoardEvent } from '../board-events/events.ts';
import type { AppRouter } from '../routers/_app.ts';

/**
 * A `board.events` subscriber over HTTP, as the SPA subscribes: tRPC's
 * `httpSubscriptionLink` on the `eventsource` package, whose `fetch` option puts a fresh
 * token in the Authorization header on every connect and reconnect (never in the URL).
 * Records what it received and every request it made.
 */
export function subscribeToBoard(opts: {
  baseUrl: string;
  projectId: string;
  /** Called for every connect and reconnect. */
  token: () => string | Promise<string>;
  lastEventId?: string;
}) {
  const events: { id: string; event: BoardEvent }[] = [];
  const requests: { url: string; authorization: string | null; lastEventId: string | null }[] = [];
  const states: string[] = [];
  let error: unknown;
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${opts.baseUrl}/trpc`,
        EventSource,
        eventSourceOptions: async () => ({
          fetch: async (input: string | URL | Request, init?: RequestInit) => {
            const headers = new Headers(init?.headers);
            headers.set('authorization', `Bearer ${await opts.token()}`);
            requests.push({
              url: String(input),
              authorization: headers.get('authorization'),
              lastEventId: headers.get('last-event-id'),
            });
            return fetch(input, { ...init, headers });
          },
        }),
      }),
    ],
  });
  const subscription = client.board.events.subscribe(
    { projectId: opts.projectId, lastEventId: opts.lastEventId },
    {
      onData: ({ id, data }) => events.push({ id, event: data as BoardEvent }),
      onError: (cause) => {
        error = cause;
      },
      onConnectionStateChange: (state) => states.push(state.state),
    },
  );

  /** Resolves when `check` holds, polling; fails with what was received after `timeoutMs`. */
  async function until(check: () => boolean, what: string, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) {
        throw new Error(
          `${what}: not within ${timeoutMs} ms (received ${events.length} events: ${events
            .map((e) => e.event.type)
            .join(', ')}; error: ${String(error)})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  return {
    events,
    requests,
    states,
    get error() {
      return error;
    },
    until,
    close: () => subscription.unsubscribe(),
  };
}
