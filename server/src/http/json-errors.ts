import type { ErrorRequestHandler, Response } from 'express';
import { errorSummary } from '../web/error-summary.ts';

/** The JSON error shape of every non-tRPC endpoint: `{ error: { code, message } }`. */
export function sendJsonError(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

/**
 * Last-resort error handler: body-parser failures keep their 4xx status (e.g. 413 for a
 * body over the limit); anything else is a 500 whose details stay in the server log.
 */
export function jsonErrorHandler(options: { exposeErrors: boolean }): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' && error.status >= 400 ? error.status : 500;
    if (status >= 500)
      // One sanitised line: no parameters, stacks or client-chosen control characters.
      console.error(`Request failed: ${errorSummary(error)}`);
    const message =
      status < 500 || options.exposeErrors
        ? String(error?.message ?? 'Error')
        : 'Internal server error';
    sendJsonError(
      res,
      status,
      status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR',
      message,
    );
  };
}
