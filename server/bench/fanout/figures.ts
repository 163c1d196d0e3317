import type { ProcessUsage } from '../process-usage.ts';
import type { StreamRecord } from './stream-receipts.ts';
import { okCount, type Writes } from './writer.ts';

/** What the run measured, as taken (run-fanout.ts). */
export interface FanoutMeasurements {
  instances: string[];
  writesPerSecond: number;
  seconds: number;
  writes: Writes;
  streams: StreamRecord[];
  /** Seconds from the first write to the last delivery (or the delivery deadline). */
  windowSeconds: number;
  /** CPU time over that window, µs: the API processes' (summed), the subscribers', PostgreSQL's. */
  cpu: { api: number; subscribers: number; postgres: number | undefined };
  /** The same writes' cost with no stream open, measured before (the API processes, µs). */
  writesOnly: { ok: number; apiCpu: number };
  /** The API processes' memory summed, after a full GC: before the streams opened, and with them. */
  memory: { before: ProcessUsage[]; withStreams: ProcessUsage[] };
  openSeconds: number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile of sorted values (NaN when there are none). */
function percentile(sorted: Float64Array, q: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function distribution(values: Float64Array) {
  const sorted = values.slice().sort();
  return {
    p50: round(percentile(sorted, 0.5), 2),
    p99: round(percentile(sorted, 0.99), 2),
    min: round(sorted[0] ?? Number.NaN, 2),
    max: round(sorted.at(-1) ?? Number.NaN, 2),
  };
}

const total = (usages: ProcessUsage[], key: 'rssMb' | 'heapUsedMb') =>
  usages.reduce((sum, u) => sum + u[key], 0);

/**
 * The figures the report prints and the JSON keeps. Every subscriber must receive every
 * answered write exactly once: `missing` and `duplicated` are counted per (stream, write).
 */
export function fanoutFigures(m: FanoutMeasurements) {
  const { writes, streams } = m;
  const ok = okCount(writes);
  const expected = ok * streams.length;
  const fromResponse = new Float64Array(expected);
  const fromStart = new Float64Array(expected);
  let delivered = 0;
  let unexpected = 0;
  for (const stream of streams) {
    for (let seq = 0; seq < writes.count; seq++) {
      const at = stream.at[seq]!;
      if (Number.isNaN(at)) continue;
      // An event for a write that was not answered 2xx: it committed all the same.
      if (!writes.ok[seq]) {
        unexpected++;
        continue;
      }
      fromResponse[delivered] = at - writes.respondedAt[seq]!;
      fromStart[delivered] = at - writes.startedAt[seq]!;
      delivered++;
    }
  }
  const responses = new Float64Array(writes.count);
  for (let seq = 0; seq < writes.count; seq++) {
    responses[seq] = writes.respondedAt[seq]! - writes.startedAt[seq]!;
  }
  const duplicated = streams.reduce((n, s) => n + s.duplicates, 0);
  const streamErrors = streams.filter((s) => s.error).length;
  const perInstance = m.instances.map((url) => streams.filter((s) => s.url === url).length);
  const perStreamKb = (key: 'rssMb' | 'heapUsedMb') =>
    round(
      ((total(m.memory.withStreams, key) - total(m.memory.before, key)) * 1024) / streams.length,
    );
  const perDelivered = (micros: number) => round(micros / Math.max(1, delivered));
  const writeCost = m.writesOnly.apiCpu / Math.max(1, m.writesOnly.ok);
  const failures = {
    missing: expected - delivered,
    duplicated,
    failedWrites: writes.count - ok,
    streamErrors,
  };
  return {
    instances: m.instances.length,
    streams: streams.length,
    streamsPerInstance: perInstance,
    writesPerSecond: m.writesPerSecond,
    seconds: m.seconds,
    openSeconds: round(m.openSeconds, 2),
    writes: {
      sent: writes.count,
      ok,
      failed: writes.count - ok,
      responseMs: distribution(responses),
      failures: writes.failures,
    },
    delivery: {
      expected,
      delivered,
      missing: failures.missing,
      duplicated,
      /** Events for writes not answered 2xx, and events that were no write of the run. */
      unexpected: unexpected + streams.reduce((n, s) => n + s.foreign, 0),
      reconnects: streams.reduce((n, s) => n + s.reconnects, 0),
      streamErrors,
      streamErrorSamples: [...new Set(streams.flatMap((s) => (s.error ? [s.error] : [])))].slice(
        0,
        3,
      ),
    },
    /**
     * The commit is not observable from outside: it happens after the request was sent and
     * before its answer arrives. So each delivery is given from both: received − answer
     * arrived (a lower bound of commit → received; negative when the event beats the answer)
     * and received − request sent (an upper bound).
     */
    latencyMs: {
      fromResponse: distribution(fromResponse.subarray(0, delivered)),
      fromRequestStart: distribution(fromStart.subarray(0, delivered)),
    },
    cpu: {
      windowSeconds: round(m.windowSeconds, 2),
      /** The three API processes' CPU over the window ÷ events delivered (writes included). */
      apiUsPerDeliveredEvent: perDelivered(m.cpu.api),
      /**
       * The API processes' CPU at the same write rate with no stream open, per write (measured
       * before the streams opened): the writes and the processes' idle work (timers, GC, pool).
       */
      apiUsPerWriteWithoutStreams: round(writeCost),
      /** The window's API CPU less the writes' own cost, ÷ events delivered: the fan-out's. */
      apiUsPerDeliveredEventLessWrites: perDelivered(m.cpu.api - writeCost * ok),
      subscriberUsPerDeliveredEvent: perDelivered(m.cpu.subscribers),
      postgresUsPerDeliveredEvent:
        m.cpu.postgres === undefined ? null : perDelivered(m.cpu.postgres),
      apiCoresBusy: round(m.cpu.api / 1e6 / m.windowSeconds, 2),
    },
    memory: {
      rssMbBefore: round(total(m.memory.before, 'rssMb')),
      rssMbWithStreams: round(total(m.memory.withStreams, 'rssMb')),
      heapUsedMbBefore: round(total(m.memory.before, 'heapUsedMb')),
      heapUsedMbWithStreams: round(total(m.memory.withStreams, 'heapUsedMb')),
      rssKbPerStream: perStreamKb('rssMb'),
      heapUsedKbPerStream: perStreamKb('heapUsedMb'),
    },
    failed: Object.values(failures).some((n) => n > 0),
  };
}

export type FanoutFigures = ReturnType<typeof fanoutFigures>;
