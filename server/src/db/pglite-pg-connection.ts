import { EventEmitter } from 'node:events';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { serialize } from 'pg-protocol';
// Public subpaths (pg-protocol exports `./dist/*`): node-postgres's own reply parser.
import type { BackendMessage } from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';

/**
 * node-postgres over an in-process PGlite instead of a socket: the embedded database runs
 * behind the same driver (node-postgres, drizzle's `node-postgres` session) and the same
 * named prepared statements as PostgreSQL.
 *
 * Why not PGlite's own `query()`: it sends every statement as six separate protocol calls
 * (Parse, Describe, Bind, Describe, Execute, Sync) and parses and plans it again each time,
 * because it always uses the unnamed statement. node-postgres parses a named statement once
 * per session and then sends only Bind/Describe/Execute/Sync, and it writes them between
 * `stream.cork()` and `stream.uncork()`: here that whole exchange becomes one call into
 * PGlite, and node-postgres's own parser reads the replies, as it reads a socket's.
 * `tasks.list`'s page query cost 1.2 ms of CPU through `query()`, 0.95 ms as one call with
 * PGlite's parser, and 0.7 ms with node-postgres's.
 *
 * Modelled on PGlite's `@electric-sql/pglite/node-postgres` adapter (0.5.16). That one sends
 * each message as its own call, fails on the `types` object drizzle passes with every query
 * (it expects an array of parameter type ids), and gives every client of a pool the same
 * connection object, so a client that replaces a destroyed one receives the old one's 'end'.
 */

/**
 * PGlite's one backend session, shared by the connections of successive clients: what
 * PostgreSQL keeps per session (named statements, the transaction) lives here.
 */
class PgliteSession {
  /** Every call into PGlite, in order: node-postgres sends without waiting for replies. */
  queue: Promise<void>;
  /** Read and written by node-postgres through each connection: the statements parsed. */
  readonly parsedStatements: Record<string, string> = {};
  readonly submittedNamedStatements: Record<string, string> = {};
  /** After the last exchange: `I` idle, `T` in a transaction, `E` in a failed one. */
  transactionStatus = 'I';

  constructor(readonly pglite: PGlite) {
    this.queue = pglite.waitReady;
  }

  /**
   * Runs `message` after everything sent before it; its replies go to `connection`.
   * `lastSent` is the type code of the last protocol message in it, which tells how its
   * replies must end (see `incompleteReply`).
   *
   * Each exchange first waits for a turn of the event loop. PGlite works synchronously, and
   * the queue is a chain of promises: without that turn, queued exchanges (and the request
   * code their replies resume) ran back to back in microtasks, and no I/O was read until
   * the queue was empty. Requests arriving meanwhile waited for the whole burst: at 10
   * connections, p99 was about 3 times p50.
   */
  call(message: Uint8Array, lastSent: number, connection: PglitePgConnection) {
    this.queue = this.queue
      .then(() => eventLoopTurn())
      .then(() => {
        // PGlite's own calls check this; execProtocolRawStream would fail obscurely without it.
        if (this.pglite.closed) throw new Error('PGlite is closed');
        return this.#exchange(message, lastSent);
      })
      .then((replies) => {
        for (const reply of replies) {
          if (reply.name === 'readyForQuery') {
            this.transactionStatus = (reply as unknown as { status: string }).status;
          }
          // node-postgres names an ErrorResponse 'errorMessage'.
          connection.emit(reply.name === 'error' ? 'errorMessage' : reply.name, reply);
        }
      })
      .catch((error: unknown) => {
        // An ended client no longer listens, and an unheard 'error' would crash the process.
        if (connection.listenerCount('error') > 0) connection.emit('error', error);
        else console.error('PGlite session error:', error);
      });
  }

  /**
   * One exchange, its replies read by node-postgres's own parser, as from a socket.
   * Why not `execProtocolStream()`: PGlite then parses the replies itself, a string at a
   * time through `TextDecoder`, and without an `onRawData` it parses them even for
   * `execProtocolRaw()`. That was about 40% of a 20-row page's CPU time.
   */
  async #exchange(message: Uint8Array, lastSent: number): Promise<BackendMessage[]> {
    const replies: BackendMessage[] = [];
    const parser = new Parser();
    let received = 0;
    await this.pglite.execProtocolRawStream(message, {
      // A chunk is a view of PGlite's memory, reused for the next one: the parser may keep
      // an incomplete message's bytes until the rest arrives, so it gets a copy.
      onRawData: (chunk) => {
        received += chunk.length;
        parser.parse(Buffer.from(chunk), (reply) => replies.push(reply));
      },
    });
    const problem = incompleteReply(lastSent, replies, received);
    if (problem) throw new Error(`PGlite's reply is incomplete: ${problem}`);
    return replies;
  }

  /**
   * What PostgreSQL does when a client's socket closes: an open transaction is rolled back,
   * so the next client does not inherit it. Then `done`.
   */
  reset(done: () => void) {
    this.queue = this.queue
      .then(async () => {
        if (this.transactionStatus === 'I' || this.pglite.closed) return;
        const rollback = serialize.query('ROLLBACK');
        await this.#exchange(rollback, rollback[0]!);
        this.transactionStatus = 'I';
      })
      .catch((error: unknown) => console.error('PGlite session reset failed:', error))
      .then(done);
  }
}

/** The type codes of the messages PostgreSQL answers with ReadyForQuery: Sync, Query. */
const READY_AFTER = new Set(['S', 'Q'].map((code) => code.charCodeAt(0)));

/**
 * Why node-postgres would wait forever for the rest of an exchange's replies, if it would.
 * A socket might still deliver them; PGlite has answered once `execProtocolRawStream`
 * returns, so what is missing then never comes. Failing the exchange instead fails its
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
    void this.#session.queue.then(() =>
      this.emit('readyForQuery', {
        name: 'readyForQuery',
        status: this.#session.transactionStatus,
      }),
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
    this.#session.reset(() => this.emit('end'));
  }
}

/**
 * A node-postgres `Client` class whose every instance talks to `pglite`, for
 * `new pg.Pool({ Client, max: 1 })`. PGlite has one session, so the pool must hold one
 * client: it then serializes queries and transactions as PGlite's own mutexes would.
 */
export function pgliteClient(pglite: PGlite): typeof pg.Client {
  const session = new PgliteSession(pglite);
  return class PgliteClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connection: new PglitePgConnection(session) } as pg.ClientConfig);
    }
  };
}
