/**
 * `npm run soak [-- --seconds N]`: runs `main.ts` in its own process (local mode, PGlite in
 * a temporary data dir) under mixed reads and writes from four signed-in demo users for N
 * seconds (default 60), sampling the server's RSS every second. Prints requests, status
 * counts, errors and RSS at start/middle/end, and exits 1 on any non-2xx answer, any network error,
 * or an RSS that keeps growing: the median of the last third of the run more than 10 %
 * (and 24 MB) above the median of the middle third.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../src/test/spawned-server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'loops-per-user': { type: 'string', default: '4' },
  },
});
const SECONDS = Number(values.seconds);
const LOOPS_PER_USER = Number(values['loops-per-user']);
if (!(SECONDS > 0) || !(LOOPS_PER_USER > 0)) {
  console.error('usage: npm run soak -- [--seconds 60] [--loops-per-user 4]');
  process.exit(2);
}
const ORIGIN = 'http://tasklane.test';
const GROWTH_RATIO = 1.1;
const GROWTH_FLOOR_MB = 24;

const dataDir = await mkdtemp(join(tmpdir(), 'tasklane-soak-'));
// The soak measures the app's steady state, not the rate limiter: four users this busy
// would spend their limit in seconds and see nothing but 429s.
const server = await startServer(dataDir, { RATE_LIMIT_REQUESTS: '0' });
const base = server.baseUrl;

/** The server's resident set in MB, from /proc (Linux). */
function rssMb(): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN) / 1024;
}

const stats = {
  requests: 0,
  byStatus: new Map<number, number>(),
  errors: 0,
  errorMessages: new Set<string>(),
  latencies: [] as number[],
};

/** A signed-in demo user: a session cookie and a token refreshed before its 60 s expiry. */
async function session(userId: string) {
  const res = await fetch(`${base}/auth/local/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ userId }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { token: string; orgId: string | null };
  const user = { userId, orgId: body.orgId, token: body.token };
  const timer = setInterval(async () => {
    const r = await fetch(`${base}/auth/local/token`, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => undefined);
    if (r?.ok) user.token = ((await r.json()) as { token: string }).token;
  }, 30_000);
  return { user, stop: () => clearInterval(timer) };
}

type User = Awaited<ReturnType<typeof session>>['user'];

async function call(user: User, path: string, input?: unknown, mutation = false) {
  const headers: Record<string, string> = { authorization: `Bearer ${user.token}`, origin: ORIGIN };
  const started = performance.now();
  stats.requests++;
  try {
    const res = mutation
      ? await fetch(`${base}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        })
      : await fetch(
          `${base}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        );
    // biome-ignore lint/suspicious/noExplicitAny: tRPC's JSON envelope.
    const body = (await res.json()) as any;
    stats.latencies.push(performance.now() - started);
    stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
    if (res.status >= 500) console.error(`${res.status} ${path}: ${JSON.stringify(body)}`);
    return res.ok ? body.result.data : undefined;
  } catch (error) {
    stats.errors++;
    stats.errorMessages.add(String((error as Error & { cause?: Error }).cause ?? error));
    return undefined;
  }
}

/** One user's loop: mostly reads, a third writes (create, update, move, comment, delete). */
async function workload(user: User, deadline: number) {
  if (!user.orgId) {
    while (Date.now() < deadline) {
      await call(user, 'me.session');
      await call(user, 'me.whoami');
    }
    return;
  }
  const project = await call(user, 'projects.create', { name: `Soak ${user.userId}` }, true);
  const mine: { id: string; version: number }[] = [];
  for (let n = 0; Date.now() < deadline; n++) {
    const pick = Math.random();
    if (pick < 0.15) await call(user, 'projects.list');
    else if (pick < 0.35) await call(user, 'tasks.list', { projectId: project?.id, limit: 50 });
    else if (pick < 0.45) await call(user, 'me.openTasks');
    else if (pick < 0.55) await call(user, 'org.members');
    else if (pick < 0.65 && mine.length) {
      await call(user, 'comments.list', { taskId: mine[n % mine.length]!.id });
    } else if (pick < 0.78 || mine.length < 5) {
      const task = await call(
        user,
        'tasks.create',
        { projectId: project?.id, title: `Task ${n}`, assigneeId: user.userId },
        true,
      );
      if (task) mine.push({ id: task.id, version: task.version });
    } else if (pick < 0.86) {
      const task = mine[n % mine.length]!;
      const updated = await call(
        user,
        'tasks.update',
        { taskId: task.id, version: task.version, patch: { description: `edit ${n}` } },
        true,
      );
      if (updated) task.version = updated.version;
    } else if (pick < 0.92) {
      const task = mine[n % mine.length]!;
      const moved = await call(
        user,
        'tasks.move',
        { taskId: task.id, version: task.version, status: 'doing', position: n },
        true,
      );
      if (moved) task.version = moved.version;
    } else if (pick < 0.97) {
      await call(user, 'comments.add', { taskId: mine[n % mine.length]!.id, body: `c${n}` }, true);
    } else {
      // Keep the board from growing without bound: delete the oldest own task.
      const task = mine.shift();
      if (task) await call(user, 'tasks.delete', { taskId: task.id }, true);
    }
  }
}

const sessions = await Promise.all(
  ['user_demo_ada', 'user_demo_max', 'user_demo_gina', 'user_demo_nora'].map(session),
);
const rss: number[] = [];
const startRss = rssMb();
const sampler = setInterval(() => rss.push(rssMb()), 1000);
const deadline = Date.now() + SECONDS * 1000;
console.log(
  `soak: ${SECONDS} s, ${sessions.length} users × ${LOOPS_PER_USER} loops against ${base} (pid ${server.child.pid}), RSS at start ${startRss.toFixed(1)} MB`,
);
await Promise.all(
  sessions.flatMap(({ user }) =>
    Array.from({ length: LOOPS_PER_USER }, () => workload(user, deadline)),
  ),
);
clearInterval(sampler);
for (const s of sessions) s.stop();

server.child.kill('SIGTERM');
const { code } = await server.exited;
await rm(dataDir, { recursive: true, force: true });

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const third = Math.floor(rss.length / 3);
const middle = median(rss.slice(third, 2 * third));
const last = median(rss.slice(2 * third));
const growing = last > middle * GROWTH_RATIO && last - middle > GROWTH_FLOOR_MB;
const latencies = stats.latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.floor((latencies.length - 1) * p)]?.toFixed(1);
const fiveXx = [...stats.byStatus].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
const non2xx = [...stats.byStatus].filter(([s]) => s >= 300).reduce((n, [, c]) => n + c, 0);

console.log(`requests sent:   ${stats.requests} (${(stats.requests / SECONDS).toFixed(0)}/s)`);
console.log(
  `statuses:        ${[...stats.byStatus]
    .sort(([a], [b]) => a - b)
    .map(([s, c]) => `${s}×${c}`)
    .join(' ')}`,
);
console.log(`non-2xx:         ${non2xx} (5xx: ${fiveXx})`);
console.log(
  `network errors:  ${stats.errors}${stats.errors ? ` (${[...stats.errorMessages].join('; ')})` : ''}`,
);
console.log(`latency ms:      p50 ${pct(0.5)}, p99 ${pct(0.99)}, max ${pct(1)}`);
console.log(
  `RSS MB:          start ${startRss.toFixed(1)}, middle ${rss[Math.floor(rss.length / 2)]?.toFixed(1)}, end ${rss.at(-1)?.toFixed(1)}, max ${Math.max(...rss).toFixed(1)}`,
);
console.log(
  `RSS levels off:  median of middle third ${middle.toFixed(1)} MB, of last third ${last.toFixed(1)} MB → ${growing ? 'STILL GROWING' : 'yes'}`,
);
console.log(`server exit:     ${code} after SIGTERM`);
// Every call of this workload is valid (each user edits only its own tasks, at the version
// it last saw): any refusal, not only a 5xx, is a failure.
const failed = non2xx > 0 || stats.errors > 0 || growing || code !== 0 || rss.length < 3;
console.log(failed ? 'SOAK FAILED' : 'soak passed');
process.exit(failed ? 1 : 0);
