import { cpus } from 'node:os';
import type { BenchOptions } from './options.ts';
import type { RatioSpec } from './ratios.ts';
import type { Sample } from './runner.ts';
import type { Scenario } from './scenarios.ts';

export interface ScenarioSummary {
  id: string;
  title: string;
  /** The target that served it, alone in its process (targets.ts). */
  target: string;
  /** Medians over rounds, except non2xx/errors (summed) and RSS (after the last round). */
  requestsPerSecond: number;
  minRequestsPerSecond: number;
  maxRequestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  cpuUsPerRequest: number;
  rssMb: number;
  rounds: Sample[];
}

export interface RatioResult extends RatioSpec {
  /** From the medians' req/s: numerator ÷ denominator. */
  value: number;
  /** From the medians' CPU time per request: denominator ÷ numerator. Held to `atLeast`. */
  cpuValue: number;
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
  return {
    id: scenario.id,
    title: scenario.title,
    target: scenario.target,
    requestsPerSecond: median(rps),
    minRequestsPerSecond: Math.min(...rps),
    maxRequestsPerSecond: Math.max(...rps),
    p50Ms: median(rounds.map((s) => s.p50Ms)),
    p99Ms: median(rounds.map((s) => s.p99Ms)),
    non2xx: sum(rounds.map((s) => s.non2xx)),
    errors: sum(rounds.map((s) => s.errors)),
    cpuUsPerRequest: median(rounds.map((s) => s.cpuUsPerRequest)),
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
    const cpuValue = bottom.cpuUsPerRequest / top.cpuUsPerRequest;
    results.push({
      ...spec,
      value: top.requestsPerSecond / bottom.requestsPerSecond,
      cpuValue,
      ...(spec.atLeast === undefined ? {} : { met: cpuValue >= spec.atLeast }),
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

const BAR = { target: 'target', 'speed-up': 'keeps its place', info: '' } as const;
const RATIO_TITLES = {
  target: 'Targets',
  'speed-up': 'Speed-ups: app / app with it off',
  info: 'Other',
} as const;

/** Markdown tables, so they paste into issues and docs as they are. */
export function formatReport(summaries: ScenarioSummary[], ratios: RatioResult[]): string {
  const scenarioTable = table(
    [
      'scenario',
      'target',
      'CPU µs/req',
      'req/s',
      'min–max',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
      'RSS MB',
    ],
    summaries.map((s) => [
      `${s.id}: ${s.title}`,
      s.target,
      int(s.cpuUsPerRequest),
      int(s.requestsPerSecond),
      `${int(s.minRequestsPerSecond)}–${int(s.maxRequestsPerSecond)}`,
      String(s.p50Ms),
      String(s.p99Ms),
      String(s.non2xx),
      String(s.errors),
      int(s.rssMb),
    ]),
    [false, false, true, true, true, true, true, true, true, true],
  );
  const ratioTables = (['target', 'speed-up', 'info'] as const).flatMap((kind) => {
    const rows = ratios.filter((r) => r.kind === kind);
    if (!rows.length) return [];
    const ratioTable = table(
      [RATIO_TITLES[kind], 'CPU', 'req/s', 'bar (CPU)'],
      rows.map((r) => [
        r.label,
        r.cpuValue.toFixed(2),
        r.value.toFixed(2),
        r.atLeast === undefined ? '' : `${BAR[kind]} ≥ ${r.atLeast}: ${r.met ? 'met' : 'MISSED'}`,
      ]),
      [false, true, true, false],
    );
    return [ratioTable];
  });
  const note =
    "Per scenario: medians of the rounds; CPU is the serving process's CPU time per request " +
    '(all its threads, GC included), which other load on the machine disturbs much less than ' +
    "req/s. Ratios: higher is better for the first-named stack; CPU = denominator's CPU per " +
    "request ÷ numerator's, req/s = numerator's ÷ denominator's. p99 is reported, not a target.";
  return [scenarioTable, ...ratioTables, note].join('\n\n');
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
