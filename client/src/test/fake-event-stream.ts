/**
 * One `board.events` connection of the fake backend: a server-sent event stream written the
 * way tRPC's server writes it (a `connected` event, then `id:`/`data:` per tracked event, a
 * `serialized-error` event for a refusal). Tests push events into it and end it.
 */

/** tRPC's JSON-RPC numbers for the codes the tests use. */
const RPC_CODES: Record<string, number> = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  INTERNAL_SERVER_ERROR: -32603,
};
const HTTP_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INTERNAL_SERVER_ERROR: 500,
};

export interface EventStreamRequest {
  /** The URL as requested (the test checks no token is in it). */
  url: string;
  authorization: string | null;
  /** The `Last-Event-ID` header the EventSource sends when it reconnects. */
  lastEventIdHeader: string | null;
  /** The subscription's input (`{ projectId, lastEventId? }`). */
  input: unknown;
}

export class FakeEventStream {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private ended = false;
  private readonly encoder = new TextEncoder();
  readonly response: Response;

  constructor(
    readonly request: EventStreamRequest,
    signal: AbortSignal | null | undefined,
  ) {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => {
        this.ended = true;
      },
    });
    // A real server leaves the reconnection delay at the EventSource's 3 s; tests need not wait.
    this.write('retry: 10\n\n');
    this.write('event: connected\ndata: {}\n\n');
    signal?.addEventListener('abort', () => this.close());
    this.response = new Response(body, {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    });
  }

  /** Still open: neither side has ended it. */
  get open(): boolean {
    return !this.ended;
  }

  /** A `tracked(id, event)` of the server. */
  send(id: number | string, event: unknown): void {
    this.write(`id: ${id}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  /** The stream ends with an error (revocation, deletion, a refused start): final for tRPC. */
  fail(code: string, message: string): void {
    const error = {
      code: RPC_CODES[code] ?? -32603,
      message,
      data: { code, httpStatus: HTTP_STATUS[code] ?? 500, path: 'board.events' },
    };
    this.write(`event: serialized-error\ndata: ${JSON.stringify(error)}\n\n`);
    this.close();
  }

  /** Ends without tRPC's `return` event, as at the token's expiry: the client reconnects. */
  expire(): void {
    this.close();
  }

  private write(text: string): void {
    if (!this.ended) this.controller.enqueue(this.encoder.encode(text));
  }

  private close(): void {
    if (this.ended) return;
    this.ended = true;
    this.controller.close();
  }
}
