import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { refusalAnswer } from '../web/api-refusal.ts';
import { answerClientError } from './client-error.ts';
import { pathnameOf, requestTargetRefusal } from './request-target.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `listener`, except for a request whose Host or target no host could build a URL from
 * (request-target.ts): that one is answered 400 here, in the API's error shape, before
 * anything that parses URLs (hono's bridge, Fastify's web routes, the fetch handler) would
 * throw on it and answer 500 with a stack trace in the log.
 */
export function refusingMalformedTargets(listener: Listener): Listener {
  return (req, res) => {
    const refusal = requestTargetRefusal(req);
    if (refusal === undefined) {
      listener(req, res);
      return;
    }
    const answer = refusalAnswer(refusal, pathnameOf(req.url ?? ''));
    res.writeHead(answer.status, {
      'content-type': answer.contentType,
      'content-length': Buffer.byteLength(answer.body),
    });
    res.end(answer.body);
  };
}

/**
 * A Node http server for one of the hosts, with the API's answers to what precedes routing:
 * malformed Host headers and targets (`refusingMalformedTargets`; Node's own check for a
 * missing Host, which answers with an empty body, is off for it) and, unless the framework
 * installs the listener itself (Fastify: `clientErrorHandler`), requests Node's parser
 * refuses (`answerClientError`).
 */
export function apiServer(
  listener: Listener,
  options: ServerOptions = {},
  { clientErrors = true }: { clientErrors?: boolean } = {},
): Server {
  const server = createServer(
    { ...options, requireHostHeader: false },
    refusingMalformedTargets(listener),
  );
  if (clientErrors) server.on('clientError', answerClientError);
  return server;
}
