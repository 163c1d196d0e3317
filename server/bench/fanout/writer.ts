import { setTimeout as sleep } from 'node:timers/promises';
import { epochMs } from './clock.ts';
import { writeTitle } from './write-title.ts';

/** Each write's stamps (epoch ms, clock.ts) and outcome, by its number. */
export interface Writes {
  count: number;
  /** Just before the request was handed to `fetch`. */
  startedAt: Float64Array;
  /** When the whole response had arrived. */
  respondedAt: Float64Array;
  /** 1 if the API answered 2xx: the task and its event committed before that answer. */
  ok: Uint8Array;
  /** The first few failures, for the report. */
  failures: string[];
}

export const okCount = (writes: Writes): number => writes.ok.reduce((n, ok) => n + ok, 0);

/**
 * `count` `tasks.create` calls at `perSecond`, round-robin over `urls`, each sent at its
 * slot on the clock whether or not the ones before have been answered (an open loop: a slow
 * answer does not slow the rate down). Resolves when every call has been answered.
 */
export async function writeSteadily(opts: {
  urls: string[];
  token: string;
  projectId: string;
  tag: string;
  perSecond: number;
  count: number;
}): Promise<Writes> {
  const writes: Writes = {
    count: opts.count,
    startedAt: new Float64Array(opts.count),
    respondedAt: new Float64Array(opts.count),
    ok: new Uint8Array(opts.count),
    failures: [],
  };
  const headers = { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' };
  const write = async (seq: number) => {
    const url = `${opts.urls[seq % opts.urls.length]}/trpc/tasks.create`;
    const body = JSON.stringify({ projectId: opts.projectId, title: writeTitle(opts.tag, seq) });
    writes.startedAt[seq] = epochMs();
    try {
      const response = await fetch(url, { method: 'POST', headers, body });
      const text = await response.text();
      writes.respondedAt[seq] = epochMs();
      if (response.ok) writes.ok[seq] = 1;
      else if (writes.failures.length < 5) {
        writes.failures.push(`#${seq}: ${response.status} ${text.slice(0, 200)}`);
      }
    } catch (error) {
      writes.respondedAt[seq] = epochMs();
      if (writes.failures.length < 5) writes.failures.push(`#${seq}: ${String(error)}`);
    }
  };
  const began = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let seq = 0; seq < opts.count; seq++) {
    const wait = began + (seq * 1000) / opts.perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(write(seq));
  }
  await Promise.all(inFlight);
  return writes;
}
