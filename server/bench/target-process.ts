import { fork } from 'node:child_process';
import type { BenchAuth } from './fixture.ts';
import type { ProcessUsage } from './process-usage.ts';
import type { ReferenceReply, ReferenceStart } from './reference-main.ts';
import type { TargetName } from './targets.ts';

/**
 * The stock references: plain Express, Clerk's documented Express recipe, and the stock
 * Clerk + stock tRPC adapter stack. They run in a process of their own, the way anyone
 * would run them, for two reasons:
 * - All servers of one process share one V8 heap. Stock Express promotes about 12 MB per
 *   young-generation GC (`--trace-gc-nvp`), and the app's scenarios that ran after it paid
 *   for that garbage: `tasks.list`'s scavenges promoted 2–4 MB and paused 5–10 ms instead of
 *   0.1 MB and 1–2 ms.
 * - The app's tRPC middleware (hono's request listener, `webListener`) installs hono's
 *   global `Request` and `Response` when it is built; in their own process the references
 *   run on Node's own.
 * The same Node flags as this process (its `execArgv`), and the same signing key, so the
 * run's tokens are valid there too.
 */
export const REFERENCE_TARGETS: ReadonlySet<TargetName> = new Set<TargetName>([
  'expressBare',
  'expressClerk',
  'trpcStock',
]);

/** Time for the child to load, build its targets and seed its PGlite, and to shut down. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * This process's Node flags minus the inspector's: a second process cannot open the same
 * debugger port, and `--inspect-brk` would leave it paused, waiting for a debugger.
 */
const childExecArgv = () => process.execArgv.filter((flag) => !flag.startsWith('--inspect'));

function timeout(ms: number, what: string): { promise: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`reference process: ${what} after ${ms} ms`)), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

export interface ReferenceProcess {
  urlOf(name: TargetName): string;
  usage(): Promise<ProcessUsage>;
  stop(): Promise<void>;
}

export async function startReferenceProcess(
  auth: BenchAuth,
  tokenTtlSeconds: number,
  names: TargetName[],
): Promise<ReferenceProcess> {
  const child = fork(new URL('./reference-main.ts', import.meta.url), [], {
    execArgv: childExecArgv(),
    serialization: 'advanced',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let waiting: ((reply: ReferenceReply) => void) | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    const pending = waiting;
    waiting = undefined;
    pending?.({ type: 'failed', error: failure.message });
  };
  child.on('message', (reply: ReferenceReply) => {
    const pending = waiting;
    waiting = undefined;
    pending?.(reply);
  });
  child.on('error', fail);
  child.on('exit', (code, signal) =>
    fail(new Error(`the reference process exited (${code ?? signal})`)),
  );

  /** One request, one reply: the bench asks only between runs, never two at a time. */
  const ask = (message: ReferenceStart | { type: 'usage' }) =>
    new Promise<ReferenceReply>((resolve, reject) => {
      if (failure) return resolve({ type: 'failed', error: failure.message });
      if (waiting) return reject(new Error('reference process: a request is already waiting'));
      waiting = resolve;
      child.send(message);
    });
  const expect = async <T extends ReferenceReply['type']>(
    message: ReferenceStart | { type: 'usage' },
    type: T,
  ) => {
    const reply = await ask(message);
    if (reply.type === 'failed') throw new Error(`reference process: ${reply.error}`);
    if (reply.type !== type) throw new Error(`reference process: ${reply.type}, not ${type}`);
    return reply as Extract<ReferenceReply, { type: T }>;
  };

  const startLimit = timeout(START_TIMEOUT_MS, 'not started');
  const started = await Promise.race([
    expect(
      {
        type: 'start',
        names,
        tokenTtlSeconds,
        signingKeyPem: auth.signingKey.privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
      'started',
    ),
    startLimit.promise,
  ]).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  startLimit.clear();
  return {
    urlOf(name) {
      const url = started.urls[name];
      if (!url) throw new Error(`reference target ${name} was not started`);
      return url;
    },
    async usage() {
      return (await expect({ type: 'usage' }, 'usage')).usage;
    },
    async stop() {
      // The child closes its servers and database when the channel closes.
      if (child.connected) child.disconnect();
      const stopLimit = timeout(STOP_TIMEOUT_MS, 'still running');
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
