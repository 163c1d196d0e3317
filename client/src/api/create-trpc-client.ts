import type { AppRouter } from '@tasklane/server';
import { MAX_BATCH_SIZE } from '@tasklane/shared';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { withBearerToken } from './bearer-fetch.ts';

export interface TrpcClientOptions {
  /** Asked on every HTTP request, so each one carries a token that is valid right now. */
  getToken: () => Promise<string | null>;
  fetch?: typeof globalThis.fetch;
  url?: string;
}

/**
 * Queries and mutations go in batches; subscriptions (`board.events`) as server-sent events.
 * The browser's own EventSource cannot send headers, so the `eventsource` package's is used:
 * its `fetch` option puts a fresh token in the Authorization header on every connect and
 * every reconnect (the server ends a stream when the token it was opened with expires). The
 * token never goes in the URL, where logs and proxies would keep it.
 */
export function createTrpcClient(options: TrpcClientOptions) {
  const url = options.url ?? '/trpc';
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: withBearerToken(options.getToken, options.fetch),
          }),
        }),
        false: httpBatchLink({
          url,
          // The server refuses larger batches (its `maxBatchSize` is the same constant).
          maxItems: MAX_BATCH_SIZE,
          fetch: options.fetch,
          async headers() {
            const token = await options.getToken();
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
}
