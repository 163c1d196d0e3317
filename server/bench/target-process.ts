import { fork } from 'node:child_process';
import type { BenchBoard } from './bench-data.ts';
import type { BenchAuth } from './fixture.ts';
import type { ProcessUsage } from './process-usage.ts';
import type { TargetCommand, TargetReply } from './target-main.ts';
import { TARGETS, type TargetName } from './targets.ts';

/**
 * The process serving one target (target-main.ts), started the way `npm start` runs the app:
 * the bench's own Node flags (its `execArgv`), its environment plus the target's own
 * (targets.ts), and the same signing key, so the run's tokens are valid there too. The
 * bench itself serves nothing: each run's CPU time is read from the process that served it.
 */

/** Time for the child to load, build its targets and seed its PGlite, and to shut down. */
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * This process's Node flags minus the inspector's: a second process cannot open the same
 * debugger port, and `--inspect-brk` would leave it paused, waiting for a debugger.
 */
export const childExecArgv = () => process.execArgv.filter((flag) => !flag.startsWith('--inspect'));

function timeout(ms: number, what: string): { promise: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`target process: ${what} after ${ms} ms`)), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

export interface TargetProcess {
  name: TargetName;
  pid: number | undefined;
  url: string;
  board: BenchBoard;
  /** With `collectGarbage`, after a full GC (target-main.ts). */
  usage(options?: { collectGarbage?: boolean }): Promise<ProcessUsage>;
  /** Starts the CPU profiler (`file` undefined) or stops it and writes its profile there. */
  profile(file?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startTargetProcess(
  auth: BenchAuth,
  tokenTtlSeconds: number,
  name: TargetName,
  /** Awaited after the child is forked, so that it loads its modules meanwhile. */
  databaseReady: Promise<{ pgliteDump?: string }>,
): Promise<TargetProcess> {
  const child = fork(new URL('./target-main.ts', import.meta.url), [], {
    execArgv: childExecArgv(),
    env: { ...process.env, ...TARGETS[name].env },
    serialization: 'advanced',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let waiting: ((reply: TargetReply) => void) | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    const pending = waiting;
    waiting = undefined;
    pending?.({ type: 'failed', error: failure.message });
  };
  child.on('message', (reply: TargetReply) => {
    const pending = waiting;
    waiting = undefined;
    pending?.(reply);
  });
  child.on('error', fail);
  child.on('exit', (code, signal) =>
    fail(new Error(`the ${name} process exited (${code ?? signal})`)),
  );

  /** One request, one reply: the bench asks only between runs, never two at a time. */
  const ask = (message: TargetCommand) =>
    new Promise<TargetReply>((resolve, reject) => {
      if (failure) return resolve({ type: 'failed', error: failure.message });
      if (waiting) return reject(new Error(`${name} process: a request is already waiting`));
      waiting = resolve;
      child.send(message);
    });
  const expect = async <T extends TargetReply['type']>(message: TargetCommand, type: T) => {
    const reply = await ask(message);
    if (reply.type === 'failed') throw new Error(`${name} process: ${reply.error}`);
    if (reply.type !== type) throw new Error(`${name} process: ${reply.type}, not ${type}`);
    return reply as Extract<TargetReply, { type: T }>;
  };

  const startLimit = timeout(START_TIMEOUT_MS, `${name} not started`);
  const { pgliteDump } = await databaseReady.catch((error: unknown) => {
    child.kill();
    throw error;
  });
  const started = await Promise.race([
    expect(
      {
        type: 'start',
        name,
        pgliteDump,
        tokenTtlSeconds,
        signingKeyPem: auth.signingKey.privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
      'started',
    ),
    startLimit.promise,
  ])
    .catch((error: unknown) => {
      child.kill();
      throw error;
    })
    .finally(() => startLimit.clear());
  return {
    name,
    pid: child.pid,
    url: started.url,
    board: started.board,
    async usage(options) {
      return (await expect({ type: 'usage', ...options }, 'usage')).usage;
    },
    async profile(file) {
      await expect(file ? { type: 'profile-stop', file } : { type: 'profile-start' }, 'profiling');
    },
    async stop() {
      // The child closes its servers and database when the channel closes.
      if (child.connected) child.disconnect();
      const stopLimit = timeout(STOP_TIMEOUT_MS, `${name} still running`);
      try {
        await Promise.race([exited, stopLimit.promise]);
      } catch (error) {
        child.kill();
        throw error;
      } finally {
        stopLimit.clear();
      }
    },
  };
}
