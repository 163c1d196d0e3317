import { fork } from 'node:child_process';
import type { Options, Result } from 'autocannon';

/**
 * autocannon in a child process: the servers keep their processes to themselves, as they
 * would in production, so those processes' CPU time is theirs and their threads'.
 */
export function startLoadGenerator() {
  const child = fork(new URL('./load-worker.mjs', import.meta.url), [], {
    execArgv: [],
    serialization: 'advanced',
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(r: Result): void; reject(e: Error): void }>();
  const failAll = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  child.on('message', (message: { id: number; result?: Result; error?: string }) => {
    const job = pending.get(message.id);
    pending.delete(message.id);
    if (message.result) job?.resolve(message.result);
    else job?.reject(new Error(`autocannon failed: ${message.error}`));
  });
  child.on('error', failAll);
  child.on('exit', (code) => failAll(new Error(`load generator exited (${code})`)));
  return {
    run(options: Options): Promise<Result> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, options });
      });
    },
    stop() {
      child.disconnect();
    },
  };
}

export type LoadGenerator = ReturnType<typeof startLoadGenerator>;
