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
