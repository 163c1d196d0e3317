import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type Refusal, refusalAnswer } from '../web/api-refusal.ts';
import { pathnameOf } from './request-target.ts';

/** What Node's HTTP parser attaches to the errors it emits as `clientError`. */
interface ParserError extends Error {
  code?: string;
  /** The bytes the parser was reading when it failed (a chunk, not the whole request). */
  rawPacket?: Buffer;
  /** Where in `rawPacket` it failed. */
  bytesParsed?: number;
}

/** How long an answered connection may stay open for the client to read the answer. */
const LINGER_MS = 2_000;

/** Sockets already answered: Node reports every later chunk of a failed request again. */
const answered = new WeakSet<Duplex>();

/** The request line of the failing request, if the failing chunk holds its start. */
const REQUEST_LINE = /^[A-Z]+ ([^ \r\n]+)( |\r?\n)?/;

/** How many blank lines back the failing request's first line is looked for. */
const MAX_MESSAGE_STARTS = 8;

/**
 * The target of the request that failed, and whether its request line ended (a request line
 * still open when the headers overflowed is a target too long to read). Pipelined requests
 * share a chunk, so the failing one is the last that starts (at the chunk's start or after a
 * blank line) before the failure with a request line. Undefined when its start is in an
 * earlier chunk: the answer then takes the shape of a path that is not the API's.
 */
function failingTarget(error: ParserError): { target: string; lineEnded: boolean } | undefined {
  const packet = error.rawPacket;
  if (!packet) return undefined;
  const end = Math.min(error.bytesParsed ?? packet.length, packet.length);
  let searchFrom = end - 4;
  for (let i = 0; i < MAX_MESSAGE_STARTS; i++) {
    const blank = searchFrom >= 0 ? packet.lastIndexOf('\r\n\r\n', searchFrom) : -1;
    const start = blank === -1 ? 0 : blank + 4;
    const match = REQUEST_LINE.exec(packet.toString('latin1', start, end));
    if (match) return { target: match[1]!, lineEnded: match[2] !== undefined };
    if (blank === -1) return undefined;
    searchFrom = blank - 1;
  }
  return undefined;
}

function refusalFor(error: ParserError, lineEnded: boolean | undefined): Refusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return lineEnded === false
        ? {
            status: 414,
            code: 'URI_TOO_LONG',
            trpcCode: 'BAD_REQUEST',
            message: 'The request target is too long.',
          }
        : {
            status: 431,
            code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
            trpcCode: 'BAD_REQUEST',
            message: 'The request line and headers are too large.',
          };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        trpcCode: 'PAYLOAD_TOO_LARGE',
        message: 'The chunk extensions of the request body are too large.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'REQUEST_TIMEOUT',
        trpcCode: 'TIMEOUT',
        message: 'The request did not arrive in time.',
      };
    default:
      return {
        status: 400,
        code: 'BAD_REQUEST',
        trpcCode: 'BAD_REQUEST',
        message: `The request is not valid HTTP${error.code?.startsWith('HPE_') ? ` (${error.code})` : ''}.`,
      };
  }
}

/**
 * A Node server's `clientError` listener (Fastify's `clientErrorHandler`): the requests Node's
 * HTTP parser refuses before any host sees them (malformed, headers over `maxHeaderSize`,
 * too slow) get a JSON answer in the API's error shape with a fitting 4xx, like every other
 * refusal, instead of Node's empty one. Not logged: each is the client's mistake, told to it.
 *
 * The answer follows the answer to an earlier request on the connection still being written
 * (pipelining), which Node would cut or preempt; a failing body whose answer has begun gets
 * none, as with Node. The connection then closes: ended after
 * the answer, so the client can read it (closing with unread request bytes resets the
 * connection, losing the answer), destroyed once the client closes too or after `LINGER_MS`.
 */
export function answerClientError(clientError: Error, socket: Duplex): void {
  const error = clientError as ParserError;
  if (answered.has(socket)) return;
  answered.add(socket);
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const failing = failingTarget(error);
  const pathname = failing && pathnameOf(failing.target);
  const answer = refusalAnswer(refusalFor(error, failing?.lineEnded), pathname);
  const send = () => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n` +
        `Content-Type: ${answer.contentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(answer.body)}\r\n` +
        'Connection: close\r\n\r\n' +
        answer.body,
    );
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  };
  // Node's own (undocumented, long-standing) link from a socket to the response it writes.
  const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!inFlight || inFlight.writableFinished) {
    send();
  } else if (inFlight.req?.complete) {
    // The answer to an earlier, complete request: this answer follows it.
    inFlight.once('finish', send);
    inFlight.once('close', () => {
      if (!inFlight.writableFinished) socket.destroy();
    });
  } else if (!inFlight.headersSent) {
    // The failing request's own body: answer it with the refusal instead, as Node does.
    send();
  } else {
    // Its answer has begun: the refusal would corrupt it.
    socket.destroy();
  }
}
