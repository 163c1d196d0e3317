import { fork } from 'node:child_process';
import { childExecArgv } from '../target-process.ts';
import type { SubscriberCalls, SubscriberCommand, SubscriberReply } from './subscriber-main.ts';

/** Longest a command may take (opening every stream is the slowest). */
const CALL_TIMEOUT_MS = 60_000;

/**
 * The subscribers' process (subscriber-main.ts), forked with the bench's Node flags (so it
 * loads TypeScript as the targets do), and a typed call for each of its commands.
 */
export function startSubscriberProcess() {
  const child = fork(new URL('./subscriber-main.ts', import.meta.url), [], {
    execArgv: childExecArgv(),
    serialization: 'advanced',
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  const failAll = (error: Error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  child.on('message', (reply: SubscriberReply) => {
    const call = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) call?.resolve(reply.result);
    else call?.reject(new Error(`subscriber process: ${reply.error}`));
  });
  child.on('error', failAll);
  child.on('exit', (code, signal) =>
    failAll(new Error(`the subscriber process exited (${code ?? signal})`)),
  );

  function call<K extends keyof SubscriberCalls>(
    type: K,
    group: string,
    args: SubscriberCalls[K]['args'],
  ): Promise<SubscriberCalls[K]['result']> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`subscriber process: no answer to ${type} within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as SubscriberCalls[K]['result']);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send({ id, type, group, ...args } as SubscriberCommand);
    });
  }

  const none = {} as Record<string, never>;
  return {
    pid: child.pid,
    open: (group: string, args: SubscriberCalls['open']['args']) => call('open', group, args),
    progress: (group: string) => call('progress', group, none),
    collect: (group: string) => call('collect', group, none),
    close: (group: string) => call('close', group, none),
    usage: () => call('usage', '', none),
    /** Ends the process, and with it every stream still open. */
    stop: () => {
      if (child.connected) child.disconnect();
    },
  };
}

export type SubscriberProcess = ReturnType<typeof startSubscriberProcess>;
