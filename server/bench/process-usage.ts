/** A server process's CPU time so far and its resident memory. */
export interface ProcessUsage {
  /** User + system CPU time of the whole process (all its threads), in µs. */
  cpuMicros: number;
  rssMb: number;
}

export function ownUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  return { cpuMicros: cpu.user + cpu.system, rssMb: process.memoryUsage().rss / 2 ** 20 };
}
