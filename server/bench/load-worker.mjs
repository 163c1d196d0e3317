/**
 * The load generator's thread: runs autocannon jobs posted by the benchmark, one at a
 * time. One long-lived worker instead of autocannon's own `workers` option, which
 * starts a thread for every run. Plain JavaScript: Node 20 does not apply the
 * TypeScript loader hooks to worker threads.
 */
import { parentPort } from 'node:worker_threads';
import autocannon from 'autocannon';

if (!parentPort) throw new Error('load-worker.mjs runs as a worker thread only');
const port = parentPort;

port.on('message', async (job) => {
  try {
    // Off the main thread autocannon answers with encoded histograms (as to its own
    // workers); its public aggregateResult turns them into the usual result.
    const raw = await autocannon(job.options);
    const result = autocannon.aggregateResult([raw], job.options);
    port.postMessage({ id: job.id, result });
  } catch (error) {
    port.postMessage({ id: job.id, error: String(error) });
  }
});
