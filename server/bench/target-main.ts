/**
 * The stock references' process (reference-process.ts starts it): builds the reference
 * targets it is told to, on free loopback ports, and reports its CPU time and memory
 * when asked, so that each run is charged to the process that served it.
 */
import { signingKeyFromPem } from '../src/auth/local/signing-key.ts';
import { createBenchAuth } from './fixture.ts';
import { ownUsage, type ProcessUsage } from './process-usage.ts';
import { startTargets, type TargetName } from './targets.ts';

export interface ReferenceStart {
  type: 'start';
  names: TargetName[];
  tokenTtlSeconds: number;
  signingKeyPem: string;
}

export type ReferenceReply =
  | { type: 'started'; urls: Partial<Record<TargetName, string>> }
  | { type: 'usage'; usage: ProcessUsage }
  | { type: 'failed'; error: string };

const send = (reply: ReferenceReply) => process.send?.(reply);

if (!process.send) throw new Error('reference-main.ts runs as a child process (fork) only');

let targets: Awaited<ReturnType<typeof startTargets>> | undefined;

process.on('message', async (message: ReferenceStart | { type: 'usage' }) => {
  if (message.type === 'usage') return send({ type: 'usage', usage: ownUsage() });
  try {
    const auth = createBenchAuth(message.tokenTtlSeconds, signingKeyFromPem(message.signingKeyPem));
    targets = await startTargets(auth, new Set(message.names));
    const started = targets;
    send({
      type: 'started',
      urls: Object.fromEntries(message.names.map((name) => [name, started.urlOf(name)])),
    });
  } catch (error) {
    send({
      type: 'failed',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});

// The bench going away (or stopping it) ends this process, servers closed first.
process.on('disconnect', async () => {
  await targets?.closeAll();
  process.exit(0);
});
