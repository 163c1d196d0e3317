/** A server process's CPU time so far and its memory. */
export interface ProcessUsage {
  /** User + system CPU time of the whole process (all its threads), in µs. */
  cpuMicros: number;
  rssMb: number;
  /** V8's heap in use (the fan-out scenario's memory per open stream reads it). */
  heapUsedMb: number;
}

export function ownUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuMicros: cpu.user + cpu.system,
    rssMb: memory.rss / 2 ** 20,
    heapUsedMb: memory.heapUsed / 2 ** 20,
  };
}
