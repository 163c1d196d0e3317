import type { AppRouter } from '@tasklane/server';
import { MAX_BATCH_SIZE } from '@tasklane/shared';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

export interface TrpcClientOptions {
  /** Asked on every HTTP request, so each one carries a token that is valid right now. */
  getToken: () => Promise<string | null>;
  fetch?: typeof globalThis.fetch;
  url?: string;
}

export function createTrpcClient(options: TrpcClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: options.url ?? '/trpc',
        // The server refuses larger batches (its `maxBatchSize` is the same constant).
        maxItems: MAX_BATCH_SIZE,
        fetch: options.fetch,
        async headers() {
          const token = await options.getToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}
