/** JSON answers for web handlers, shaped and typed like Express's `res.json()`. */

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', JSON_CONTENT_TYPE);
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** The JSON error shape of every non-tRPC endpoint: `{ error: { code, message } }`. */
export function jsonErrorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function jsonErrorResponse(status: number, code: string, message: string): Response {
  return jsonResponse(jsonErrorBody(code, message), { status });
}

/** The answer to a body over an endpoint's limit, the same on every host. */
export function payloadTooLargeResponse(): Response {
  return jsonErrorResponse(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
}

/** The body of the answer to a path no host route serves. */
export function notFoundBody() {
  return jsonErrorBody('NOT_FOUND', 'No such route.');
}

export function notFoundResponse(): Response {
  return jsonResponse(notFoundBody(), { status: 404 });
}
