import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/**
 * One request on its own connection, with headers sent exactly as given (repeated
 * headers, bytes `fetch` refuses to send, 100 KB values). Never follows redirects.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string | string[]>;
    body?: string;
  } = {},
): Promise<RawResponse> {
  const headerValues = Object.values(options.headers ?? {}).flat();
  if (headerValues.some((value) => INVALID_HEADER_BYTES.test(value))) {
    return wireRequest(baseUrl, path, options);
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${path}`,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          if (String(res.headers['content-type']).includes('application/json')) {
            json = JSON.parse(text);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Bytes Node's HTTP client refuses to put in a header value (RFC 9110 field-value). */
const INVALID_HEADER_BYTES = /[^\t\x20-\x7e\x80-\xff]/;

/** Writes the request bytes on a bare socket: the only way to send NUL or CR in a header. */
function wireRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string | string[]>; body?: string },
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const lines = [
    `${options.method ?? 'GET'} ${path} HTTP/1.1`,
    `host: ${url.host}`,
    'connection: close',
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    for (const v of [value].flat()) lines.push(`${name}: ${v}`);
  }
  const body = options.body ?? '';
  lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      let text = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') text = dechunk(text);
      const json = headers['content-type']?.includes('application/json') ? JSON.parse(text) : null;
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text, json });
    });
    socket.end(Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1'));
  });
}

function dechunk(body: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    const size = Number.parseInt(body.slice(at, eol), 16);
    if (!size) return out;
    out += body.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

/**
 * Writes `bytes` on a new connection exactly as given (a request line, Host headers and
 * framing no client library would send) and reads until the server closes it: every answer
 * on the connection, in order. The connection is never half-closed first, which would make
 * Node drop answers still being computed; send `Connection: close` (or a request the server
 * refuses) so the server closes it.
 */
export function exchange(baseUrl: string, bytes: string): Promise<RawResponse[]> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseResponses(Buffer.concat(chunks))));
    socket.write(Buffer.from(bytes, 'latin1'));
  });
}

/** Consecutive HTTP/1.1 answers, each framed by Content-Length or chunked encoding. */
function parseResponses(raw: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let at = 0;
  while (at < raw.length) {
    const headEnd = raw.indexOf('\r\n\r\n', at);
    if (headEnd === -1) throw new Error(`incomplete answer: ${raw.toString('latin1', at)}`);
    const [statusLine = '', ...headerLines] = raw.toString('latin1', at, headEnd).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    let bodyEnd = raw.length;
    let text: string;
    if (headers['content-length'] !== undefined) {
      bodyEnd = headEnd + 4 + Number(headers['content-length']);
      text = raw.toString('utf8', headEnd + 4, bodyEnd);
    } else if (headers['transfer-encoding'] === 'chunked') {
      const terminator = raw.indexOf('\r\n0\r\n\r\n', headEnd + 2);
      bodyEnd = terminator === -1 ? raw.length : terminator + 7;
      const body = dechunk(raw.toString('latin1', headEnd + 4, bodyEnd));
      text = Buffer.from(body, 'latin1').toString('utf8');
    } else {
      text = raw.toString('utf8', headEnd + 4);
    }
    const json = headers['content-type']?.includes('application/json') ? JSON.parse(text) : null;
    responses.push({ status: Number(statusLine.split(' ')[1]), headers, text, json });
    at = bodyEnd;
  }
  return responses;
}
