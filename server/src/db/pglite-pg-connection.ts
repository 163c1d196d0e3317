import { EventEmitter } from 'node:events';
import pg from 'pg';
import { serialize } from 'pg-protocol';
// Public subpaths (pg-protocol exports `./dist/*`): node-postgres's own reply parser.
import type { BackendMessage } from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { PgliteBackend } from './pglite-backend.ts';

/**
 * node-postgres over PGlite instead of a socket: the embedded database runs
 * behind the same driver (node-postgres, drizzle's `node-postgres` session) and the same
 * named prepared statements as PostgreSQL.
 *
 * Why not PGlite's own `query()`: it sends every statement as six separate protocol calls
 * (Parse, Describe, Bind, Describe, Execute, Sync) and parses and plans it again each time,
 * because it always uses the unnamed statement. node-postgres parses a named statement once
 * per session and then sends only Bind/Describe/Execute/Sync, and it writes them between
 * `stream.cork()` and `stream.uncork()`: here that whole exchange becomes one call into
 * PGlite (through a `PgliteBackend`: in its own thread, or in this one), and
 * node-postgres's own parser reads the replies, as it reads a socket's.
 * `tasks.list`'s page query cost 1.2 ms of CPU through `query()`, 0.95 ms as one call with
 * PGlite's parser, and 0.7 ms with node-postgres's.
 *
 * Modelled on PGlite's `@electric-sql/pglite/node-postgres` adapter (0.5.16). That one sends
 * each message as its own call, fails on the `types` object drizzle passes with every query
 * (it expects an array of parameter type ids), and gives every client of a pool the same
 * connection object, so a client that replaces a destroyed one receives the old one's 'end'.
 */

/** One call into the session: protocol messages from one connection, and how to answer. */
interface Exchange {
  messages: Uint8Array;
  /** The type code of the last message, which tells how its replies must end. */
  lastSent: number;
  connection: PglitePgConnection;
  /** Whether it may leave a transaction open (see `mayOpenTransaction`). */
  opensTransaction: boolean;
  /** Set once its reply has arrived: the reply's bytes, or why there are none. */
  settled?: Settled<Uint8Array>;
  /** A connection's end: roll back its transaction, if it holds one, then call this. */
  onReset?: () => void;
}

/**
 * PGlite's one backend session, shared by every node-postgres client of the pool: what
 * PostgreSQL keeps per session (named statements, the transaction) lives here.
 *
 * Exchanges go to the backend in the order they came, and several may be on their way at
 * once, so a backend in another thread goes from one to the next without waiting for this
 * thread to read each reply. What keeps the clients apart is the transaction: an exchange
 * that may open one goes alone, and while one is open only its connection's exchanges go,
 * until it ends. So each client sees what it would in a session of its own on PostgreSQL
 * (read committed): its own transaction, and others' writes once committed. Not kept apart:
 * session settings (`SET`) and named statements, which the clients share.
 */
class PgliteSession {
  readonly #backend: PgliteBackend;
  /** Not yet sent, in order. */
  readonly #waiting: Exchange[] = [];
  /** Sent, replies not yet handled, in order. */
  readonly #sent: Exchange[] = [];
  /** The connection whose transaction is open. */
  #owner: PglitePgConnection | undefined;
  /** The transaction others are waiting for, and the warning due if they still are. */
  #stallOwner: PglitePgConnection | undefined;
  #stallTimer: NodeJS.Timeout | undefined;
  /** Read and written by node-postgres through each connection: the statements parsed. */
  readonly parsedStatements: Record<string, string> = {};
  readonly submittedNamedStatements: Record<string, string> = {};

  constructor(
    backend: PgliteBackend,
    readonly stallWarningMs = STALL_WARNING_MS,
  ) {
    this.#backend = backend;
  }

  get ready() {
    return this.#backend.waitReady;
  }

  /** Sends `messages` once the transaction rules allow; the replies go to `connection`. */
  call(messages: Uint8Array, lastSent: number, connection: PglitePgConnection) {
    const opensTransaction = mayOpenTransaction(
      messages,
      (name) => this.parsedStatements[name] ?? this.submittedNamedStatements[name],
    );
    this.#waiting.push({ messages, lastSent, connection, opensTransaction });
    this.#pump();
  }

  /**
   * What PostgreSQL does when a client's socket closes: an open transaction of that client
   * is rolled back, so the next client does not inherit it. Then `done`.
   */
  reset(connection: PglitePgConnection, done: () => void) {
    this.#waiting.push(rollbackFor(connection, done));
    this.#pump();
  }

  /** Sends every waiting exchange that may go now. */
  #pump() {
    for (;;) {
      const index = this.#nextIndex();
      if (index < 0) break;
      const [exchange] = this.#waiting.splice(index, 1);
      this.#send(exchange!);
    }
    this.#watchForStall();
  }

  /**
   * Warns when other clients have waited long for a transaction to end. On PostgreSQL a
   * transaction that waits for a query made outside it (through `db` where `tx` was meant)
   * merely runs in another session; here there is one session, and that wait never ends.
   */
  #watchForStall() {
    const owner = this.#owner;
    const othersWait = owner && this.#waiting.some((exchange) => exchange.connection !== owner);
    if (!othersWait) {
      clearTimeout(this.#stallTimer);
      this.#stallTimer = undefined;
      this.#stallOwner = undefined;
      return;
    }
    if (this.#stallOwner === owner) return;
    clearTimeout(this.#stallTimer);
    this.#stallOwner = owner;
    this.#stallTimer = setTimeout(() => {
      console.warn(
        `PGlite session: statements have waited ${this.stallWarningMs / 1000} s for a transaction ` +
          'to end. PGlite has one session: a transaction that waits for a query made outside ' +
          'it (through `db` instead of `tx`) never ends.',
      );
    }, this.stallWarningMs);
    this.#stallTimer.unref();
  }

  /** The waiting exchange that may go now, or -1. */
  #nextIndex(): number {
    if (this.#owner) {
      // Inside a transaction its connection speaks alone, one exchange at a time (the
      // status after each decides whether the transaction is still open).
      if (this.#sent.length > 0) return -1;
      return this.#waiting.findIndex((exchange) => exchange.connection === this.#owner);
    }
    const next = this.#waiting[0];
    if (!next) return -1;
    // After an exchange that may open a transaction, nothing goes until its status is known.
    if (this.#sent.some((sent) => sent.opensTransaction)) return -1;
    if (next.opensTransaction && this.#sent.length > 0) return -1;
    return 0;
  }

  #send(exchange: Exchange) {
    let reply: Promise<Uint8Array>;
    if (exchange.onReset && this.#owner !== exchange.connection) {
      // Nothing of this connection's is open: nothing to roll back. In order all the same.
      reply = Promise.resolve(new Uint8Array());
    } else if (this.#backend.closed) {
      reply = Promise.reject(new Error('PGlite is closed'));
    } else {
      reply = this.#backend.exchange(exchange.messages);
    }
    this.#sent.push(exchange);
    reply.then(
      (value) => this.#arrived(exchange, { value }),
      (error: unknown) => this.#arrived(exchange, { error }),
    );
  }

  /** Hands out the replies that have arrived, in the order the exchanges were sent. */
  #arrived(exchange: Exchange, settled: Settled<Uint8Array>) {
    exchange.settled = settled;
    try {
      while (this.#sent[0]?.settled) {
        const next = this.#sent.shift()!;
        this.#answer(next, next.settled!);
      }
    } finally {
      this.#pump();
    }
  }

  #answer(exchange: Exchange, settled: Settled<Uint8Array>) {
    const { connection } = exchange;
    let replies: BackendMessage[] = [];
    let failure: unknown;
    if ('error' in settled) failure = settled.error;
    else if (!exchange.onReset || settled.value.length > 0) {
      try {
        replies = parseReplies(settled.value, exchange.lastSent);
      } catch (error) {
        failure = error;
      }
    }
    for (const reply of replies) {
      if (reply.name !== 'readyForQuery') continue;
      // `T` in a transaction, `E` in a failed one, `I` idle: the transaction has ended.
      const { status } = reply as unknown as { status: string };
      if (status !== 'I' && this.#owner !== connection && !exchange.opensTransaction) {
        console.error(
          'PGlite session: a statement not expected to open a transaction left one open; ' +
            'its client holds the session until the transaction ends.',
        );
      }
      if (status !== 'I') this.#owner = connection;
      else if (this.#owner === connection) this.#owner = undefined;
    }
    if (exchange.onReset) {
      // Once the backend is closed or gone, there is nothing to roll back into.
      if (failure && !this.#backend.closed) console.error('PGlite session reset failed:', failure);
      if (this.#owner === connection) this.#owner = undefined;
      exchange.onReset();
      return;
    }
    if (failure !== undefined) {
      this.#recover(connection);
      // An ended client no longer listens, and an unheard 'error' would crash the process.
      if (connection.listenerCount('error') > 0) emitSafely(connection, 'error', failure);
      else console.error('PGlite session error:', failure);
      return;
    }
    for (const reply of replies) {
      // node-postgres names an ErrorResponse 'errorMessage'.
      emitSafely(connection, reply.name === 'error' ? 'errorMessage' : reply.name, reply);
    }
  }

  /**
   * After an exchange that got no reply, or a cut one: whether it left a transaction open is
   * unknown (a BEGIN may have run), and its client will send nothing more (node-postgres
   * fails it, and drizzle does not roll back a BEGIN that failed). So the session rolls
   * back in its name, harmless if nothing is open, before anyone else's statement goes.
   */
  #recover(connection: PglitePgConnection) {
    this.#owner = connection;
    this.#waiting.unshift(rollbackFor(connection, () => {}));
  }

  /** What a connection's client is told when it connects: its own session is idle. */
  statusFor(connection: PglitePgConnection) {
    return this.#owner === connection ? 'T' : 'I';
  }
}

type Settled<T> = { value: T } | { error: unknown };

/** A ROLLBACK in `connection`'s name, sent only if its transaction is open; then `done`. */
function rollbackFor(connection: PglitePgConnection, done: () => void): Exchange {
  const rollback = serialize.query('ROLLBACK');
  return {
    messages: rollback,
    lastSent: rollback[0]!,
    connection,
    opensTransaction: false,
    onReset: done,
  };
}

/** How long other clients may wait for one transaction before the session warns. */
const STALL_WARNING_MS = 5_000;

/**
 * Emits to a connection, whose listeners are node-postgres's: one that throws (a client
 * with no 'error' listener rethrows) must not stop the session from answering the others.
 */
function emitSafely(connection: PglitePgConnection, event: string, payload: unknown) {
  try {
    connection.emit(event, payload);
  } catch (error) {
    console.error(`PGlite session: a client's '${event}' handler threw:`, error);
  }
}

/**
 * Whether an exchange may leave the session in a transaction: it carries a simple Query
 * (any text: BEGIN, or statements that contain one), or an extended-protocol statement
 * that starts one. Erring on the side of yes only costs an exchange going alone.
 */
function mayOpenTransaction(
  messages: Uint8Array,
  textOf: (statement: string) => string | undefined,
): boolean {
  const buffer = Buffer.from(messages.buffer, messages.byteOffset, messages.byteLength);
  for (let at = 0; at < buffer.length; at += 1 + buffer.readInt32BE(at + 1)) {
    const type = String.fromCharCode(buffer[at]!);
    if (type === 'Q') return true;
    if (type === 'P') {
      // Parse: statement name, then the SQL text, both NUL-terminated.
      const nameEnd = buffer.indexOf(0, at + 5);
      const textEnd = buffer.indexOf(0, nameEnd + 1);
      if (STARTS_TRANSACTION.test(buffer.toString('utf8', nameEnd + 1, textEnd))) return true;
    } else if (type === 'B') {
      // Bind: portal name, then the statement's name; its text was sent earlier.
      const portalEnd = buffer.indexOf(0, at + 5);
      const name = buffer.toString('utf8', portalEnd + 1, buffer.indexOf(0, portalEnd + 1));
      if (name && STARTS_TRANSACTION.test(textOf(name) ?? 'begin')) return true;
    }
  }
  return false;
}

const STARTS_TRANSACTION = /\b(begin|start)\b/i;

/** The replies in `bytes`, read by node-postgres's own parser, as from a socket. */
function parseReplies(bytes: Uint8Array, lastSent: number): BackendMessage[] {
  const replies: BackendMessage[] = [];
  new Parser().parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (reply) =>
    replies.push(reply),
  );
  const problem = incompleteReply(lastSent, replies, bytes.length);
  if (problem) throw new Error(`PGlite's reply is incomplete: ${problem}`);
  return replies;
}

/** The type codes of the messages PostgreSQL answers with ReadyForQuery: Sync, Query. */
const READY_AFTER = new Set(['S', 'Q'].map((code) => code.charCodeAt(0)));

/**
 * Why node-postgres would wait forever for the rest of an exchange's replies, if it would.
 * A socket might still deliver them; PGlite has answered once the backend's exchange
 * resolves, so what is missing then never comes. Failing the exchange instead fails its
 * query, and the pool replaces the client (after a rollback: see `reset`).
 */
function incompleteReply(
  lastSent: number,
  replies: BackendMessage[],
  received: number,
): string | undefined {
  // A reply's `length` is its length field, which counts itself but not the type code.
  const parsed = replies.reduce((bytes, reply) => bytes + 1 + reply.length, 0);
  if (parsed !== received) {
    return `it ends in the middle of a message (${received - parsed} of its ${received} bytes are left over)`;
  }
  // Sync and a simple Query are answered with ReadyForQuery; a Flush (paging a portal) is not.
  if (READY_AFTER.has(lastSent) && replies.at(-1)?.name !== 'readyForQuery') {
    return 'it ends without ReadyForQuery';
  }
  return undefined;
}

/** The connection one node-postgres `Client` talks through: its end of the session. */
export class PglitePgConnection extends EventEmitter {
  readonly #session: PgliteSession;
  /** Messages written while corked, sent as one call on uncork. */
  #corked: Uint8Array[] | undefined;

  readonly parsedStatements: Record<string, string>;
  readonly submittedNamedStatements: Record<string, string>;
  /** Checked by `Client.end()`, which skips `connection.end()` without it. */
  _connecting = false;

  /** node-postgres corks the stream around an extended-query exchange and destroys it on a forced end. */
  readonly stream = {
    cork: () => {
      this.#corked ??= [];
    },
    uncork: () => {
      const messages = this.#corked;
      this.#corked = undefined;
      const last = messages?.at(-1);
      if (messages && last) this.#session.call(Buffer.concat(messages), last[0]!, this);
    },
    destroy: () => this.end(),
  };

  constructor(session: PgliteSession) {
    super();
    this.#session = session;
    this.parsedStatements = session.parsedStatements;
    this.submittedNamedStatements = session.submittedNamedStatements;
  }

  #send(message: Uint8Array) {
    if (this.#corked) this.#corked.push(message);
    else this.#session.call(message, message[0]!, this);
  }

  connect(_port?: number, _host?: string) {
    this._connecting = true;
    // What a server says once a session is ready; node-postgres reads the transaction status.
    void this.#session.ready.then(() =>
      this.emit('readyForQuery', { name: 'readyForQuery', status: this.#session.statusFor(this) }),
    );
  }

  /** The session is in-process: no TLS, startup or password exchange to do. */
  requestSsl() {}
  startup(_config: unknown) {}
  cancel(_processId: unknown, _secretKey: unknown) {}
  password(_password: string) {}

  query(text: string) {
    this.#send(serialize.query(text));
  }
  parse(query: Parameters<typeof serialize.parse>[0]) {
    this.#send(serialize.parse(query));
  }
  bind(config: Parameters<typeof serialize.bind>[0]) {
    this.#send(serialize.bind(config));
  }
  describe(message: Parameters<typeof serialize.describe>[0]) {
    this.#send(serialize.describe(message));
  }
  execute(config: Parameters<typeof serialize.execute>[0]) {
    this.#send(serialize.execute(config));
  }
  close(message: Parameters<typeof serialize.close>[0]) {
    this.#send(serialize.close(message));
  }
  flush() {
    this.#send(serialize.flush());
  }
  sync() {
    this.#send(serialize.sync());
  }
  sendCopyFromChunk(chunk: Buffer) {
    this.#send(serialize.copyData(chunk));
  }
  endCopyFrom() {
    this.#send(serialize.copyDone());
  }
  sendCopyFail(message: string) {
    this.#send(serialize.copyFail(message));
  }
  ref() {}
  unref() {}

  /** Like a socket closing: the session is reset, then this connection's client hears 'end'. */
  end() {
    this.#corked = undefined;
    this.#session.reset(this, () => this.emit('end'));
  }
}

/**
 * A node-postgres `Client` class whose every instance talks to `backend`'s one session,
 * for `new pg.Pool({ Client })`. The session keeps the clients' transactions apart (see
 * PgliteSession), so the pool may hold several: their statements then go to a backend in
 * another thread without waiting for this one in between.
 */
export function pgliteClient(
  backend: PgliteBackend,
  options: { stallWarningMs?: number } = {},
): typeof pg.Client {
  const session = new PgliteSession(backend, options.stallWarningMs);
  return class PgliteClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connection: new PglitePgConnection(session) } as pg.ClientConfig);
    }
  };
}
