import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { apiErrorCode, retryDelayMs, shouldRetryQuery } from './api-errors.ts';

export interface QueryClientOptions {
  /** A request was refused with 401: the session is gone, the user must sign in again. */
  onUnauthorized: () => void;
  /** Tests shorten the backoff; production uses `retryDelayMs`. */
  retryDelay?: (failureCount: number) => number;
}

export function createQueryClient(options: QueryClientOptions): QueryClient {
  const onError = (error: unknown) => {
    if (apiErrorCode(error) === 'UNAUTHORIZED') options.onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: shouldRetryQuery,
        retryDelay: options.retryDelay ?? retryDelayMs,
        staleTime: 30_000,
      },
      // A mutation may have reached the server before the connection broke: never resend
      // it on our own; the screen that made it decides.
      mutations: { retry: false },
    },
  });
}
