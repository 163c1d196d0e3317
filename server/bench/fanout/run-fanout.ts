/**
 * `npm run bench -- --fanout` (docs/performance.md, "Fan-out"): the live board under load.
 * Three API processes (the app as `npm start` runs it: Express host, auth on, PostgreSQL)
 * on one database; a process of subscribers holding `streams` `board.events` streams on one
 * project, spread evenly over the three; writes at a steady rate from this process,
 * round-robin. Reports delivery latency, events delivered against expected (every stream
 * must get every write exactly once), CPU per delivered event and memory per open stream.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBenchAuth } from '../fixture.ts';
import type { BenchOptions, FanoutOptions } from '../options.ts';
import { startTargetProcess, type TargetProcess } from '../target-process.ts';
import type { TargetName } from '../targets.ts';
import { seedFanoutBoard } from './fanout-board.ts';
import { fanoutJson, formatFanoutReport } from './fanout-report.ts';
import { fanoutFigures } from './figures.ts';
import { postgresCpuReader } from './postgres-cpu.ts';
import { type SubscriberProcess, startSubscriberProcess } from './subscriber-process.ts';
import { okCount, writeSteadily } from './writer.ts';

const INSTANCES = 3;
/** The app exactly as `main.ts` builds it, on DATABASE_URL's PostgreSQL (targets.ts). */
const TARGET: TargetName = 'appPostgres';
/**
 * JIT and pools warm on every path (streams open, events delivered) before anything counts:
 * at least 100 writes a second, since at 20 a second each process would see too few calls
 * in 2 s for V8 to optimize the write path, and "the writes alone" would measure cold code.
 */
const WARMUP = { streamsPerInstance: 3, seconds: 2, minWritesPerSecond: 100 };
/** The writes' own cost, measured with no stream open. */
const WRITES_ONLY_SECONDS = 3;
const OPEN_TIMEOUT_MS = 30_000;
/** After the last write's answer: how long its events may take before they count as missing. */
const DELIVERY_TIMEOUT_MS = 15_000;
const POLL_MS = 20;

export const NO_DATABASE_URL =
  'The fan-out scenario needs PostgreSQL: DATABASE_URL is not set ' +
  '(eval "$(scripts/pg-temp-cluster.sh start)" gives a throwaway server).';

const seconds = (fromMs: number) => ((performance.now() - fromMs) / 1000).toFixed(1);

/** Until the group's streams hold `expected` distinct writes between them, or the deadline. */
async function awaitDelivery(subscribers: SubscriberProcess, group: string, expected: number) {
  const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if ((await subscribers.progress(group)).received >= expected) return;
    await sleep(POLL_MS);
  }
}

const apiCpu = async (instances: TargetProcess[]) =>
  (await Promise.all(instances.map((p) => p.usage()))).reduce((sum, u) => sum + u.cpuMicros, 0);

/** Exit code: 0, 1 when events were missing or doubled (or writes failed), 2 without PostgreSQL. */
export async function runFanout(options: BenchOptions, fanout: FanoutOptions): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(NO_DATABASE_URL);
    return 2;
  }
  const runStartedAt = performance.now();
  const loadBefore = loadavg();
  // A stream ends at its token's expiry (the client then reconnects): the token outlives the run.
  const tokenTtlSeconds = 3600 + Math.ceil(fanout.seconds);
  const auth = createBenchAuth(tokenTtlSeconds);
  const tag = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const writeCount = Math.max(1, Math.round(fanout.writesPerSecond * fanout.seconds));

  const projectReady = seedFanoutBoard(databaseUrl);
  const started = await Promise.allSettled(
    Array.from({ length: INSTANCES }, () =>
      startTargetProcess(
        auth,
        tokenTtlSeconds,
        TARGET,
        projectReady.then(() => ({})),
      ),
    ),
  );
  const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const subscribers = startSubscriberProcess();
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const projectId = await projectReady;
    const urls = instances.map((p) => p.url);
    const postgresCpu = postgresCpuReader(databaseUrl);
    console.log(
      `Fan-out: ${INSTANCES} API processes started in ${seconds(runStartedAt)} s ` +
        `(${instances.map((p) => `pid ${p.pid}`).join(', ')}), subscribers pid ${subscribers.pid}, ` +
        `Node ${process.version}, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`,
    );
    const write = (phase: string, count: number, perSecond = fanout.writesPerSecond) =>
      writeSteadily({
        urls,
        token: auth.memberToken,
        projectId,
        tag: `${tag}${phase}`,
        perSecond,
        count,
      });
    const open = (group: string, streams: number, writes: number) =>
      subscribers.open(group, {
        urls,
        streams,
        projectId,
        token: auth.memberToken,
        tag: `${tag}${group}`,
        writes,
        timeoutMs: OPEN_TIMEOUT_MS,
      });

    // Warm-up: a few streams on each process, a couple of seconds of writes, all delivered.
    const warmRate = Math.max(fanout.writesPerSecond, WARMUP.minWritesPerSecond);
    const warmWrites = Math.round(warmRate * WARMUP.seconds);
    const warmStreams = WARMUP.streamsPerInstance * INSTANCES;
    await open('warmup', warmStreams, warmWrites);
    const warm = await write('warmup', warmWrites, warmRate);
    await awaitDelivery(subscribers, 'warmup', okCount(warm) * warmStreams);
    await subscribers.close('warmup');

    // The writes alone, no stream open: what each costs the API processes.
    await sleep(250);
    const writesOnlyBefore = await apiCpu(instances);
    const alone = await write('alone', Math.round(fanout.writesPerSecond * WRITES_ONLY_SECONDS));
    const writesOnly = { ok: okCount(alone), apiCpu: (await apiCpu(instances)) - writesOnlyBefore };
    console.log(`  warmed up; writes alone measured; at ${seconds(runStartedAt)} s`);

    // Memory before and with the streams, each after a full GC in every API process.
    const gcUsage = () => Promise.all(instances.map((p) => p.usage({ collectGarbage: true })));
    const memoryBefore = await gcUsage();
    const opened = await open('run', fanout.streams, writeCount);
    const memoryWithStreams = await gcUsage();
    console.log(
      `  ${fanout.streams} streams open in ${(opened.ms / 1000).toFixed(1)} s; ` +
        `writing ${writeCount} tasks at ${fanout.writesPerSecond}/s…`,
    );

    // The measured window: from the first write to the last event's delivery.
    if (options.profile) {
      mkdirSync(options.profile, { recursive: true });
      await Promise.all(instances.map((p) => p.profile()));
    }
    const [apiBefore, subscribersBefore] = await Promise.all([
      apiCpu(instances),
      subscribers.usage(),
    ]);
    const postgresBefore = postgresCpu?.();
    const windowStart = performance.now();
    const writes = await write('run', writeCount);
    await awaitDelivery(subscribers, 'run', okCount(writes) * fanout.streams);
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const postgresAfter = postgresCpu?.();
    const [apiAfter, subscribersAfter] = await Promise.all([
      apiCpu(instances),
      subscribers.usage(),
    ]);
    const profileDir = options.profile;
    if (profileDir) {
      await Promise.all(
        instances.map((p, i) => p.profile(join(profileDir, `fanout-api-${i + 1}.cpuprofile`))),
      );
      console.log(`  CPU profiles of the window: ${profileDir}/fanout-api-<n>.cpuprofile`);
    }

    const figures = fanoutFigures({
      instances: urls,
      writesPerSecond: fanout.writesPerSecond,
      seconds: fanout.seconds,
      writes,
      streams: await subscribers.collect('run'),
      windowSeconds,
      cpu: {
        api: apiAfter - apiBefore,
        subscribers: subscribersAfter.cpuMicros - subscribersBefore.cpuMicros,
        postgres:
          postgresBefore === undefined || postgresAfter === undefined
            ? undefined
            : postgresAfter - postgresBefore,
      },
      writesOnly,
      memory: { before: memoryBefore, withStreams: memoryWithStreams },
      openSeconds: opened.ms / 1000,
    });
    await subscribers.close('run');
    const loadAfter = loadavg();
    const notes = [
      `Run took ${seconds(runStartedAt)} s. Load average (1/5/15 min) before ` +
        `${loadBefore.map((l) => l.toFixed(1)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}.` +
        (options.profile
          ? ' CPU profiler on during the window: its CPU figures are inflated.'
          : ''),
    ];
    console.log(`\n${formatFanoutReport(figures)}\n\n${notes.join('\n')}\n`);
    writeFileSync(
      options.out,
      `${JSON.stringify(
        fanoutJson(figures, {
          options: {
            fanout: true,
            streams: fanout.streams,
            writesPerSecond: fanout.writesPerSecond,
            seconds: fanout.seconds,
            target: TARGET,
            instances: INSTANCES,
          },
          databases: { [TARGET]: 'postgres' },
          loadAverage: { before: loadBefore, after: loadAfter },
          notes,
        }),
        null,
        2,
      )}\n`,
    );
    console.log(`Wrote ${options.out}`);
    return figures.failed ? 1 : 0;
  } finally {
    subscribers.stop();
    await Promise.allSettled(instances.map((p) => p.stop()));
  }
}
