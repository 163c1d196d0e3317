/**
 * The load generator: a child process that runs the autocannon jobs the benchmark sends,
 * one at a time. A separate process (not a thread) so that the benchmark's own CPU time
 * is the servers' alone, and so autocannon's main-thread code path is used as is.
 * Plain JavaScript: it needs no TypeScript and starts fast.
 */
import autocannon from 'autocannon';

if (!process.send) throw new Error('load-worker.mjs runs as a child process (fork) only');

process.on('message', async (job) => {
  try {
    const result = await autocannon(job.options);
    process.send({ id: job.id, result });
  } catch (error) {
    process.send({ id: job.id, error: String(error) });
  }
});
// The parent going away ends the child too.
process.on('disconnect', () => process.exit(0));
