import { Worker } from 'node:worker_threads';
import type { Options, Result } from 'autocannon';

/**
 * autocannon in a worker thread of this process: the server keeps the main event loop to
 * itself, as it would in production, and the load generator gets the other core.
 */
export function startLoadGenerator() {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { execArgv: [] });
  let nextId = 0;
  const pending = new Map<number, { resolve(r: Result): void; reject(e: Error): void }>();
  worker.on('message', (message: { id: number; result?: Result; error?: string }) => {
    const job = pending.get(message.id);
    pending.delete(message.id);
    if (message.result) job?.resolve(message.result);
    else job?.reject(new Error(`autocannon failed: ${message.error}`));
  });
  worker.on('error', (error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  });
  return {
    run(options: Options): Promise<Result> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, options });
      });
    },
    stop: () => worker.terminate(),
  };
}

export type LoadGenerator = ReturnType<typeof startLoadGenerator>;
