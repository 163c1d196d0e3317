/**
 * `npm run bench`: issue 6's benchmark. Starts the app's targets in this process and the
 * stock references in a child process (reference-process.ts), on free 127.0.0.1 ports,
 * drives them with autocannon (10 connections), interleaves rounds, prints medians and
 * ratios from this one run, and writes them as JSON.
 * `--bundle` reports the client's production bundle instead (bundle-report.ts).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { countTasks } from './bench-data.ts';
import { bundleReport, CLIENT_DIST, formatBundleReport } from './bundle-report.ts';
import { createBenchAuth } from './fixture.ts';
import { startLoadGenerator } from './load-generator.ts';
import { parseBenchOptions } from './options.ts';
import { ownUsage } from './process-usage.ts';
import { P99_TARGET_MS, RATIOS } from './ratios.ts';
import { REFERENCE_TARGETS, startReferenceProcess } from './reference-process.ts';
import { computeRatios, formatReport, reportJson, summarize } from './report.ts';
import { runAll } from './runner.ts';
import { SCENARIOS } from './scenarios.ts';
import { startTargets, type TargetName } from './targets.ts';

const options = parseBenchOptions(process.argv.slice(2));

if (options.bundle) {
  console.log(formatBundleReport(bundleReport()));
  process.exit(0);
}

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
const tokenTtlSeconds = Math.ceil(plannedSeconds) + 3600;
const auth = createBenchAuth(tokenTtlSeconds);
const targetNames = [...new Set<TargetName>(scenarios.map((s) => s.target))];
const referenceNames = targetNames.filter((name) => REFERENCE_TARGETS.has(name));
// The app in this process; the stock references in one of their own (reference-process.ts).
const [targets, references] = await Promise.all([
  startTargets(auth, new Set(targetNames.filter((name) => !REFERENCE_TARGETS.has(name)))),
  referenceNames.length ? startReferenceProcess(auth, tokenTtlSeconds, referenceNames) : undefined,
]);
const load = startLoadGenerator();
const isReference = (name: TargetName) => references !== undefined && REFERENCE_TARGETS.has(name);

const loadBefore = loadavg();
console.log(
  `${scenarios.length} scenarios × ${options.rounds} rounds × ${options.duration} s ` +
    `(+${options.warmup} s warm-up), ${options.connections} connections, ` +
    `Node ${process.version}, ~${Math.ceil(plannedSeconds)} s, ` +
    `load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`,
);
for (const { id, reason } of skipped) console.log(`skipped ${id}: ${reason}`);

const createsIn = targets.board.createProjectId;
const tasksBefore = await countTasks(targets.databases.pglite!.database.db, createsIn);

try {
  const samples = await runAll(
    {
      load,
      urlOf: (name) => (isReference(name) ? references!.urlOf(name) : targets.urlOf(name)),
      usage: (name) => (isReference(name) ? references!.usage() : ownUsage()),
      context: {
        memberToken: auth.memberToken,
        board: targets.board,
        postgresBoard: targets.postgresBoard,
      },
      options,
    },
    scenarios,
    (scenario, round, sample) =>
      console.log(
        `  round ${round + 1} ${scenario.id.padEnd(18)} ${Math.round(sample.requestsPerSecond)} req/s` +
          (sample.non2xx || sample.errors
            ? ` (${sample.non2xx} non-2xx, ${sample.errors} errors)`
            : ''),
      ),
  );
  const summaries = scenarios.map((s) => summarize(s, samples.get(s.id) ?? []));
  const ratios = computeRatios(RATIOS, summaries);
  const tasksAfter = await countTasks(targets.databases.pglite!.database.db, createsIn);
  const loadAfter = loadavg();
  const notes = [
    `Load average (1/5/15 min) before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, ` +
      `after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}, on ${cpus().length} CPUs.`,
  ];
  if (scenarios.some((s) => s.id === 'tasks.create')) {
    notes.push(
      `tasks.create grew its project from ${tasksBefore} to ${tasksAfter} tasks ` +
        '(fixed duration per round, so every round appends; tasks.list reads another project).',
    );
  }
  const slow = summaries.filter((s) => s.p99Ms >= P99_TARGET_MS);
  // Clerk's and tRPC's stock parts, measured for comparison: nothing here can change them.
  const isStockReference = (id: string) =>
    scenarios.some((s) => s.id === id && REFERENCE_TARGETS.has(s.target));
  // One event loop serves one request at a time: with every connection waiting, a request
  // queues behind the others, so connections × CPU per request is about the mean latency
  // (less where some of the CPU is another thread's: PGlite's).
  // At or above the target, no tail tuning can meet it; only less CPU per request can.
  const queued = (s: (typeof summaries)[number]) =>
    (options.connections * s.cpuUsPerRequest) / 1000;
  notes.push(
    `p99 < ${P99_TARGET_MS} ms at ${options.connections} connections: ` +
      (slow.length
        ? `MISSED by ${slow
            .map(
              (s) =>
                `${s.id} (${isStockReference(s.id) ? 'stock reference, ' : ''}${s.p99Ms} ms; ` +
                `${options.connections} × CPU/req = ${queued(s).toFixed(1)} ms)`,
            )
            .join(', ')}`
        : 'met in every scenario'),
  );
  if (slow.length) {
    notes.push(
      `  (${options.connections} × CPU/req: the queue one event loop builds with every connection waiting, ` +
        "about the mean latency; PGlite's scenarios count its thread's CPU too, so there it overstates " +
        'the queue; where it nears the target, only less CPU per request helps)',
    );
  }
  console.log(`\n${formatReport(summaries, ratios)}\n\n${notes.join('\n')}\n`);
  const bundle = existsSync(`${CLIENT_DIST}index.html`) ? bundleReport() : undefined;
  if (bundle) {
    console.log(
      `Client bundle (built ${bundle.builtAt}): initial JS ` +
        `${(bundle.totals.initialJs.gzipBytes / 1000).toFixed(1)} kB gzip, ` +
        `initial CSS ${(bundle.totals.initialCss.gzipBytes / 1000).toFixed(1)} kB gzip ` +
        '(details: npm run bench -- --bundle)',
    );
  }
  writeFileSync(
    options.out,
    `${JSON.stringify(
      {
        ...reportJson(options, summaries, ratios, skipped),
        loadAverage: { before: loadBefore, after: loadAfter },
        tableGrowth: { 'tasks.create': { before: tasksBefore, after: tasksAfter } },
        notes,
        ...(bundle ? { bundle } : {}),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Wrote ${options.out}`);
} finally {
  load.stop();
  await Promise.all([targets.closeAll(), references?.stop()]);
}
