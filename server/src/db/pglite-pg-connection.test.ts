import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPglite } from '../test/test-db.ts';
import { openPglite } from './database.ts';
import { inProcessBackend, type PgliteBackend } from './pglite-backend.ts';
import { pgliteClient } from './pglite-pg-connection.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

/** The type codes of the protocol messages in one buffer sent to PGlite ('P' Parse, 'B' Bind...). */
function messageTypes(buffer: Uint8Array): string {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let types = '';
  for (let at = 0; at < buffer.length; at += 1 + view.getInt32(at + 1)) {
    types += String.fromCharCode(buffer[at]!);
  }
  return types;
}

let pglite: PGlite;
let pool: pg.Pool;
/** Every call into PGlite, as the message types it carried. */
let calls: string[];
/** How many chunks of replies each call's answer came in. */
let chunks: number[];
/** When set, the next call's replies reach node-postgres without their last bytes. */
let dropFromNextReply = 0;

beforeAll(async () => {
  pglite = await createTestPglite();
  const execProtocolRawStream = pglite.execProtocolRawStream.bind(pglite);
  calls = [];
  chunks = [];
  pglite.execProtocolRawStream = async (message, options) => {
    calls.push(messageTypes(message));
    const call = chunks.push(0) - 1;
    const drop = dropFromNextReply;
    dropFromNextReply = 0;
    if (drop) {
      const received: Uint8Array[] = [];
      await execProtocolRawStream(message, {
        ...options,
        onRawData: (chunk) => received.push(chunk.slice()),
      });
      const reply = Buffer.concat(received);
      options.onRawData(reply.subarray(0, reply.length - drop));
      return;
    }
    return execProtocolRawStream(message, {
      ...options,
      onRawData: (chunk) => {
        chunks[call]! += 1;
        options.onRawData(chunk);
      },
    });
  };
  pool = new pg.Pool({
    Client: pgliteClient(inProcessBackend(pglite)),
    max: 3,
    idleTimeoutMillis: 0,
  });
  await pool.query('create table t (id int primary key)');
});

afterAll(async () => {
  await pool.end();
  await pglite.close();
});

function count(client: pg.Pool | pg.PoolClient, id: number) {
  return client
    .query<{ n: number }>('select count(*)::int as n from t where id = $1', [id])
    .then((result) => result.rows[0]?.n);
}

describe('node-postgres over PGlite (pgliteClient)', () => {
  it("sends a whole extended-query exchange in one call, and a named statement's Parse only once", async () => {
    calls = [];
    const query = { name: 'plus_one', text: 'select $1::int + 1 as n', values: [41] };
    expect((await pool.query(query)).rows).toEqual([{ n: 42 }]);
    expect((await pool.query(query)).rows).toEqual([{ n: 42 }]);
    expect(calls).toEqual(['PBDES', 'BDES']);
  });

  it('reads replies that PGlite hands over in several chunks exactly', async () => {
    chunks = [];
    const { rows } = await pool.query<{ i: number; text: string | null; empty: string }>(
      `select i,
              case when i % 7 = 0 then null else repeat('é✓z', i) end as text,
              '' as empty
         from generate_series(1, 400) as i`,
    );
    // Otherwise this test would not cover a message cut between two chunks.
    expect(chunks[0]).toBeGreaterThan(1);
    expect(rows).toHaveLength(400);
    rows.forEach((row, index) => {
      const i = index + 1;
      expect(row).toEqual({ i, text: i % 7 === 0 ? null : 'é✓z'.repeat(i), empty: '' });
    });
  });

  it('lets the event loop run between exchanges, so queued queries do not hold up I/O', async () => {
    let answered = 0;
    const queries = Array.from({ length: 20 }, () =>
      pool.query('select 1').then(() => {
        answered += 1;
      }),
    );
    // What an incoming request or a timer would get: a turn of the event loop.
    const answeredAtFirstTurn = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(answered)),
    );
    await Promise.all(queries);
    expect(answered).toBe(20);
    expect(answeredAtFirstTurn).toBeLessThan(3);
  });

  it('rejects a failing query with PostgreSQL’s error, and the session goes on', async () => {
    await expect(pool.query('select $1::uuid', ['not-a-uuid'])).rejects.toMatchObject({
      code: '22P02',
    });
    await expect(pool.query('insert into t values ($1), ($1)', [1])).rejects.toMatchObject({
      code: '23505',
    });
    expect(await count(pool, 1)).toBe(0);
    expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('makes a query wait while another client holds the one session in a transaction', async () => {
    const client = await pool.connect();
    await client.query('begin');
    await client.query('insert into t values (2)');
    let answered = false;
    const outside = count(pool, 2).then((n) => {
      answered = true;
      return n;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    await client.query('commit');
    client.release();
    expect(await outside).toBe(1);
  });

  it('rolls back the transaction of a client destroyed mid-way, before the next client runs', async () => {
    const client = await pool.connect();
    await client.query('begin');
    await client.query('insert into t values (3)');
    expect(await count(client, 3)).toBe(1);
    client.release(true);
    // The same session: had the insert not been rolled back, this query would see it.
    expect(await count(pool, 3)).toBe(0);
    await pool.query('insert into t values (3)');
    expect(await count(pool, 3)).toBe(1);
  });

  it('fails a query whose reply ends in the middle of a message, instead of waiting forever', async () => {
    dropFromNextReply = 3;
    await expect(pool.query('select 1 as one')).rejects.toThrow(
      "PGlite's reply is incomplete: it ends in the middle of a message (3 of its",
    );
    // The pool replaces the failed client; the session goes on.
    expect((await pool.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
  });

  it('fails a query whose reply ends without ReadyForQuery, instead of waiting forever', async () => {
    // ReadyForQuery is the reply's last message: 'Z', a length of 5 and the status byte.
    dropFromNextReply = 6;
    await expect(pool.query('select 1 as one')).rejects.toThrow(
      "PGlite's reply is incomplete: it ends without ReadyForQuery",
    );
    expect((await pool.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
  });

  it('rolls back for a client whose BEGIN got a cut reply, so other clients do not run inside it', async () => {
    const failed = await pool.connect();
    // The BEGIN runs, but its ReadyForQuery ('Z', a length of 5, the status) never arrives.
    dropFromNextReply = 6;
    await expect(failed.query('begin')).rejects.toThrow("PGlite's reply is incomplete");
    // Had the session taken the BEGIN for not run, this would be inside that transaction.
    // A simple query: in an extended one the two timestamps differ anyway (Parse, Execute).
    const { rows } = await pool.query<{ fresh: boolean }>(
      'select transaction_timestamp() = statement_timestamp() as fresh',
    );
    expect(rows).toEqual([{ fresh: true }]);
    failed.release(true);
  });

  it("accepts a query's own type parsers (drizzle passes them as `types` with every query)", async () => {
    const types = { getTypeParser: () => (value: string) => `parsed ${value}` };
    const result = await pool.query({ text: 'select $1::int as n', values: [7], types });
    expect(result.rows).toEqual([{ n: 'parsed 7' }]);
  });
});

describe('node-postgres over a PGlite that closes', () => {
  // A PGlite of its own, loaded in a hook: loading can take seconds on a busy machine.
  let closing: PGlite;
  beforeAll(async () => {
    closing = await createTestPglite();
  });

  it('rejects queries with a clear error once PGlite is closed, instead of hanging', async () => {
    const closingPool = new pg.Pool({ Client: pgliteClient(inProcessBackend(closing)), max: 1 });
    closingPool.on('error', () => {});
    await closingPool.query('select 1');
    await closing.close();
    await expect(closingPool.query('select 1')).rejects.toThrow('PGlite is closed');
    await closingPool.end();
  });
});

/**
 * A backend like a PGlite in another thread, except that it answers only when told: the
 * test sees what the session has sent while replies are still on their way.
 */
function heldBackend(pglite: PGlite) {
  const inner = inProcessBackend(pglite);
  const held: Array<() => void> = [];
  const sent: string[] = [];
  const backend: PgliteBackend = {
    waitReady: inner.waitReady,
    get closed() {
      return inner.closed;
    },
    exchange(messages) {
      sent.push(messageTypes(messages));
      const reply = inner.exchange(messages);
      return new Promise((resolve, reject) => held.push(() => reply.then(resolve, reject)));
    },
    close: () => inner.close(),
  };
  /** Lets the replies held by now go, and waits until the clients have read them. */
  async function answer() {
    await tick();
    for (const release of held.splice(0)) release();
    await tick();
  }
  return { backend, sent, answer };
}

describe('several node-postgres clients over one PGlite session', () => {
  let own: PGlite;
  let held: ReturnType<typeof heldBackend>;
  let clients: pg.Pool;
  beforeAll(async () => {
    own = await createTestPglite();
    held = heldBackend(own);
    clients = new pg.Pool({
      Client: pgliteClient(held.backend, { stallWarningMs: 100 }),
      max: 4,
      idleTimeoutMillis: 0,
    });
    const setup = clients.query('create table u (id int primary key)');
    await held.answer();
    await setup;
  });
  afterAll(async () => {
    await held.answer();
    await clients.end();
    await own.close();
  });

  it('sends the statements of several clients before the first is answered, and each gets its own reply', async () => {
    held.sent.length = 0;
    const results = [1, 2, 3].map((i) => clients.query('select $1::int * 10 as n', [i]));
    await tick();
    // All three are with the backend (as with PGlite's thread) though none has answered.
    expect(held.sent).toEqual(['PBDES', 'PBDES', 'PBDES']);
    await held.answer();
    expect((await Promise.all(results)).map((r) => r.rows[0].n)).toEqual([10, 20, 30]);
  });

  it('sends a BEGIN alone, and then only its own client’s statements until the transaction ends', async () => {
    held.sent.length = 0;
    const other = await clients.connect();
    const inTransaction = await clients.connect();
    const before = other.query('select $1::int as one', [1]);
    const begin = inTransaction.query('begin');
    await tick();
    // The BEGIN waits for what is on its way: the status it leaves must be known first.
    expect(held.sent).toEqual(['PBDES']);
    await held.answer();
    await before;
    expect(held.sent).toEqual(['PBDES', 'Q']);
    await held.answer();
    await begin;

    const insert = inTransaction.query('insert into u values ($1)', [1]);
    const outside = other.query('select count(*)::int as n from u where id = $1', [1]);
    await tick();
    expect(held.sent).toEqual(['PBDES', 'Q', 'PBDES']);
    await held.answer();
    await insert;
    // The other client's query waits for the transaction's end, not just its statement.
    await tick();
    expect(held.sent).toHaveLength(3);

    const commit = inTransaction.query('commit');
    await held.answer();
    await commit;
    expect(held.sent).toEqual(['PBDES', 'Q', 'PBDES', 'Q', 'PBDES']);
    await held.answer();
    expect((await outside).rows).toEqual([{ n: 1 }]);
    other.release();
    inTransaction.release();
  });
  it('warns when other clients wait long for a transaction (one waiting on a query outside it never ends)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const inTransaction = await clients.connect();
      const begin = inTransaction.query('begin');
      await held.answer();
      await begin;
      // What `db` used inside `db.transaction(...)` does: a query from another client.
      const outside = clients.query('select $1::int as n', [1]);
      await tick();
      expect(warn).not.toHaveBeenCalled();
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('through `db` instead of `tx`');
      const commit = inTransaction.query('commit');
      await held.answer();
      await commit;
      await held.answer();
      expect((await outside).rows).toEqual([{ n: 1 }]);
      inTransaction.release();
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});

/** Long enough for the clients to send what they have and read what they were answered. */
function tick() {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the app’s database over a PGlite session whose backend stops answering', () => {
  it('fails the request in a transaction as "database unavailable", and the session goes on', async () => {
    const inner = inProcessBackend(await createTestPglite());
    /** The next exchange gets no reply (as if PGlite's thread had died), the rest do. */
    let failNext = false;
    const backend: PgliteBackend = {
      waitReady: inner.waitReady,
      get closed() {
        return inner.closed;
      },
      exchange(messages) {
        if (!failNext) return inner.exchange(messages);
        failNext = false;
        return Promise.reject(new Error('PGlite is closed: its thread exited (code 3)'));
      },
      close: () => inner.close(),
    };
    const database = await openPglite(backend, { autovacuum: false });
    const failure = await database.db
      .transaction(async (tx) => {
        failNext = true;
        await tx.execute(sql`select 1`);
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // What the API answers for it: 503. And the process is still here: the client that was
    // checked out had no 'error' listener of node-postgres's own.
    expect(isDatabaseUnavailable(failure)).toBe(true);
    const { rows } = (await database.db.execute(
      sql`select transaction_timestamp() = statement_timestamp() as fresh`,
    )) as unknown as { rows: { fresh: boolean }[] };
    expect(rows).toEqual([{ fresh: true }]);
    await database.close();
  });
});
