import type { AppRouter } from '@tasklane/server';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

/** Must not exceed the server's tRPC `maxBatchSize` (server/src/http/trpc-express.ts). */
export const MAX_BATCH_ITEMS = 10;

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
        maxItems: MAX_BATCH_ITEMS,
        fetch: options.fetch,
        async headers() {
          const token = await options.getToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}
