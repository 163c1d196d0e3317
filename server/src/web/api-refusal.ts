import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { jsonErrorBody } from './json-response.ts';

/** A request refused before any route sees it, and what to tell the client. */
export interface Refusal {
  status: number;
  /** The code of the `{"error":{"code","message"}}` shape: the status's name, e.g. `BAD_REQUEST`. */
  code: string;
  /** The code of tRPC's shape: tRPC has no name for every status (414, 431). */
  trpcCode: TRPC_ERROR_CODE_KEY;
  message: string;
}

/** An answer written by hand (on a socket, or on Node's response): headers and JSON text. */
export interface RefusalAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Whether a pathname is the API's (the fetch host and the refusals route on this alone). */
export function isTrpcPath(pathname: string): boolean {
  return pathname === '/trpc' || pathname.startsWith('/trpc/');
}

/**
 * The refusal in the API's error shape for `pathname`: tRPC's on `/trpc` (what tRPC's client
 * reads, with the same content type tRPC sends), `{"error":{"code","message"}}` elsewhere;
 * the second when the path is unknown.
 */
export function refusalAnswer(refusal: Refusal, pathname: string | undefined): RefusalAnswer {
  if (pathname !== undefined && isTrpcPath(pathname)) {
    const error = {
      message: refusal.message,
      code: TRPC_ERROR_CODES_BY_KEY[refusal.trpcCode],
      data: { code: refusal.trpcCode, httpStatus: refusal.status },
    };
    return {
      status: refusal.status,
      contentType: 'application/json',
      body: JSON.stringify({ error }),
    };
  }
  return {
    status: refusal.status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(jsonErrorBody(refusal.code, refusal.message)),
  };
}
