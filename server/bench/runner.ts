import type { LoadGenerator } from './load-generator.ts';
import type { BenchOptions } from './options.ts';
import type { ProcessUsage } from './process-usage.ts';
import type { Scenario, ScenarioContext } from './scenarios.ts';
import type { TargetName } from './targets.ts';

/** One measured run of one scenario. */
export interface Sample {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /**
   * CPU time per request of the process serving the target (servers, their threads, GC).
   * Other load on a shared machine moves req/s a lot and this much less.
   */
  cpuUsPerRequest: number;
  rssMb: number;
}

export interface Runner {
  load: LoadGenerator;
  urlOf(target: TargetName): string;
  /** CPU time so far and RSS of the process that serves `target`. */
  usage(target: TargetName): Promise<ProcessUsage>;
  contextOf(target: TargetName): ScenarioContext;
  options: BenchOptions;
}

/** One autocannon run against the scenario's target. */
async function drive(runner: Runner, scenario: Scenario, seconds: number): Promise<Sample> {
  const before = await runner.usage(scenario.target);
  const result = await runner.load.run({
    url: runner.urlOf(scenario.target),
    connections: runner.options.connections,
    duration: seconds,
    // autocannon stops only when it takes a sample: with its default of one a second, a
    // 0.75 s round ran for 1 s and a 0.25 s warm-up for 1 s too.
    sampleInt: 250,
    requests: scenario.requests(runner.contextOf(scenario.target)),
  });
  const after = await runner.usage(scenario.target);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuUsPerRequest: (after.cpuMicros - before.cpuMicros) / Math.max(1, result.requests.total),
    rssMb: after.rssMb,
  };
}

/**
 * Warm every scenario once (JIT, caches, connection pools), then run `rounds` rounds in
 * which every scenario runs once, the order rotated each round so that no scenario
 * always follows the same neighbour or always runs while the machine is cooler.
 */
export async function runAll(
  runner: Runner,
  scenarios: Scenario[],
  onSample: (scenario: Scenario, round: number, sample: Sample) => void,
  onWarm?: () => Promise<void>,
): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(scenarios.map((s) => [s.id, []]));
  for (const scenario of scenarios) await drive(runner, scenario, runner.options.warmup);
  await onWarm?.();
  for (let round = 0; round < runner.options.rounds; round++) {
    const offset = round % scenarios.length;
    const order = [...scenarios.slice(offset), ...scenarios.slice(0, offset)];
    for (const scenario of order) {
      const sample = await drive(runner, scenario, runner.options.duration);
      samples.get(scenario.id)?.push(sample);
      onSample(scenario, round, sample);
    }
  }
  return samples;
}
