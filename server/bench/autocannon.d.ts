/**
 * The part of autocannon 9's programmatic API the benchmark uses (the package ships no
 * types, and adding @types/autocannon would change the lockfile).
 */
declare module 'autocannon' {
  export interface Request {
    method?: 'GET' | 'POST';
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  export interface Options {
    url: string;
    connections?: number;
    /** Seconds; fractions allowed. */
    duration?: number;
    /** Milliseconds between samples (default 1000). A run ends on a sample, not before. */
    sampleInt?: number;
    /** Per connection, sent in order, then again from the first. */
    requests?: Request[];
  }

  export interface Histogram {
    total: number;
    p50: number;
    p99: number;
  }

  export interface Result {
    /** Seconds, measured. */
    duration: number;
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  }

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
