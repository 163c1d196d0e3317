import { apiErrorCode, apiErrorMessage } from '../api/api-errors.ts';

/**
 * What an error of the board's stream means. The server ends a stream for good with
 * FORBIDDEN (the user's access ended) or NOT_FOUND (the project is gone), and tRPC's link
 * does not retry those. Anything else (no connection, a proxy's error page, a server error,
 * a token refused at a reconnect) is worth another connection after a pause.
 */
export type StreamEnd =
  | { final: true; message: string }
  | {
      final: false /** The session may be over: the page's queries find out, and sign in. */;
      unauthorized: boolean;
    };

export function streamEnd(error: unknown): StreamEnd {
  const code = apiErrorCode(error);
  switch (code) {
    case 'FORBIDDEN':
      return { final: true, message: 'You no longer have access to this organization.' };
    case 'NOT_FOUND':
      return { final: true, message: 'This project no longer exists.' };
    case 'UNAUTHORIZED':
      return { final: false, unauthorized: true };
    case 'BAD_REQUEST':
    case 'PARSE_ERROR':
    case 'METHOD_NOT_SUPPORTED':
      // A bug, not a passing state: asking again gets the same answer.
      return { final: true, message: `Live updates stopped: ${apiErrorMessage(error)}` };
    default:
      return { final: false, unauthorized: false };
  }
}
