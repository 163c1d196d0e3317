#!/usr/bin/env node
// `npm run test:scale`: three API instances behind nginx, on one throwaway PostgreSQL,
// answering as one (docs/scaling.md). Starts everything, runs server/src/**/*.scale-test.ts
// against it, and tears it all down: on success, failure and Ctrl-C alike.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiInstance } from './scale/api-instance.mjs';
import { startControlServer } from './scale/control-server.mjs';
import { freePort } from './scale/free-port.mjs';
import { NGINX, startNginx } from './scale/nginx.mjs';
import { startPgCluster } from './scale/pg-cluster.mjs';

const INSTANCES = 3;
/** Small, so the rate-limit test spends it in a few calls; the other tests spread their calls. */
const RATE_LIMIT_REQUESTS = 30;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const began = Date.now();
const seconds = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
const say = (line) => console.log(`[test:scale ${seconds()}] ${line}`);

/** Undo steps, last first. */
const undo = [];
let tearingDown;
function tearDown() {
  tearingDown ??= (async () => {
    while (undo.length > 0) {
      const step = undo.pop();
      try {
        await step();
      } catch (error) {
        console.error('teardown step failed:', error);
      }
    }
  })();
  return tearingDown;
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    say(`${signal}: tearing down`);
    void tearDown().then(() => process.exit(130));
  });
}

let status = 1;
let instances = [];
let nginx;
try {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx`);
  const work = mkdtempSync(join(tmpdir(), 'tasklane-scale-'));
  // nginx's workers may run as another user (nobody, when started as root): let them in.
  chmodSync(work, 0o755);
  undo.push(() => rmSync(work, { recursive: true, force: true }));

  const pg = startPgCluster();
  undo.push(() => pg.stop());
  say(`PostgreSQL at ${pg.databaseUrl}`);

  const dataDir = join(work, 'data');
  const nginxPort = await freePort();
  const nginxUrl = `http://127.0.0.1:${nginxPort}`;
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    TASKLANE_HOST: 'express',
    HOST: '127.0.0.1',
    AUTH_MODE: 'local',
    DATABASE_URL: pg.databaseUrl,
    DATA_DIR: dataDir,
    APP_ORIGINS: nginxUrl,
    RATE_LIMIT_STORE: 'postgres',
    RATE_LIMIT_REQUESTS: String(RATE_LIMIT_REQUESTS),
    RATE_LIMIT_WINDOW_SECONDS: '60',
  };

  // Migrations and the demo board once, before any instance: three seeding at once would race.
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'server/scripts/db-seed.ts'], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`db:seed failed:\n${seed.stderr}${seed.stdout}`);
  say('migrated and seeded');

  instances = Array.from({ length: INSTANCES }, (_, index) =>
    apiInstance({ index, env, logFile: join(work, `instance-${index}.log`) }),
  );
  undo.push(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    for (const instance of instances) instance.close();
  });
  // All at once on an empty DATA_DIR: they race to create the signing key, as in production.
  await Promise.all(instances.map((instance) => instance.start(0)));
  say(`instances on ports ${instances.map((i) => i.describe().port).join(', ')}`);

  nginx = await startNginx({
    prefix: join(work, 'nginx'),
    port: nginxPort,
    upstreams: instances.map((instance) => `127.0.0.1:${instance.describe().port}`),
    // Which instance answered: the tests read it (not in the template: it names internals).
    locationExtras: 'add_header X-Upstream-Addr $upstream_addr always;',
  });
  undo.push(() => nginx.stop());
  say(`nginx at ${nginxUrl}`);

  const control = await startControlServer({
    cluster: {
      nginxUrl,
      accessLog: nginx.accessLog,
      databaseUrl: pg.databaseUrl,
      dataDir,
      rateLimit: { requests: RATE_LIMIT_REQUESTS, windowSeconds: 60 },
    },
    instances,
  });
  undo.push(() => control.close());

  const vitest = spawn('npx', ['vitest', 'run', '--config', 'server/vitest.scale.config.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, SCALE_CONTROL_URL: control.url, DATABASE_URL: pg.databaseUrl },
  });
  undo.push(() => vitest.exitCode === null && vitest.kill('SIGTERM'));
  status = await new Promise((resolve) => vitest.once('exit', (code) => resolve(code ?? 1)));
} catch (error) {
  console.error(`test:scale: ${error instanceof Error ? error.message : error}`);
  status = 1;
}

if (status !== 0 && !interrupted) {
  // What the servers said, before their directory goes.
  const tail = (file) => readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  for (const instance of instances) {
    const { logFile } = instance;
    if (logFile && existsSync(logFile)) console.error(`--- ${logFile}\n${tail(logFile)}`);
  }
  if (nginx && existsSync(nginx.errorLog)) console.error(`--- nginx\n${tail(nginx.errorLog)}`);
}
await tearDown();
say(status === 0 ? 'passed' : 'FAILED');
process.exit(status);
