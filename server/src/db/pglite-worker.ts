import { Worker } from 'node:worker_threads';
import type { PgliteBackend } from './pglite-backend.ts';

export interface PgliteWorkerOptions {
  /** A data dir on disk (NODEFS); without it and `loadDataDir`, a fresh in-memory database. */
  dataDir?: string;
  /** A data dir dumped by `dumpDataDir()`, loaded into memory (the tests' template). */
  loadDataDir?: Uint8Array;
}

type Reply = { id: number; reply?: Uint8Array; error?: Error };
type Notice = { ready?: true; failed?: Error; closed?: true; error?: Error };

/**
 * The embedded database in a thread of its own: the server's thread sends protocol
 * messages and gets the replies back, while PGlite runs them on the other core.
 *
 * Why a thread: PGlite runs PostgreSQL in WebAssembly, synchronously. On the server's own
 * thread every statement stopped all other requests (their parsing, auth, responses) for
 * as long as it ran, and a slow one (an autovacuum pass, a big page) stopped them all.
 * Here the two threads overlap: `tasks.create` served about 1.5 times the requests at
 * about half the median latency (see the README's performance section).
 */
export class PgliteWorker implements PgliteBackend {
  readonly waitReady: Promise<void>;
  #closed = false;
  /** Why the thread stopped, once it has. */
  #stopped: Error | undefined;
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve(reply: Uint8Array): void; reject(e: Error): void }
  >();
  #nextId = 0;
  #onClosed: ((error?: Error) => void) | undefined;

  /** `thread`: the script the thread runs; tests give one that fails on purpose. */
  constructor(
    options: PgliteWorkerOptions = {},
    thread = new URL('./pglite-thread.mjs', import.meta.url),
  ) {
    this.#worker = new Worker(thread, {
      workerData: options,
      // The thread is plain JavaScript: it needs none of this process's loaders or flags.
      execArgv: [],
    });
    this.waitReady = new Promise<void>((resolve, reject) => {
      this.#worker.on('message', (message: Reply & Notice) => {
        if (message.ready) {
          resolve();
          // Idle, the thread does not keep the process alive; an awaited reply does.
          if (this.#pending.size === 0) this.#worker.unref();
        } else if (message.failed) {
          reject(message.failed);
          this.#stop(message.failed);
          void this.#worker.terminate();
        } else if (message.closed) this.#onClosed?.(message.error);
        else this.#settle(message);
      });
      this.#worker.on('error', (error) => {
        reject(error);
        this.#stop(error);
      });
      this.#worker.on('exit', (code) => {
        const error = new Error(`PGlite is closed: its thread exited (code ${code})`);
        reject(error);
        this.#stop(error);
      });
    });
    // A failed start is the caller's to see through waitReady; this only keeps it from
    // being reported as unhandled before anyone awaits it.
    this.waitReady.catch(() => {});
  }

  get lost() {
    return this.#closed ? undefined : this.#stopped;
  }

  get closed() {
    return this.#closed || this.#stopped !== undefined;
  }

  exchange(messages: Uint8Array): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(this.#stopped ?? new Error('PGlite is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // While a reply is awaited the thread keeps the process alive, as a socket would.
      if (this.#pending.size === 1) this.#worker.ref();
      // An exact copy, handed over: node-postgres's buffers can be views of a larger shared
      // one, which posting would copy whole.
      const copy = new Uint8Array(messages);
      this.#worker.postMessage({ id, messages: copy }, [copy.buffer]);
    });
  }

  #settle({ id, reply, error }: Reply) {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    // Once closing, the thread stays referenced until it has closed PGlite.
    if (this.#pending.size === 0 && !this.#closed) this.#worker.unref();
    if (error) pending?.reject(error);
    else pending?.resolve(reply!);
  }

  #stop(error: Error) {
    this.#stopped ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#onClosed?.(error);
  }

  #diedWith(error: Error) {
    return error === this.#stopped;
  }

  /** Closes PGlite (a data dir must be closed cleanly before exit), then ends the thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#stopped) {
      this.#worker.ref();
      const closed = new Promise<Error | undefined>((resolve) => {
        this.#onClosed = resolve;
      });
      this.#worker.postMessage({ close: true });
      const error = await closed;
      await this.#worker.terminate();
      if (!error) return;
      // The thread died before PGlite closed: the next start recovers from the WAL.
      if (this.#diedWith(error)) console.error('PGlite stopped before closing:', error.message);
      else throw error;
    }
  }
}
