import type { ClientRateLimitInfo, Store } from 'express-rate-limit';
import pg from 'pg';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  type RateLimiterRes,
} from 'rate-limiter-flexible';

/** How long a count may wait on the database before this request is counted locally. */
const DATABASE_WAIT_MS = 2_000;
/** At most one line per outage of the shared counts, not one per request. */
const OUTAGE_LOG_INTERVAL_MS = 60_000;

export interface PostgresRateLimitStoreOptions {
  /** The window's length; counts start over this long after a key's first request. */
  windowMs: number;
  /** Where a line goes when the shared counts cannot be reached (console.error by default). */
  log?: (line: string) => void;
}

/**
 * express-rate-limit's `Store` over `rate-limiter-flexible`'s `RateLimiterPostgres`: the
 * counts live in the `rate_limits` table (migration 0003), so every API instance on one
 * PostgreSQL enforces one limit per user. It has a small pool of its own, so counting
 * never waits behind the app's queries.
 *
 * When the database cannot be reached, a request is counted in this process's memory
 * instead, and the limit holds per instance until the database answers again. That is
 * fail-open for the shared limit, deliberately: the API's every procedure needs the same
 * PostgreSQL, so refusing calls (fail-closed) would turn a hiccup of this two-connection pool
 * into an outage of an API that could still answer, while the per-instance count keeps a
 * single client bounded (at most the limit times the number of instances).
 */
export class PostgresRateLimitStore implements Store {
  /** Counts are shared between instances: express-rate-limit's double-count check knows. */
  readonly localKeys = false;
  readonly prefix = 'api:';
  private readonly pool: pg.Pool;
  private readonly shared: RateLimiterAbstract;
  private readonly local: RateLimiterMemory;
  private readonly log: (line: string) => void;
  private lastOutageLog = Number.NEGATIVE_INFINITY;

  constructor(databaseUrl: string, options: PostgresRateLimitStoreOptions) {
    this.log = options.log ?? ((line) => console.error(line));
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 2,
      connectionTimeoutMillis: DATABASE_WAIT_MS,
      query_timeout: DATABASE_WAIT_MS,
    });
    // As in db/database.ts: a connection lost while idle or in use must not crash the process.
    this.pool.on('error', () => {});
    this.pool.on('connect', (client) => client.on('error', () => {}));
    const duration = Math.max(1, Math.ceil(options.windowMs / 1000));
    // `points` is never consumed against: express-rate-limit compares the count to its limit.
    const common = { keyPrefix: 'api', points: Number.MAX_SAFE_INTEGER, duration };
    this.shared = new RateLimiterPostgres({
      ...common,
      storeClient: this.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
    });
    this.local = new RateLimiterMemory(common);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    return rateLimitInfo(
      await this.counted(
        () => this.shared.penalty(key, 1),
        () => this.local.penalty(key, 1),
      ),
    );
  }

  async decrement(key: string): Promise<void> {
    await this.counted(
      () => this.shared.reward(key, 1),
      () => this.local.reward(key, 1),
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.counted(
      () => this.shared.delete(key),
      () => this.local.delete(key),
    );
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const res = await this.counted(
      () => this.shared.get(key),
      () => this.local.get(key),
    );
    return res ? rateLimitInfo(res) : undefined;
  }

  /** Closes the pool (express-rate-limit calls it on shutdown; tests do). */
  async shutdown(): Promise<void> {
    await this.pool.end();
  }

  /** The shared count, or this process's when the database fails (see the class comment). */
  private async counted<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      return await shared();
    } catch (error) {
      const now = Date.now();
      if (now - this.lastOutageLog >= OUTAGE_LOG_INTERVAL_MS) {
        this.lastOutageLog = now;
        const reason = error instanceof Error ? error.message : String(error);
        this.log(
          `Rate limit: the shared counts in PostgreSQL are unreachable (${reason.replace(/\s+/g, ' ')}); counting per instance until they answer.`,
        );
      }
      return local();
    }
  }
}

function rateLimitInfo(res: RateLimiterRes): ClientRateLimitInfo {
  return {
    totalHits: res.consumedPoints,
    resetTime: new Date(Date.now() + Math.max(0, res.msBeforeNext)),
  };
}
