/**
 * Milliseconds since the epoch, to the microsecond: the writer (the bench's process) and the
 * subscribers (a process of their own) stamp with it, and a delivery's latency is one's
 * stamp minus the other's. `performance.timeOrigin` is each process's start on the system
 * clock and `performance.now()` is monotonic from there, so stamps of two processes on one
 * machine compare (`Date.now()` has 1 ms steps, as large as the latencies measured).
 */
export const epochMs = (): number => performance.timeOrigin + performance.now();
