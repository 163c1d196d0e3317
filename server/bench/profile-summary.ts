/**
 * Summarizes a CPU profile of a target process: where its main thread spends its time, by
 * package (self, and with Node's internals charged to the caller) and by function (self).
 *
 *   npm run bench -- --only trpc.protected --profile .prof
 *   node --import tsx server/bench/profile-summary.ts .prof/app.cpuprofile
 *
 * `--profile` records the measured rounds in every target's process (targets.ts), not
 * their start or warm-up; the profiler's own cost makes those rounds dearer.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: profile-summary.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));

/** `node_modules/@clerk/backend/…` → `@clerk/backend`; app files keep their path. */
function packageOf(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (url.startsWith('node:') || url === '') return url || '(native/gc/idle)';
  return url.replace(/^.*\/server\//, 'server/');
}

const parentOf = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parentOf.set(child, node.id);

/**
 * The innermost package or app file on the sample's stack: Node's own work (Request,
 * streams, AbortSignal, http) is charged to whoever called it. Time spent inside a
 * middleware's `next()` is not charged to that middleware, unlike inclusive time.
 */
function caller(id: number): string {
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const url = nodes.get(at)?.callFrame.url ?? '';
    if (url && !url.startsWith('node:')) return packageOf(url);
  }
  return packageOf(nodes.get(id)?.callFrame.url ?? '');
}

const selfByFunction = new Map<string, number>();
const byCaller = new Map<string, number>();
const selfByPackage = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = nodes.get(id);
  const dt = profile.timeDeltas[i] ?? 0;
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === '(idle)') return;
  total += dt;
  const fn = `${functionName || '(anonymous)'} ${packageOf(url)}:${lineNumber + 1}`;
  selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + dt);
  const pkg = packageOf(url);
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + dt);
  const owner = caller(id);
  byCaller.set(owner, (byCaller.get(owner) ?? 0) + dt);
});

function print(title: string, map: Map<string, number>) {
  console.log(`\n${title} (of ${(total / 1e6).toFixed(1)} s busy)`);
  for (const [name, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}
print('self time by package, Node internals charged to their caller', byCaller);
print('self time by package', selfByPackage);
print('self time by function', selfByFunction);
