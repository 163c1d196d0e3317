import { cpus } from 'node:os';
import type { FanoutFigures } from './figures.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The figures as the console shows them; a failure says so loudly, first and last. */
export function formatFanoutReport(f: FanoutFigures): string {
  const d = f.delivery;
  const bar = '!'.repeat(78);
  const failure = f.failed
    ? [
        bar,
        `!!! FAN-OUT FAILED: ${int(d.missing)} missing, ${int(d.duplicated)} duplicated, ` +
          `${f.writes.failed} writes failed, ${d.streamErrors} streams ended in error`,
        ...f.writes.failures.map((w) => `!!!   write ${w}`),
        ...d.streamErrorSamples.map((e) => `!!!   stream: ${e}`),
        bar,
      ]
    : [];
  const lines = [
    ...failure,
    `Fan-out: ${f.streams} board.events streams over ${f.instances} API processes ` +
      `(${f.streamsPerInstance.join(' / ')}), opened in ${f.openSeconds} s; ` +
      `${f.writesPerSecond} tasks.create/s round-robin for ${f.seconds} s`,
    `  writes: ${f.writes.sent} sent, ${f.writes.ok} answered 2xx; answer ` +
      `p50 ${ms(f.writes.responseMs.p50)}, p99 ${ms(f.writes.responseMs.p99)}`,
    `  events: ${int(d.expected)} expected (2xx writes × streams), ${int(d.delivered)} delivered, ` +
      `${int(d.missing)} missing, ${int(d.duplicated)} duplicated` +
      ` (${d.unexpected} unexpected, ${d.reconnects} reconnects)`,
    `  delivery latency, answer to the writer → event at a subscriber (lower bound of commit → received): ` +
      `p50 ${ms(f.latencyMs.fromResponse.p50)}, p99 ${ms(f.latencyMs.fromResponse.p99)}, ` +
      `max ${ms(f.latencyMs.fromResponse.max)}`,
    `  delivery latency, write sent → event at a subscriber (upper bound): ` +
      `p50 ${ms(f.latencyMs.fromRequestStart.p50)}, p99 ${ms(f.latencyMs.fromRequestStart.p99)}, ` +
      `max ${ms(f.latencyMs.fromRequestStart.max)}`,
    `  CPU per delivered event: ${f.cpu.apiUsPerDeliveredEvent} µs of the API processes ` +
      `(${f.cpu.windowSeconds} s window, ${f.cpu.apiCoresBusy} cores busy, writes included); ` +
      `${f.cpu.apiUsPerDeliveredEventLessWrites} µs less the writes ` +
      `(the same rate with no stream open: ${int(f.cpu.apiUsPerWriteWithoutStreams)} µs a write, the processes' idle work included)`,
    `    beside it: subscribers' process ${f.cpu.subscriberUsPerDeliveredEvent} µs` +
      (f.cpu.postgresUsPerDeliveredEvent === null
        ? ''
        : `, PostgreSQL ${f.cpu.postgresUsPerDeliveredEvent} µs`),
    `  memory per open stream: RSS ${f.memory.rssKbPerStream} kB, heap used ` +
      `${f.memory.heapUsedKbPerStream} kB (API processes after a full GC: RSS ` +
      `${int(f.memory.rssMbBefore)} → ${int(f.memory.rssMbWithStreams)} MB, heap ` +
      `${int(f.memory.heapUsedMbBefore)} → ${int(f.memory.heapUsedMbWithStreams)} MB)`,
    ...failure,
  ];
  return lines.join('\n');
}

/** The run's JSON: the same header as the other scenarios' (report.ts), then the figures. */
export function fanoutJson(figures: FanoutFigures, extra: Record<string, unknown>) {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    scenarios: [],
    ...extra,
    fanout: {
      ...figures,
      latencyDefinition:
        'fromResponse: event received by a subscriber − the write’s 2xx answer received by the ' +
        'writer (the commit precedes the answer: a lower bound of commit → received, negative ' +
        'when the event beats the answer); fromRequestStart: received − write sent (an upper ' +
        'bound). Stamps on the system clock (performance.timeOrigin + now()) of two processes.',
    },
  };
}
