#!/usr/bin/env node
// `npm run check:typed-client`: the API's types as a project outside this repository uses
// them (examples/typed-client, not a workspace):
//   1. build the types package (server/types-dist, scripts/build-api-types.mjs);
//   2. `npm ci` in the example: its own lockfile, @trpc/client + @trpc/server + typescript;
//   3. `tsc --noEmit` on it, and its program holds no file of the server or its packages;
//   4. mistakes/mistakes.ts fails, with an error on each mistake's line and on no other;
//   5. start the API (local auth mode, a temporary DATA_DIR, a free port) and run the
//      example against it: signed out, then as a demo user; then stop the API.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const example = join(root, 'examples/typed-client/');
const started = Date.now();

function step(title) {
  console.log(
    `\n== check:typed-client: ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

function fail(message) {
  console.error(`check:typed-client: FAILED: ${message}`);
  process.exit(1);
}

/** Runs a command to completion; output is shown unless `capture`, then it is returned. */
function run(command, args, { cwd = root, capture = false, env = process.env, timeout } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    timeout,
    encoding: 'utf8',
    stdio: capture ? 'pipe' : 'inherit',
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function mustRun(command, args, options) {
  const result = run(command, args, options);
  if (result.status !== 0) {
    if (options?.capture) console.error(result.output);
    fail(`\`${[command, ...args].join(' ')}\` exited ${result.status}`);
  }
  return result.output;
}

step('build the types');
mustRun('node', ['scripts/build-api-types.mjs']);

step('install the example (npm ci)');
mustRun('npm', ['ci', '--no-audit', '--no-fund'], { cwd: example });

step('typecheck the example');
mustRun('npx', ['tsc', '--noEmit'], { cwd: example });

// The consumer's program: only the example's own files and packages. TypeScript resolves
// undici-types' (under @types/node) `import 'buffer'` by walking up to the repository's
// node_modules/buffer; outside this repository that is @types/node's own `buffer` module.
const files = mustRun('npx', ['tsc', '--noEmit', '--listFilesOnly'], {
  cwd: example,
  capture: true,
})
  .split('\n')
  .filter(Boolean);
const outside = files.filter((file) => !file.startsWith(example));
const leaked = outside.filter((file) => !file.startsWith(join(root, 'node_modules/buffer/')));
if (leaked.length > 0) {
  fail(`the example's program reaches outside it:\n  ${leaked.join('\n  ')}`);
}
const count = (pattern) => files.filter((file) => pattern.test(file)).length;
console.log(
  `${files.length} files in the consumer's program: ` +
    `${count(/\/@tasklane\/api-types\//)} API types, ` +
    `${count(/\/@trpc\//)} @trpc/client + @trpc/server, ` +
    `${count(/\/(@types\/node|undici-types)\/|\/node_modules\/buffer\//)} Node.js types, ` +
    `${count(/\/@typescript\/|\/typescript\/lib\//)} TypeScript libs, ` +
    `${count(/typed-client\/src\//)} of the example's own`,
);

step('the mistakes must not typecheck');
const mistakesFile = 'mistakes/mistakes.ts';
const expected = readFileSync(join(example, mistakesFile), 'utf8')
  .split('\n')
  .flatMap((line, index) => (/^\s*\/\/ mistake:/.test(line) ? [index + 2] : []));
const mistakes = run('npx', ['tsc', '-p', 'tsconfig.mistakes.json', '--pretty', 'false'], {
  cwd: example,
  capture: true,
});
const errors = [...mistakes.output.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)].map(
  ([, file, line, code]) => ({ file, line: Number(line), code }),
);
const strayErrors = errors.filter((e) => e.file !== mistakesFile || !expected.includes(e.line));
const caught = new Set(errors.filter((e) => e.file === mistakesFile).map((e) => e.line));
const missed = expected.filter((line) => !caught.has(line));
if (mistakes.status === 0 || missed.length > 0 || strayErrors.length > 0 || !expected.length) {
  console.error(mistakes.output);
  fail(
    `tsc exited ${mistakes.status}; mistakes not caught on lines [${missed.join(', ')}]; ` +
      `errors elsewhere: ${strayErrors.map((e) => `${e.file}:${e.line}`).join(', ') || 'none'}`,
  );
}
for (const e of errors) console.log(`  ${e.file}:${e.line} ${e.code}`);
console.log(`all ${expected.length} mistakes caught, no other errors`);

step('build the example');
mustRun('npx', ['tsc'], { cwd: example });

step('start the API');
const port = await new Promise((resolve, reject) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
  probe.on('error', reject);
});
const dataDir = mkdtempSync(join(tmpdir(), 'tasklane-typed-client-'));
const baseUrl = `http://127.0.0.1:${port}`;
// Detached: the API runs in a process group of its own (npm, then node), stopped as a whole.
const api = spawn('npm', ['run', 'serve'], {
  cwd: root,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    AUTH_MODE: 'local',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
  },
});
let apiLog = '';
api.stdout.on('data', (chunk) => {
  apiLog += chunk;
});
api.stderr.on('data', (chunk) => {
  apiLog += chunk;
});
const apiExited = new Promise((resolve) =>
  api.on('exit', (code, signal) => resolve({ code, signal })),
);

async function stopApi() {
  try {
    process.kill(-api.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  let stopped = await Promise.race([apiExited, sleep(15_000).then(() => undefined)]);
  if (!stopped) {
    process.kill(-api.pid, 'SIGKILL');
    stopped = await apiExited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`API stopped (${stopped.signal ?? `exit code ${stopped.code}`})`);
}

// Ctrl-C does not reach the API's process group: stop it here.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    try {
      process.kill(-api.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(1);
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let exitCode = 0;
try {
  let ready = false;
  for (let i = 0; i < 240 && !ready && api.exitCode === null; i++) {
    ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (!ready) await sleep(500);
  }
  if (!ready) throw new Error(`the API did not become ready on ${baseUrl}:\n${apiLog}`);
  console.log(`API ready on ${baseUrl}`);

  step('run the example against it');
  const result = run('node', ['dist/main.js'], {
    cwd: example,
    env: { ...process.env, TASKLANE_URL: baseUrl },
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`the example exited ${result.status}`);
} catch (error) {
  console.error(`check:typed-client: FAILED: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  step('stop the API');
  await stopApi();
}
if (exitCode === 0) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\ncheck:typed-client: passed in ${seconds} s (${relative(root, example)})`);
}
process.exit(exitCode);
