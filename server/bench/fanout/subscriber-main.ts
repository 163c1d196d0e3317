/**
 * The subscribers' process (subscriber-process.ts starts it): opens `board.events` streams
 * as the SPA does (tRPC's `httpSubscriptionLink` on the `eventsource` package, the token in
 * the Authorization header; see server/src/test/board-subscriber.ts), each straight to one
 * API process, and stamps every event as it arrives. A process of its own: the API
 * processes' CPU time is theirs alone, and the writer's stamps (in the bench's process) are
 * not delayed by thousands of events a second being parsed here.
 */
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { BoardEvent } from '../../src/board-events/events.ts';
import type { AppRouter } from '../../src/routers/_app.ts';
import { ownUsage, type ProcessUsage } from '../process-usage.ts';
import { epochMs } from './clock.ts';
import { StreamReceipts, type StreamRecord } from './stream-receipts.ts';
import { writeSeqOf } from './write-title.ts';

export interface OpenGroup {
  /** The API processes' base URLs: stream i connects to `urls[i % urls.length]`. */
  urls: string[];
  streams: number;
  projectId: string;
  token: string;
  /** The phase whose writes the streams count (write-title.ts). */
  tag: string;
  /** How many writes the phase makes (their numbers are 0 … writes − 1). */
  writes: number;
  /** Fail if not every stream has started (tRPC's `connected`) by then. */
  timeoutMs: number;
}

/** The commands and what each answers. */
export interface SubscriberCalls {
  open: { args: OpenGroup; result: { ms: number } };
  /** Distinct writes received, summed over the group's streams. */
  progress: { args: Record<string, never>; result: { received: number } };
  collect: { args: Record<string, never>; result: StreamRecord[] };
  close: { args: Record<string, never>; result: Record<string, never> };
  usage: { args: Record<string, never>; result: ProcessUsage };
}
export type SubscriberCommand = {
  [K in keyof SubscriberCalls]: { id: number; type: K; group: string } & SubscriberCalls[K]['args'];
}[keyof SubscriberCalls];
export type SubscriberReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

interface Stream {
  url: string;
  receipts: StreamReceipts;
  started: boolean;
  reconnects: number;
  error: string | undefined;
  close(): void;
}

if (!process.send) throw new Error('subscriber-main.ts runs as a child process (fork) only');

const groups = new Map<string, Stream[]>();

function subscribe(url: string, group: OpenGroup, onStarted: () => void): Stream {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${url}/trpc`,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (input: string | URL | Request, init?: RequestInit) => {
            const headers = new Headers(init?.headers);
            headers.set('authorization', `Bearer ${group.token}`);
            return fetch(input, { ...init, headers });
          },
        }),
      }),
    ],
  });
  let connected = false;
  const stream: Stream = {
    url,
    receipts: new StreamReceipts(group.writes),
    started: false,
    reconnects: 0,
    error: undefined,
    close: () => {},
  };
  const subscription = client.board.events.subscribe(
    { projectId: group.projectId },
    {
      onStarted: () => {
        if (stream.started) return;
        stream.started = true;
        onStarted();
      },
      // Stamped first: what follows is this process's bookkeeping, not delivery.
      onData: ({ data }) => {
        const now = epochMs();
        stream.receipts.record(writeSeqOf(group.tag, data as BoardEvent), now);
      },
      onError: (error) => {
        stream.error = String(error);
      },
      onConnectionStateChange: (state) => {
        if (state.state === 'pending') connected = true;
        else if (state.state === 'connecting' && connected) {
          connected = false;
          stream.reconnects++;
        }
      },
    },
  );
  stream.close = () => subscription.unsubscribe();
  return stream;
}

async function open(name: string, group: OpenGroup): Promise<{ ms: number }> {
  if (groups.has(name)) throw new Error(`group ${name} is already open`);
  const began = performance.now();
  let started = 0;
  let allStarted: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    allStarted = resolve;
  });
  const streams = Array.from({ length: group.streams }, (_, i) =>
    subscribe(group.urls[i % group.urls.length]!, group, () => {
      if (++started === group.streams) allStarted();
    }),
  );
  groups.set(name, streams);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const errors = [...new Set(streams.flatMap((s) => (s.error ? [s.error] : [])))];
      reject(
        new Error(
          `${started} of ${group.streams} streams started within ${group.timeoutMs} ms` +
            (errors.length ? `; errors: ${errors.slice(0, 3).join('; ')}` : ''),
        ),
      );
    }, group.timeoutMs);
  });
  try {
    await Promise.race([done, timedOut]);
  } finally {
    clearTimeout(timer);
  }
  return { ms: performance.now() - began };
}

function streamsOf(name: string): Stream[] {
  const streams = groups.get(name);
  if (!streams) throw new Error(`no group ${name}`);
  return streams;
}

async function answer(command: SubscriberCommand): Promise<unknown> {
  switch (command.type) {
    case 'open':
      return open(command.group, command);
    case 'progress':
      return { received: streamsOf(command.group).reduce((n, s) => n + s.receipts.received, 0) };
    case 'collect':
      return streamsOf(command.group).map(
        (s): StreamRecord => ({
          url: s.url,
          at: s.receipts.at,
          duplicates: s.receipts.duplicates,
          foreign: s.receipts.foreign,
          reconnects: s.reconnects,
          error: s.error,
        }),
      );
    case 'close':
      for (const stream of streamsOf(command.group)) stream.close();
      groups.delete(command.group);
      return {};
    case 'usage':
      return ownUsage();
  }
}

process.on('message', async (command: SubscriberCommand) => {
  try {
    process.send?.({ id: command.id, ok: true, result: await answer(command) });
  } catch (error) {
    process.send?.({
      id: command.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    } satisfies SubscriberReply);
  }
});
// The bench going away (or stopping it) ends this process and its streams.
process.on('disconnect', () => process.exit(0));
