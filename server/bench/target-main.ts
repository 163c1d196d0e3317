/**
 * A target's process (target-process.ts starts it): builds the target it is told to, on a
 * free loopback port, and reports its CPU time and memory when asked, so that each run is
 * charged to the process that served it.
 */

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { signingKeyFromPem } from '../src/auth/local/signing-key.ts';
import type { BenchBoard } from './bench-data.ts';
import { createBenchAuth } from './fixture.ts';
import { ownUsage, type ProcessUsage } from './process-usage.ts';
import { startTarget, type TargetName } from './targets.ts';

export interface TargetStart {
  type: 'start';
  name: TargetName;
  /** The PGlite to load, if the target uses one (bench-data.ts: pgliteDump). */
  pgliteDump: string | undefined;
  tokenTtlSeconds: number;
  signingKeyPem: string;
}

/** Start the CPU profiler; stop it and write its profile to `file`. */
export type ProfileCommand = { type: 'profile-start' } | { type: 'profile-stop'; file: string };
/**
 * `collectGarbage`: a full GC first (through the inspector, so no `--expose-gc` is needed),
 * so that heap and RSS compare what is alive, not what garbage the last GC left.
 */
export type UsageCommand = { type: 'usage'; collectGarbage?: boolean };
export type TargetCommand = TargetStart | ProfileCommand | UsageCommand;

export type TargetReply =
  | { type: 'started'; url: string; board: BenchBoard }
  | { type: 'usage'; usage: ProcessUsage }
  | { type: 'profiling' }
  | { type: 'failed'; error: string };

const send = (reply: TargetReply) => process.send?.(reply);

if (!process.send) throw new Error('target-main.ts runs as a child process (fork) only');

let target: Awaited<ReturnType<typeof startTarget>> | undefined;
const profiler = new Session();

async function profile(command: ProfileCommand) {
  if (command.type === 'profile-start') {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  } else {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(command.file, JSON.stringify(profile));
    profiler.disconnect();
  }
  send({ type: 'profiling' });
}

async function usage(command: UsageCommand) {
  if (command.collectGarbage) {
    const session = new Session();
    session.connect();
    try {
      await session.post('HeapProfiler.collectGarbage');
    } finally {
      session.disconnect();
    }
  }
  send({ type: 'usage', usage: ownUsage() });
}

process.on('message', async (message: TargetCommand) => {
  if (message.type === 'usage' && !message.collectGarbage) {
    return send({ type: 'usage', usage: ownUsage() });
  }
  try {
    if (message.type === 'usage') return await usage(message);
    if (message.type !== 'start') return await profile(message);
    const auth = createBenchAuth(message.tokenTtlSeconds, signingKeyFromPem(message.signingKeyPem));
    target = await startTarget(auth, message.name, message.pgliteDump);
    send({ type: 'started', url: target.url, board: target.board });
  } catch (error) {
    send({
      type: 'failed',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});

// The bench going away (or stopping it) ends this process, its server closed first.
process.on('disconnect', async () => {
  await target?.close();
  process.exit(0);
});
