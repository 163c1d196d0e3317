import { cpus } from 'node:os';
import type { BenchOptions } from './options.ts';
import type { RatioSpec } from './ratios.ts';
import type { Sample } from './runner.ts';
import type { Scenario } from './scenarios.ts';

export interface ScenarioSummary {
  id: string;
  title: string;
  /** Medians over rounds, except non2xx/errors (summed) and RSS (after the last round). */
  requestsPerSecond: number;
  queriesPerSecond: number;
  minRequestsPerSecond: number;
  maxRequestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  cpuUsPerRequest: number;
  cpuUsPerQuery: number;
  rssMb: number;
  rounds: Sample[];
}

export interface RatioResult {
  label: string;
  numerator: string;
  denominator: string;
  metric: RatioSpec['metric'];
  /** From the medians' req/s (or queries/s). */
  value: number;
  /** The same ratio from CPU time per request (or query): steadier on a busy machine. */
  cpuValue: number;
  atLeast?: number;
  met?: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function summarize(scenario: Scenario, rounds: Sample[]): ScenarioSummary {
  const rps = rounds.map((s) => s.requestsPerSecond);
  const requestsPerSecond = median(rps);
  const cpuUsPerRequest = median(rounds.map((s) => s.cpuUsPerRequest));
  return {
    id: scenario.id,
    title: scenario.title,
    requestsPerSecond,
    queriesPerSecond: requestsPerSecond * scenario.queriesPerRequest,
    minRequestsPerSecond: Math.min(...rps),
    maxRequestsPerSecond: Math.max(...rps),
    p50Ms: median(rounds.map((s) => s.p50Ms)),
    p99Ms: median(rounds.map((s) => s.p99Ms)),
    non2xx: sum(rounds.map((s) => s.non2xx)),
    errors: sum(rounds.map((s) => s.errors)),
    cpuUsPerRequest,
    cpuUsPerQuery: cpuUsPerRequest / scenario.queriesPerRequest,
    rssMb: rounds.at(-1)?.rssMb ?? 0,
    rounds,
  };
}

/** Ratios whose scenarios both ran. */
export function computeRatios(specs: RatioSpec[], summaries: ScenarioSummary[]): RatioResult[] {
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const results: RatioResult[] = [];
  for (const spec of specs) {
    const top = byId.get(spec.numerator);
    const bottom = byId.get(spec.denominator);
    if (!top || !bottom) continue;
    const pick = (s: ScenarioSummary) =>
      spec.metric === 'queries' ? s.queriesPerSecond : s.requestsPerSecond;
    const value = pick(top) / pick(bottom);
    const cost = (s: ScenarioSummary) =>
      spec.metric === 'queries' ? s.cpuUsPerQuery : s.cpuUsPerRequest;
    results.push({
      ...spec,
      value,
      cpuValue: cost(bottom) / cost(top),
      ...(spec.atLeast === undefined ? {} : { met: value >= spec.atLeast }),
    });
  }
  return results;
}

function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** A Markdown table, so it pastes into issues and the README as is. */
export function formatReport(summaries: ScenarioSummary[], ratios: RatioResult[]): string {
  const scenarioTable = table(
    [
      'scenario',
      'req/s',
      'min–max',
      'queries/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
      'CPU µs/req',
      'RSS MB',
    ],
    summaries.map((s) => [
      `${s.id}: ${s.title}`,
      int(s.requestsPerSecond),
      `${int(s.minRequestsPerSecond)}–${int(s.maxRequestsPerSecond)}`,
      int(s.queriesPerSecond),
      String(s.p50Ms),
      String(s.p99Ms),
      String(s.non2xx),
      String(s.errors),
      int(s.cpuUsPerRequest),
      int(s.rssMb),
    ]),
    [false, true, true, true, true, true, true, true, true, true],
  );
  const ratioTable = table(
    ['ratio', 'req/s', 'CPU', 'target (req/s)'],
    ratios.map((r) => [
      r.label,
      r.value.toFixed(2),
      r.cpuValue.toFixed(2),
      r.atLeast === undefined ? '' : `≥ ${r.atLeast} ${r.met ? 'met' : 'MISSED'}`,
    ]),
    [false, true, true, false],
  );
  const note =
    "req/s: medians of the rounds. CPU: the same ratio from the serving process's CPU time " +
    'per request (or query), which other load on the machine disturbs much less.';
  return `${scenarioTable}\n\n${ratioTable}\n\n${note}`;
}

export function reportJson(
  options: BenchOptions,
  summaries: ScenarioSummary[],
  ratios: RatioResult[],
  skipped: { id: string; reason: string }[],
) {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    options: {
      quick: options.quick,
      rounds: options.rounds,
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
      connections: options.connections,
      aggregation: 'median of rounds; non2xx and errors summed; RSS after the last round',
    },
    scenarios: summaries,
    ratios,
    skipped,
  };
}
