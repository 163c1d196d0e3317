import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PostgreSQL's CPU time so far (µs), when it is the throwaway cluster on this machine
 * (scripts/pg-temp-cluster.sh exports PG_TEMP_DIR) and Linux's /proc shows it: the
 * postmaster, its live children (backends, the WAL writer…) and the children it has reaped.
 * Beside the API's figure it shows what each delivered event costs the database, which on
 * one machine competes for the same cores. Undefined otherwise: the report leaves it out.
 */
export function postgresCpuReader(databaseUrl: string): (() => number) | undefined {
  try {
    const dir = process.env.PG_TEMP_DIR;
    if (!dir) return undefined;
    // postmaster.pid: its pid, data directory, start time, port, …
    const [pid, , , port] = readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n');
    if (!pid || port !== new URL(databaseUrl).port) return undefined;
    const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    const microsPerTick = 1e6 / (ticksPerSecond > 0 ? ticksPerSecond : 100);
    const read = () => postmasterTicks(pid) * microsPerTick;
    read();
    return read;
  } catch {
    return undefined;
  }
}

/** Fields after the command name (which may hold spaces) of /proc/<pid>/stat. */
function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone since the directory was listed
  }
}

function postmasterTicks(postmaster: string): number {
  // From field 3 (state) on: ppid is [1], utime [11], stime [12], cutime [13], cstime [14].
  const own = statFields(postmaster);
  if (!own) throw new Error('PostgreSQL is not running');
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields?.[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}
