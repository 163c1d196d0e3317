import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorSummary } from '../../web/error-summary.ts';
import { jsonErrorBody } from '../../web/json-response.ts';

/**
 * Last-resort error handler, with the Express host's rules (http/json-errors.ts): client
 * errors keep their 4xx status (e.g. 413 for a body over the limit); anything else is a
 * 500 whose details stay in the server log.
 */
export function fastifyJsonErrorHandler(options: { exposeErrors: boolean }) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500)
      // One sanitised line: no parameters, stacks or client-chosen control characters.
      console.error(`Request failed: ${errorSummary(error)}`);
    const message =
      status < 500 || options.exposeErrors ? String(error.message) : 'Internal server error';
    const code =
      status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    return reply.code(status).send(jsonErrorBody(code, message));
  };
}
