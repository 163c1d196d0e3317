import { isTRPCClientError } from '@trpc/client';

/**
 * What went wrong with an API call, in the terms the UI acts on. tRPC codes come from the
 * server's JSON error body; `NETWORK` means no tRPC answer arrived at all (server down,
 * connection refused, a proxy's HTML error page); `UNKNOWN` is not an API error at all.
 */
export type ApiErrorCode = string;

export function apiErrorCode(error: unknown): ApiErrorCode {
  if (!isTRPCClientError(error)) return 'UNKNOWN';
  const code = (error.data as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : 'NETWORK';
}

/** The server's own message (e.g. "Organization admins only."), which says what is missing. */
export function apiErrorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Something went wrong.';
}

/** Answers that will not change by asking again: retrying only delays the message. */
const FINAL_CODES = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNPROCESSABLE_CONTENT',
  'METHOD_NOT_SUPPORTED',
  'PARSE_ERROR',
]);

/** Server-side failures worth a few more tries. */
const MAX_SERVER_ERROR_RETRIES = 2;

/**
 * React Query's `retry` for queries. Network failures are retried for as long as the page
 * is open (the banner says so) with growing delays; refusals are never retried.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const code = apiErrorCode(error);
  if (code === 'NETWORK') return true;
  if (code === 'UNKNOWN' || FINAL_CODES.has(code)) return false;
  return failureCount < MAX_SERVER_ERROR_RETRIES;
}

/** 1 s, 2 s, 4 s … capped at 30 s. */
export function retryDelayMs(failureCount: number): number {
  return Math.min(1000 * 2 ** failureCount, 30_000);
}
