import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  rounds: number;
  /** Seconds each scenario is measured per round. */
  duration: number;
  /** Seconds each scenario runs unmeasured before the first round. */
  warmup: number;
  connections: number;
  /** Scenario ids to run (all when empty). */
  only: string[];
  out: string;
  /** Write each target's CPU profile of the measured rounds here (`<target>.cpuprofile`). */
  profile: string | undefined;
  /**
   * Report the client's production bundle (client/dist, after `npm run build`) and stop.
   * A full run adds the same report to its JSON when client/dist exists.
   */
  bundle: boolean;
  /** Run the fan-out scenario (fanout/run-fanout.ts) instead of the others; PostgreSQL only. */
  fanout: FanoutOptions | undefined;
}

export interface FanoutOptions {
  /** `board.events` streams open, spread evenly over the three API processes. */
  streams: number;
  /** `tasks.create` calls per second, round-robin over the three processes. */
  writesPerSecond: number;
  /** How long the writes go on (the measured window, plus the time to deliver the last). */
  seconds: number;
}

/** Limits that keep a fan-out run under 90 s and within the throwaway PostgreSQL's 200 connections. */
const FANOUT_MAX = { streams: 1500, writesPerSecond: 200, seconds: 45 };

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const USAGE = `npm run bench -- [--quick] [--rounds N] [--duration S] [--warmup S]
                      [--connections N] [--only id,id] [--out bench-results.json]
                      [--profile dir]   (then: node --import tsx server/bench/profile-summary.ts dir/app.cpuprofile)
       npm run bench -- --bundle   (the client bundle report alone; \`npm run build\` first)
       npm run bench -- --fanout [--fanout-streams N] [--fanout-rate W] [--fanout-seconds S]
                      [--out file] [--profile dir]
                    (board.events fan-out alone: 3 API processes on DATABASE_URL's PostgreSQL,
                     N streams (default 210, at most ${FANOUT_MAX.streams}), W tasks.create/s
                     (default 20, at most ${FANOUT_MAX.writesPerSecond}) for S s (default 20, at most ${FANOUT_MAX.seconds}))`;

function atMost(name: string, value: number, max: number): number {
  if (value > max) throw new Error(`--${name} is at most ${max}\n${USAGE}`);
  return value;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!(parsed > 0)) throw new Error(`--${name} needs a positive number\n${USAGE}`);
  return parsed;
}

/**
 * Five short rounds rather than three long ones: on a shared machine, load from elsewhere
 * comes in bursts, and the median of more rounds shrugs off more of them.
 * `--quick` (3 rounds of 0.5 s) keeps a run with every scenario under a minute.
 */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      profile: { type: 'string' },
      bundle: { type: 'boolean', default: false },
      fanout: { type: 'boolean', default: false },
      'fanout-streams': { type: 'string' },
      'fanout-rate': { type: 'string' },
      'fanout-seconds': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const fanoutFlag = ['fanout-streams', 'fanout-rate', 'fanout-seconds'].find(
    (name) => values[name as keyof typeof values] !== undefined,
  );
  if (fanoutFlag && !values.fanout) throw new Error(`--${fanoutFlag} needs --fanout\n${USAGE}`);
  const quick = values.quick ?? false;
  return {
    quick,
    rounds: Math.round(positive('rounds', values.rounds, quick ? 3 : 5)),
    duration: positive('duration', values.duration, quick ? 0.5 : 4),
    warmup: positive('warmup', values.warmup, quick ? 0.25 : 2),
    connections: Math.round(positive('connections', values.connections, 10)),
    only: values.only ? values.only.split(',').map((id) => id.trim()) : [],
    // Relative to the repository root, where `npm run bench` runs and .gitignore covers it.
    out: fileURLToPath(new URL(values.out ?? 'bench-results.json', `file://${repoRoot}`)),
    profile: values.profile
      ? fileURLToPath(new URL(values.profile, `file://${repoRoot}`))
      : undefined,
    bundle: values.bundle ?? false,
    fanout: values.fanout
      ? {
          streams: atMost(
            'fanout-streams',
            Math.round(positive('fanout-streams', values['fanout-streams'], 210)),
            FANOUT_MAX.streams,
          ),
          writesPerSecond: atMost(
            'fanout-rate',
            positive('fanout-rate', values['fanout-rate'], 20),
            FANOUT_MAX.writesPerSecond,
          ),
          seconds: atMost(
            'fanout-seconds',
            positive('fanout-seconds', values['fanout-seconds'], 20),
            FANOUT_MAX.seconds,
          ),
        }
      : undefined,
  };
}
