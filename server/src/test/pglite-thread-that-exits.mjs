// A stand-in for pglite-thread.mjs that starts, then stops dead at its first exchange, as
// a thread would that PGlite crashed: pglite-worker.test.ts checks what the server sees.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ ready: true });
parentPort.on('message', () => process.exit(3));
