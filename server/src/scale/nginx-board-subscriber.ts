import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { BoardEvent } from '../board-events/events.ts';
import type { AppRouter } from '../routers/_app.ts';
import { answeredBy, type ScaleCluster, UPSTREAM_HEADER } from './cluster.ts';

export interface Connection {
  /** The instance nginx connected the stream to. */
  instance: number | undefined;
  status: number;
  /** The last event id the client resumed from; null on the first connect. */
  lastEventId: string | null;
}

/**
 * A `board.events` subscriber through nginx, as the SPA subscribes: tRPC's
 * `httpSubscriptionLink` on the `eventsource` package, a fresh token in the Authorization
 * header on every connect and reconnect. Records each event with when it arrived, and
 * each connection with the instance that took it.
 */
export function subscribeThroughNginx(opts: {
  cluster: ScaleCluster;
  projectId: string;
  token: () => string;
}) {
  const events: { id: string; event: BoardEvent; receivedAt: number }[] = [];
  const connections: Connection[] = [];
  const states: string[] = [];
  let error: unknown;
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${opts.cluster.nginxUrl}/trpc`,
        EventSource,
        eventSourceOptions: async () => ({
          fetch: async (input: string | URL | Request, init?: RequestInit) => {
            const headers = new Headers(init?.headers);
            headers.set('authorization', `Bearer ${opts.token()}`);
            const url = new URL(input instanceof Request ? input.url : String(input));
            const { lastEventId = null } = JSON.parse(url.searchParams.get('input') ?? '{}');
            const response = await fetch(input, { ...init, headers });
            connections.push({
              instance: response.headers.has(UPSTREAM_HEADER)
                ? answeredBy(opts.cluster, response.headers).index
                : undefined,
              status: response.status,
              lastEventId: headers.get('last-event-id') ?? lastEventId,
            });
            return response;
          },
        }),
      }),
    ],
  });
  const subscription = client.board.events.subscribe(
    { projectId: opts.projectId },
    {
      onData: ({ id, data }) =>
        events.push({ id, event: data as BoardEvent, receivedAt: performance.now() }),
      onError: (cause) => {
        error = cause;
      },
      onConnectionStateChange: (state) => states.push(state.state),
    },
  );

  return {
    events,
    connections,
    states,
    get error() {
      return error;
    },
    close: () => subscription.unsubscribe(),
  };
}

export type NginxBoardSubscriber = ReturnType<typeof subscribeThroughNginx>;
