// The embedded database's own thread: one PGlite, driven by raw protocol messages from
// pglite-worker.ts, which explains why. Plain JavaScript, so that the thread starts the
// same under `node --import tsx`, vitest and the bench, with no loader of its own.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** @type {{ dataDir?: string, loadDataDir?: Uint8Array }} */
const { dataDir, loadDataDir } = workerData;

const opening = PGlite.create({
  ...(dataDir ? { dataDir } : {}),
  ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
});

opening.then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ failed: asError(error, 'PGlite could not start') }),
);

/**
 * What crosses to the other thread intact: an Error (its message and stack). PGlite's file
 * system throws Emscripten's ErrnoError, which is not one and would arrive as `{ errno }`.
 */
function asError(error, what) {
  if (error instanceof Error) return error;
  const errno = error?.errno === undefined ? '' : ` (file system errno ${error.errno})`;
  return new Error(`${what}: ${error?.name ?? String(error)}${errno}`);
}

/** The bytes of PGlite's reply to `messages` (as exchangeWith in pglite-backend.ts). */
async function exchange(pglite, messages) {
  const chunks = [];
  let length = 0;
  await pglite.execProtocolRawStream(messages, {
    syncToFs: false,
    onRawData: (chunk) => {
      chunks.push(chunk.slice());
      length += chunk.length;
    },
  });
  if (chunks.length === 1) return chunks[0];
  // Not Buffer.concat: a small Buffer is a view of Node's shared pool, and transferring
  // its memory to the other thread would take the whole pool with it.
  const reply = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    reply.set(chunk, at);
    at += chunk.length;
  }
  return reply;
}

// Messages are handled in the order they arrive, and each exchange runs to its end before
// the next message is read (PGlite works synchronously): the replies keep that order.
parentPort.on('message', async (request) => {
  const pglite = await opening;
  if (request.close) {
    try {
      await pglite.close();
      parentPort.postMessage({ closed: true });
    } catch (error) {
      parentPort.postMessage({ closed: true, error: asError(error, 'PGlite could not close') });
    }
    return;
  }
  try {
    if (pglite.closed) throw new Error('PGlite is closed');
    const reply = await exchange(pglite, request.messages);
    parentPort.postMessage({ id: request.id, reply }, [reply.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: asError(error, 'PGlite failed') });
  }
});
