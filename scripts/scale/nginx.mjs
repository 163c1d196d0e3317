import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.mjs';

export const NGINX = '/usr/sbin/nginx';
const template = fileURLToPath(new URL('../nginx/tasklane.conf.template', import.meta.url));

/** scripts/nginx/tasklane.conf.template with its placeholders filled in. */
export function renderNginxConfig({ prefix, listen, upstreams, locationExtras = '' }) {
  const values = {
    PREFIX: prefix,
    LISTEN: listen,
    UPSTREAM_SERVERS: upstreams
      .map((address) => `server ${address} max_fails=1 fail_timeout=5s;`)
      .join('\n    '),
    LOCATION_EXTRAS: locationExtras,
  };
  return readFileSync(template, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`the nginx template has an unknown {{${name}}}`);
    return values[name];
  });
}

/**
 * Debian's nginx in the foreground (`daemon off`), as a child of this process, with its
 * configuration, logs and temp files in `prefix`. Resolves once it answers on `port`.
 */
export async function startNginx({ prefix, port, upstreams, locationExtras }) {
  if (!existsSync(NGINX)) {
    throw new Error(`${NGINX} is missing: apt-get install -y nginx`);
  }
  mkdirSync(prefix, { recursive: true, mode: 0o755 });
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    renderNginxConfig({ prefix, listen: `127.0.0.1:${port}`, upstreams, locationExtras }),
  );
  const errorLog = join(prefix, 'error.log');
  const child = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', errorLog, '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  await waitFor(`nginx on port ${port}`, async () => {
    if (exited) throw new Error(`nginx exited at start:\n${readFileSync(errorLog, 'utf8')}`);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    return res !== undefined;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    accessLog: join(prefix, 'access.log'),
    errorLog,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        // TERM: nginx's fast shutdown, which ends open streams too.
        child.kill('SIGTERM');
      }),
  };
}
