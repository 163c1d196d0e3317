/**
 * `npm run bench`: issue 6's benchmark. Starts the targets in this process on free
 * 127.0.0.1 ports, drives them with autocannon (10 connections), interleaves rounds,
 * prints medians and ratios from this one run, and writes them as JSON.
 */
import { writeFileSync } from 'node:fs';
import { createBenchAuth } from './fixture.ts';
import { startLoadGenerator } from './load-generator.ts';
import { parseBenchOptions } from './options.ts';
import { RATIOS } from './ratios.ts';
import { computeRatios, formatReport, reportJson, summarize } from './report.ts';
import { runAll } from './runner.ts';
import { SCENARIOS } from './scenarios.ts';
import { startTargets, type TargetName } from './targets.ts';

const options = parseBenchOptions(process.argv.slice(2));

const unknown = options.only.filter((id) => !SCENARIOS.some((s) => s.id === id));
if (unknown.length) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}`);
  console.error(`Known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  process.exit(2);
}

const chosen = SCENARIOS.filter((s) => !options.only.length || options.only.includes(s.id));
const skipped = chosen.flatMap((s) => {
  const reason = s.unavailable?.();
  return reason ? [{ id: s.id, reason }] : [];
});
const scenarios = chosen.filter((s) => !skipped.some((k) => k.id === s.id));

// Tokens must outlive the run (Clerk's are 60 s); one hour covers any sensible flags.
const plannedSeconds = scenarios.length * (options.warmup + options.rounds * options.duration);
const auth = createBenchAuth(Math.ceil(plannedSeconds) + 3600);
const targets = await startTargets(auth, new Set<TargetName>(scenarios.map((s) => s.target)));
const load = startLoadGenerator();

console.log(
  `${scenarios.length} scenarios × ${options.rounds} rounds × ${options.duration} s ` +
    `(+${options.warmup} s warm-up), ${options.connections} connections, ` +
    `Node ${process.version}, ~${Math.ceil(plannedSeconds)} s`,
);
for (const { id, reason } of skipped) console.log(`skipped ${id}: ${reason}`);

try {
  const samples = await runAll(
    { load, urlOf: targets.urlOf, context: { memberToken: auth.memberToken }, options },
    scenarios,
    (scenario, round, sample) =>
      console.log(
        `  round ${round + 1} ${scenario.id.padEnd(16)} ${Math.round(sample.requestsPerSecond)} req/s` +
          (sample.non2xx || sample.errors
            ? ` (${sample.non2xx} non-2xx, ${sample.errors} errors)`
            : ''),
      ),
  );
  const summaries = scenarios.map((s) => summarize(s, samples.get(s.id) ?? []));
  const ratios = computeRatios(RATIOS, summaries);
  console.log(`\n${formatReport(summaries, ratios)}\n`);
  writeFileSync(
    options.out,
    `${JSON.stringify(reportJson(options, summaries, ratios, skipped), null, 2)}\n`,
  );
  console.log(`Wrote ${options.out}`);
} finally {
  load.stop();
  await targets.closeAll();
}
