import type { TRPCError } from '@trpc/server';
import { errorSummary } from './error-summary.ts';
import { escapeControl } from './one-line.ts';

/** tRPC adapter options every host passes alike (runtime-neutral: the fetch host runs anywhere). */

/**
 * A request tRPC cannot even parse (e.g. a batch over the limit) gets a JSON error body
 * but no content type from tRPC; say it is JSON like every other answer.
 */
export function trpcResponseMeta({ info }: { info: unknown }) {
  return info ? {} : { headers: { 'content-type': 'application/json' } };
}

/**
 * Internal errors are logged as one summarised line (error-summary.ts): the cause of a
 * failed query carries the SQL and its parameters, which hold what the client sent. The
 * client only sees a generic message.
 */
export function logTrpcInternalError({ error, path }: { error: TRPCError; path?: string }) {
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    console.error(
      `tRPC ${path ? escapeControl(path) : '<no path>'} failed: ${errorSummary(error.cause ?? error)}`,
    );
  }
}
