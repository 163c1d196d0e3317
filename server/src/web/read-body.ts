/** What the readers return for a body over the limit. */
export const TOO_LARGE: unique symbol = Symbol('body too large');

/**
 * Reads a request body up to `maxBytes`, without trusting Content-Length: the stream is
 * cancelled as soon as it goes over, so an oversized body is never buffered whole.
 */
export async function readBodyBytes(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return TOO_LARGE;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** `application/json` or `…+json`: the only bodies JSON endpoints parse (as `express.json()`). */
function isJsonContentType(request: Request) {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * A JSON body up to `maxBytes`: the parsed value, `undefined` when it is not JSON (the
 * caller's schema then refuses it), or TOO_LARGE. Non-JSON content types are not read,
 * so a cross-site form post never reaches the endpoint's logic.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  if (!isJsonContentType(request)) return undefined;
  const bytes = await readBodyBytes(request, maxBytes);
  if (bytes === TOO_LARGE) return TOO_LARGE;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
