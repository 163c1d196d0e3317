import type { LocalSession } from '@tasklane/shared';
import { FakeEventStream } from './fake-event-stream.ts';

/**
 * A fake Tasklane server behind `fetch`, for component tests: local auth endpoints with a
 * simulated session cookie, and tRPC batch requests answered by per-procedure handlers.
 * It records every request so tests can count refreshes and retries.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

type TrpcAnswer = { data: unknown } | { error: { code: string; message: string } } | 'NETWORK';
export type TrpcHandler = (request: {
  authorization: string | null;
  call: number;
  /** The procedure's input as the client sent it (query string for queries, body for mutations). */
  input: unknown;
}) => TrpcAnswer;

const HTTP_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL_SERVER_ERROR: 500,
};

const DEMO_USERS = [
  {
    id: 'user_demo_ada',
    name: 'Ada Admin',
    email: 'ada@acme.test',
    memberships: [
      { orgId: 'org_demo_acme', orgName: 'Acme Rockets', orgSlug: 'acme', role: 'org:admin' },
    ],
  },
  {
    id: 'user_demo_max',
    name: 'Max Member',
    email: 'max@acme.test',
    memberships: [
      { orgId: 'org_demo_acme', orgName: 'Acme Rockets', orgSlug: 'acme', role: 'org:member' },
    ],
  },
];

/** A token shaped like a JWT, with the `iat`/`exp` the client reads its lifetime from. */
function fakeJwt(claims: Record<string, unknown>, signature: string): string {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'none' })}.${part(claims)}.${signature}`;
}

export class FakeBackend {
  readonly requests: RecordedRequest[] = [];
  /** The session the (simulated, HttpOnly) cookie holds. */
  session: { sessionId: string; userId: string; orgId: string | null } | null = null;
  /** When set, POST /auth/local/token waits for this before answering. */
  tokenGate: Promise<void> | null = null;
  private tokensIssued = 0;
  /** Procedures whose answers wait (see `hold`). */
  private held = new Map<string, Promise<void>>();
  private trpcCalls = new Map<string, number>();
  readonly trpc = new Map<string, TrpcHandler>();
  /** Every `board.events` connection, in order; each stays open and quiet until a test acts. */
  readonly eventStreams: FakeEventStream[] = [];
  /** Called with each new `board.events` connection, e.g. to refuse it at once. */
  onEventStream: ((stream: FakeEventStream) => void) | null = null;
  /** When set, `board.events` connects are answered with this HTTP status (a proxy's error). */
  refuseEventStreams: number | null = null;

  /** Starts with a session in the cookie, as after an earlier visit. */
  withSession(userId: string, orgId: string | null = 'org_demo_acme'): this {
    this.session = { sessionId: 'sess_1', userId, orgId };
    return this;
  }

  on(path: string, handler: TrpcHandler): this {
    this.trpc.set(path, handler);
    return this;
  }

  /**
   * Holds every later call of `procedure` until the returned function is called: tests see
   * the screen while the request is in flight (optimistic updates).
   */
  hold(procedure: string): () => void {
    let release!: () => void;
    this.held.set(procedure, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.held.delete(procedure);
      release();
    };
  }

  count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path === path).length;
  }

  /** How often a tRPC procedure was called (counting each item of a batch). */
  calls(procedure: string): number {
    return this.trpcCalls.get(procedure) ?? 0;
  }

  lastToken(): string | null {
    return this.tokensIssued === 0 ? null : `token-${this.tokensIssued}`;
  }

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({
      method,
      path: url.pathname,
      body,
      authorization: headers.get('authorization'),
    });
    if (url.pathname.startsWith('/auth/local/')) return this.localAuth(method, url.pathname, body);
    if (url.pathname === '/trpc/board.events') {
      await this.held.get('board.events');
      if (this.refuseEventStreams !== null) {
        this.trpcCalls.set('board.events', this.calls('board.events') + 1);
        return new Response('Bad gateway', { status: this.refuseEventStreams });
      }
      return this.eventStream(url, headers, init);
    }
    if (url.pathname.startsWith('/trpc/')) {
      const procedures = url.pathname.slice('/trpc/'.length).split(',');
      await Promise.all(procedures.map((procedure) => this.held.get(procedure)));
      return this.trpcBatch(url, headers, body);
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  };

  /** The stream last opened that is still open (the one the page listens to). */
  openStream(): FakeEventStream | undefined {
    return this.eventStreams.findLast((stream) => stream.open);
  }

  private eventStream(url: URL, headers: Headers, init: RequestInit): Response {
    this.trpcCalls.set('board.events', this.calls('board.events') + 1);
    const input = url.searchParams.get('input');
    const stream = new FakeEventStream(
      {
        url: url.href,
        authorization: headers.get('authorization'),
        lastEventIdHeader: headers.get('last-event-id'),
        input: input ? JSON.parse(input) : undefined,
      },
      init.signal,
    );
    this.eventStreams.push(stream);
    this.onEventStream?.(stream);
    return stream.response;
  }

  private async localAuth(
    method: string,
    path: string,
    body: { userId?: string; orgId?: string | null } = {},
  ): Promise<Response> {
    const route = path.slice('/auth/local/'.length);
    if (method === 'GET' && route === 'users') return json(200, { users: DEMO_USERS });
    if (route === 'sign-in') {
      this.session = {
        sessionId: `sess_${this.requests.length}`,
        userId: body.userId ?? '',
        orgId: body.orgId ?? this.membershipsOf(body.userId ?? '')[0]?.orgId ?? null,
      };
      return json(200, this.issue());
    }
    if (route === 'sign-out') {
      this.session = null;
      return new Response(null, { status: 204 });
    }
    if (!this.session) {
      return json(401, { error: { code: 'UNAUTHORIZED', message: 'No local session.' } });
    }
    if (route === 'token') {
      if (this.tokenGate) await this.tokenGate;
      return json(200, this.issue());
    }
    if (route === 'organization') {
      this.session = { ...this.session, orgId: body.orgId ?? null };
      return json(200, this.issue());
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  }

  private membershipsOf(userId: string) {
    return DEMO_USERS.find((u) => u.id === userId)?.memberships ?? [];
  }

  private issue(): LocalSession {
    const session = this.session!;
    const now = Math.floor(Date.now() / 1000);
    this.tokensIssued += 1;
    const membership = this.membershipsOf(session.userId).find((m) => m.orgId === session.orgId);
    return {
      sessionId: session.sessionId,
      userId: session.userId,
      orgId: membership?.orgId ?? null,
      orgRole: membership?.role ?? null,
      // The "signature" names the token (`token-3`) so assertions stay readable.
      token: fakeJwt(
        { iat: now, exp: now + 60, sub: session.userId },
        `token-${this.tokensIssued}`,
      ),
      expiresAt: (now + 60) * 1000,
    };
  }

  private trpcBatch(url: URL, headers: Headers, body: unknown): Response {
    const paths = url.pathname.slice('/trpc/'.length).split(',');
    const authorization = headers.get('authorization');
    // httpBatchLink sends `{"0": input, "1": input}`: in `?input=` for queries, as the body for mutations.
    const queryInput = url.searchParams.get('input');
    const inputs = (queryInput ? JSON.parse(queryInput) : (body ?? {})) as Record<string, unknown>;
    const answers = paths.map((path, index) => {
      const call = (this.trpcCalls.get(path) ?? 0) + 1;
      this.trpcCalls.set(path, call);
      const handler = this.trpc.get(path);
      if (!handler) return { error: { code: 'NOT_FOUND', message: `No procedure ${path}.` } };
      return handler({ authorization, call, input: inputs[String(index)] });
    });
    if (answers.includes('NETWORK')) throw new TypeError('Failed to fetch');
    const items = answers.map((answer, index) => {
      if (answer === 'NETWORK' || 'data' in answer) {
        return { result: { data: answer === 'NETWORK' ? null : answer.data } };
      }
      const { code, message } = answer.error;
      return {
        error: {
          message,
          code: -32000,
          data: { code, httpStatus: HTTP_STATUS[code] ?? 500, path: paths[index] },
        },
      };
    });
    const statuses = items.map((item) =>
      'error' in item ? (item.error?.data.httpStatus ?? 500) : 200,
    );
    const status = statuses.every((s) => s === statuses[0]) ? (statuses[0] ?? 200) : 207;
    return json(status, items);
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** The bearer token a recorded request carried, without the `Bearer ` prefix. */
export function bearer(request: RecordedRequest | undefined): string | null {
  return request?.authorization?.replace(/^Bearer /, '') ?? null;
}

/** The readable suffix of a fake token (`token-3`). */
export function tokenName(token: string | null): string | null {
  return token?.split('.')[2] ?? null;
}
