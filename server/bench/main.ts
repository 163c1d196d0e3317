/**
 * `npm run bench` (docs/performance.md): starts each target in a process of its own
 * (targets.ts, target-process.ts), on free 127.0.0.1 ports, drives them with autocannon
 * (10 connections) from another, interleaves rounds, prints medians and ratios from this
 * one run, and writes them as JSON. This process serves nothing.
 * `--bundle` reports the client's production bundle instead (bundle-report.ts);
 * `--fanout` runs the live board's fan-out scenario instead (fanout/run-fanout.ts).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBenchPostgres, pgliteDump } from './bench-data.ts';
import { bundleReport, CLIENT_DIST, formatBundleReport } from './bundle-report.ts';
import { runFanout } from './fanout/run-fanout.ts';
import { createBenchAuth } from './fixture.ts';
import { startLoadGenerator } from './load-generator.ts';
import { parseBenchOptions } from './options.ts';
import { RATIOS } from './ratios.ts';
import { computeRatios, formatReport, reportJson, summarize } from './report.ts';
import { runAll } from './runner.ts';
import { SCENARIOS, unavailable } from './scenarios.ts';
import { startTargetProcess, type TargetProcess } from './target-process.ts';
import { databaseOf, type TargetName } from './targets.ts';

const options = parseBenchOptions(process.argv.slice(2));

if (options.bundle) {
  console.log(formatBundleReport(bundleReport()));
  process.exit(0);
}

// The fan-out scenario runs alone, on processes of its own (fanout/run-fanout.ts).
if (options.fanout) process.exit(await runFanout(options, options.fanout));

const unknown = options.only.filter((id) => !SCENARIOS.some((s) => s.id === id));
if (unknown.length) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}`);
  console.error(`Known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  process.exit(2);
}

const chosen = SCENARIOS.filter((s) => !options.only.length || options.only.includes(s.id));
const skipped = chosen.flatMap((s) => {
  const reason = unavailable(s);
  return reason ? [{ id: s.id, reason }] : [];
});
const scenarios = chosen.filter((s) => !skipped.some((k) => k.id === s.id));

// Tokens must outlive the run (Clerk's are 60 s); one hour covers any sensible flags.
const plannedSeconds = scenarios.length * (options.warmup + options.rounds * options.duration);
const tokenTtlSeconds = Math.ceil(plannedSeconds) + 3600;
const auth = createBenchAuth(tokenTtlSeconds);
const targetNames = [...new Set<TargetName>(scenarios.map((s) => s.target))];

// The databases are migrated and seeded here, once, while the processes load: PostgreSQL
// before the processes that use it open it at the same time, and a PGlite whose dump each
// process that uses one loads.
const startedAt = performance.now();
const uses = (kind: 'pglite' | 'postgres') => targetNames.some((n) => databaseOf(n) === kind);
const dump = uses('pglite') ? join(tmpdir(), `tasklane-bench-${process.pid}.tar`) : undefined;
const seeded = {
  pglite: dump ? pgliteDump(dump).then(() => ({ pgliteDump: dump })) : Promise.resolve({}),
  postgres: uses('postgres')
    ? openBenchPostgres(process.env.DATABASE_URL!).then(({ database }) => database.close())
    : Promise.resolve(),
};
const started = await Promise.allSettled(
  targetNames.map((name) =>
    startTargetProcess(
      auth,
      tokenTtlSeconds,
      name,
      databaseOf(name) === 'pglite' ? seeded.pglite : seeded.postgres.then(() => ({})),
    ),
  ),
);
if (dump) rmSync(dump, { force: true });
const processes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
const failed = started.find((s) => s.status === 'rejected');
if (failed) {
  await Promise.allSettled(processes.map((p) => p.stop()));
  throw failed.reason;
}
const processOf = (target: TargetName): TargetProcess => processes.find((p) => p.name === target)!;
const load = startLoadGenerator();

const loadBefore = loadavg();
console.log(
  `${scenarios.length} scenarios × ${options.rounds} rounds × ${options.duration} s ` +
    `(+${options.warmup} s warm-up), ${options.connections} connections, ` +
    `Node ${process.version}, ~${Math.ceil(plannedSeconds)} s, ` +
    `load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`,
);
console.log(
  `${processes.length} processes started in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ` +
    processes.map((p) => `${p.name} (pid ${p.pid}, ${databaseOf(p.name)})`).join(', '),
);
for (const { id, reason } of skipped) console.log(`skipped ${id}: ${reason}`);

const runsStartedAt = performance.now();
try {
  const samples = await runAll(
    {
      load,
      urlOf: (target) => processOf(target).url,
      usage: (target) => processOf(target).usage(),
      contextOf: (target) => ({
        memberToken: auth.memberToken,
        board: processOf(target).board,
      }),
      options,
    },
    scenarios,
    (scenario, round, sample) =>
      console.log(
        `  round ${round + 1} ${scenario.id.padEnd(30)} ${String(Math.round(sample.cpuUsPerRequest)).padStart(6)} µs/req ` +
          `${String(Math.round(sample.requestsPerSecond)).padStart(6)} req/s` +
          (sample.non2xx || sample.errors
            ? ` (${sample.non2xx} non-2xx, ${sample.errors} errors)`
            : ''),
      ),
    // With --profile, each process profiles the measured rounds, not its start or warm-up.
    async () => {
      if (!options.profile) return;
      mkdirSync(options.profile, { recursive: true });
      await Promise.all(processes.map((p) => p.profile()));
    },
  );
  const profileDir = options.profile;
  if (profileDir) {
    await Promise.all(processes.map((p) => p.profile(join(profileDir, `${p.name}.cpuprofile`))));
    console.log(`CPU profiles of the rounds: ${profileDir}/<target>.cpuprofile`);
  }
  const summaries = scenarios.map((s) => summarize(s, samples.get(s.id) ?? []));
  const ratios = computeRatios(RATIOS, summaries);
  const loadAfter = loadavg();
  const notes = [
    `Runs took ${((performance.now() - runsStartedAt) / 1000).toFixed(0)} s. Load average (1/5/15 min) before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, ` +
      `after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}, on ${cpus().length} CPUs.`,
  ];
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
        databases: Object.fromEntries(targetNames.map((name) => [name, databaseOf(name)])),
        loadAverage: { before: loadBefore, after: loadAfter },
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
  await Promise.all(processes.map((p) => p.stop()));
}
