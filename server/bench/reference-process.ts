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
 * - The app's fetch host installs hono's global `Response` when it is built; in their own
 *   process the references run on Node's own.
 * The same Node flags as this process (its `execArgv`), and the same signing key, so the
 * run's tokens are valid there too.
 */
export const REFERENCE_TARGETS: ReadonlySet<TargetName> = new Set<TargetName>([
  'expressBare',
  'expressClerk',
  'trpcStock',
]);

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
    execArgv: process.execArgv,
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
  child.on('exit', (code) => fail(new Error(`the reference process exited (${code})`)));

  /** One request, one reply: the bench asks only between runs, never two at a time. */
  const ask = (message: ReferenceStart | { type: 'usage' }) =>
    new Promise<ReferenceReply>((resolve) => {
      if (failure) return resolve({ type: 'failed', error: failure.message });
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

  const started = await expect(
    {
      type: 'start',
      names,
      tokenTtlSeconds,
      signingKeyPem: auth.signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    'started',
  );
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
      await exited;
    },
  };
}
